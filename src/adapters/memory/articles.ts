import type { Article } from '../../core/types.js';

/**
 * The built-in knowledge base, generated from tables so that 154 articles per
 * language cost little more than the facts they are made of: every subject (a
 * service process such as "a refund") has the same kinds of facts, and every
 * question template turns one of them into an answer.
 *
 * Subjects are `id tag main`, one a line. The everyday words for a subject
 * ("到哪了", "where") go only to the question they usually mean, its `main`
 * template, so that a real question finds one answer instead of seven
 * near-equal ones.
 */
const SUBJECTS = `delivery shipping time
tracking shipping status
return returns how
refund returns time
einvoice invoices how
vatinvoice invoices need
cardpay payment fail
installment payment fee
cancel orders how
address address change
password account how
phone account how
coupon coupons fail
priceprotect coupons how
vip membership how
points membership how
warranty after-sales how
exchange after-sales how
install product how
restock product how
export privacy how
delete privacy how`;

// The facts of each subject, on the same line as its entry in SUBJECTS:
// `name|keywords|time|fee|where|need|change|fix`; an empty fee means free.
// Each language is one block because that compresses better than interleaving them.
const FACTS = [
  `快递配送|快递 配送 运费 几天到|一般发货后1–3天送达|满99元包邮，否则8元|我的订单 › 物流|准确的地址和手机号|发货前可改配送方式|可请快递员改约，或让客服催件
物流查询|快递 包裹 物流 到哪了 单号|发货后2小时内可查|免费|我的订单 › 物流|订单号或运单号|物流由快递公司更新，无法修改|超过48小时未更新，请联系客服核实
退货|退货 七天无理由 寄回|在仓库签收后1–2个工作日内验收|七天内免运费|我的订单 › 售后|订单号、原因和照片|验收前可撤销|可补充照片，或转人工审核
退款|退款 退钱 到账|原路退回，银行卡1–5个工作日到账|无手续费|我的订单 › 退款|订单号和原因|到账前可撤销|超时未到账请提供银行流水，我们协助查询
电子发票|发票 开票 报销 抬头|确认收货后24小时内发到邮箱|免费|我的订单 › 发票|抬头、税号和邮箱|180天内可换开一次|请查看垃圾邮件，或在发票页重新发送
增值税专用发票|专票 增值税 企业 税号|资质审核后5个工作日内寄出|免费包邮|账户 › 增票资质|营业执照、开户行和税号|寄出前可修改|审核未通过时，按提示补充材料再提交
银行卡支付|支付 付款 扣款 失败|实时到账|免手续费|收银台 › 银行卡|本人银行卡和预留手机|付款后不能换支付方式|扣款成功但未付款的，24小时内自动退回
分期付款|分期 花呗 免息|下单时即时审批|3期和6期免息，12期每期0.6%|收银台 › 分期|支持分期的信用卡|下单后不能改期数|审批未通过可全额支付或换卡
取消订单|取消 不想要了 撤单|未发货即时取消，1–3天退款|免费|我的订单 › 取消订单|订单号和原因|发货后不能取消，签收后可退货|按钮灰色说明已出库，可请客服拦截
修改收货地址|地址 改地址 填错|提交后立即生效|免费|我的订单 › 修改地址|新地址和收件人手机|发货前可改，发货后请联系快递员转寄|修改失败说明已出库，可请客服拦截
重置密码|密码 登录 忘记密码 验证码|验证后立即生效|免费|登录页 › 忘记密码|手机或邮箱验证码|可随时在账户安全中修改|收不到验证码请60秒后重试
更换绑定手机|手机号 换绑 账号|两个号码验证后生效|免费|账户 › 安全|原手机验证码或身份证明|每30天可换一次|原号码停用可提交人工申诉
优惠券使用|优惠券 满减 红包 用不了|下单时自动抵扣|免费，门槛见券面|我的 › 优惠券|有效且满足门槛的券|取消订单后未过期的券会退回|请检查有效期、适用商品和最低消费
价格保护|价保 降价 差价|申请后1个工作日内退差价|免费，签收后7天内有效|我的订单 › 价格保护|订单号和降价页面|每件商品限一次|被拒可能是秒杀价，可请客服复核
VIP会员|会员 VIP 权益 专属客服|开通即生效，有效12个月|年费199元|我的 › 会员中心|实名认证的账户|7天内未使用权益可全额退款|权益未生效请重新登录
积分兑换|积分 兑换 过期|即时到账|免费，只扣积分|我的 › 积分商城|足够的积分|实物发货前可取消，积分退回|积分在确认收货7天后发放
保修维修|保修 维修 坏了 故障|收到后7–10个工作日修好寄回|保修期内免费|我的订单 › 售后 › 维修|订单号、故障描述和照片|确认报价前可取消|修好后30天内复发可免费再修
换货|换货 换尺码 发错货|收到退回后2天内发新货|质量问题免费|我的订单 › 售后 › 换货|订单号、新规格和照片|新货发出前可改为退款|新规格缺货时可改为退款
上门安装|安装 上门 师傅|签收后48小时内上门|大家电免费|我的订单 › 预约安装|订单号、地址和时间|上门前4小时可改约|师傅未按时上门请联系客服
到货通知|缺货 到货 补货 有货|补货后短信提醒|免费|商品页 › 到货通知|登录并选好规格|可随时取消|没收到请检查短信设置
个人数据导出|隐私 个人信息 导出|3个工作日内生成下载链接|免费|账户 › 隐私 › 导出|短信验证|生成前可撤销|链接7天有效，过期可重新申请
注销账号|注销 删除账号 隐私|15天冷静期后永久删除|免费|账户 › 隐私 › 注销|短信验证码，且无未完成订单|冷静期内登录即可撤销|无法提交时，请先处理未完成订单`,
  `standard delivery|delivery shipping courier arrive|arrives 1–3 days after dispatch|free over ¥99, otherwise ¥8|My Orders › Tracking|a full address and phone number|You can switch methods until dispatch|Reschedule with the courier or ask us to chase it
package tracking|package parcel where tracking|appears within 2 hours of dispatch||My Orders › Tracking|the order or tracking number|The courier updates it; it cannot be edited|If it has not moved for 48 hours, contact us
a return|return send back|is checked within 1–2 business days of arrival|free within 7 days|My Orders › After-sales|the order number, a reason and photos|You can withdraw it until it is checked|Add photos or ask an agent to review it
a refund|refund money back|goes back to your payment method in 1–5 business days|free of charge|My Orders › Refunds|the order number and a reason|You can withdraw it until it is paid out|If it is late, send us a bank statement and we will trace it
an e-invoice|invoice receipt billing|is emailed within 24 hours of delivery||My Orders › Invoices|the title, tax ID and an email|You can reissue it once within 180 days|Check your spam folder or resend it from Invoices
a VAT invoice|vat company business tax|is posted within 5 business days of approval|free, postage included|Account › VAT details|your business licence, bank details and tax ID|You can change it until it is posted|If your details are rejected, add what is missing and resubmit
card payment|payment pay card charged failed|goes through instantly|free of fees|Checkout › Card|a card in your name and its phone number|You cannot switch methods after paying|If you were charged but the order is unpaid, the money returns within 24 hours
installment payment|installments monthly interest|is approved instantly at checkout|interest-free for 3 or 6 months, 0.6% a month for 12|Checkout › Installments|a card that supports installments|The plan cannot be changed after ordering|If approval fails, pay in full or try another card
order cancellation|cancel cancellation|is instant before dispatch, refunded in 1–3 days||My Orders › Cancel|the order number and a reason|Once shipped it cannot be cancelled, but you can return it|If the button is grey, the order has left; ask us to intercept it
an address change|address wrong address|takes effect at once||My Orders › Change address|the new address and a phone number|You can change it until the order ships|If it fails, the order has shipped; ask us to intercept it
a password reset|password login sign in forgot|takes effect once you verify||Sign-in › Forgot password|a code sent to your phone or email|You can change it any time under Account › Security|If no code arrives, retry after 60 seconds
a phone number change|phone mobile number account|works once both numbers are verified||Account › Security|a code from the old number or an ID|You can change it once every 30 days|If the old number is gone, file an appeal
coupon redemption|coupon voucher promo discount|applies at checkout|free; each coupon has a minimum spend|Me › Coupons|a valid coupon and enough in your cart|If you cancel, an unexpired coupon comes back|Check the expiry date, eligible items and minimum spend
price protection|price drop difference cheaper|refunds the difference within 1 business day|free for 7 days after delivery|My Orders › Price protection|the order number and the lower price|You can claim it once per item|If refused, it may be a flash sale; ask us to recheck
VIP membership|vip member benefits priority|starts at once and lasts a year|¥199 a year|Me › Membership|a verified account|You can cancel within 7 days for a full refund|If benefits do not show, sign in again
points redemption|points rewards redeem|is credited instantly|free; it only uses points|Me › Rewards|enough points|You can cancel before dispatch and get the points back|Points arrive 7 days after you confirm delivery
a warranty repair|warranty repair broken faulty|takes 7–10 business days|free under warranty|My Orders › After-sales › Repair|the order number, the fault and photos|You can cancel until you accept the quote|If the fault returns within 30 days, we fix it free
an exchange|exchange swap size wrong item|ships within 2 days of getting the old item|free for faulty items|My Orders › After-sales › Exchange|the order number, the new size and photos|You can switch to a refund until it ships|If the new size is out of stock, take a refund
home installation|install technician setup|happens within 48 hours of delivery|free for large appliances|My Orders › Installation|the order number, address and a time|You can reschedule up to 4 hours before|If no one comes, contact us
a restock alert|restock out of stock available|texts you when it is back||Product page › Notify me|a signed-in account and a size|You can cancel it any time|If no text came, check your SMS settings
a data export|privacy personal data export|is ready within 3 business days||Account › Privacy › Export|an SMS code|You can withdraw it until it is ready|Links last 7 days; request a new one if it expired
account deletion|delete close account|is final after a 15-day cooling-off period||Account › Privacy › Delete|an SMS code and no open orders|Sign in during the cooling-off period to undo it|If you cannot submit, finish open orders first`,
] as const;

/**
 * A question template: `title|answer|keywords` in zh and en, where `{n}` is the
 * subject's name, `{N}` the same capitalized, and other names are its facts.
 */
const TEMPLATES: readonly (readonly [id: string, zh: string, en: string])[] = [
  [
    'how',
    '{n}怎么办理？|请在「{where}」办理，需准备{need}。|怎么 如何 办理',
    'How does {n} work?|Go to {where} and have {need} ready.|how',
  ],
  ['time', '{n}需要多久？|{n}{time}。|多久 几天 时效', 'How long does {n} take?|{N} {time}.|how long time days'],
  ['fee', '{n}收费吗？|{n}{fee}。|费用 收费 多少钱', 'Does {n} cost anything?|{N} is {fee}.|cost fee price free'],
  ['fail', '{n}出问题了该找谁？|{fix}。|失败 问题 不行', 'What if {n} goes wrong?|{fix}.|problem failed wrong'],
  [
    'status',
    '在哪里查看{n}的进度？|在「{where}」可以查看进度。|进度 查看 状态',
    'Where can I see the status of {n}?|See it under {where}.|status progress check',
  ],
  ['change', '{n}可以修改或取消吗？|{change}。|修改 取消 更改', 'Can I change or cancel {n}?|{change}.|change cancel'],
  [
    'need',
    '办理{n}需要准备什么？|请准备{need}。|材料 准备 需要',
    'What do I need for {n}?|Have {need} ready.|need documents require',
  ],
];

const BODY = [
  '\n\n- 办理入口：**{where}**\n- 所需材料：{need}\n- 处理时效：{time}\n- 费用：{fee}\n\n更多说明：https://help.youxuan.example/{tag}',
  '\n\n- Where: **{where}**\n- You need: {need}\n- Timing: {time}\n- Cost: {fee}\n\nMore: https://help.youxuan.example/{tag}',
] as const;

const fill = (template: string, facts: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => facts[key] ?? '');

/**
 * The sample knowledge base in one language: every subject asked every way.
 * Ids are the same in both languages (`refund-time`), so recommendations link either.
 */
export const sampleArticles = (lang: 0 | 1): Article[] => {
  const lines = FACTS[lang].split('\n');
  return SUBJECTS.split('\n').flatMap((subjectLine, at) => {
    const [subject, tag = '', main] = subjectLine.split(' ');
    const [n = '', kw = '', time = '', fee, where = '', need = '', change = '', fix = ''] = (lines[at] ?? '').split(
      '|',
    );
    const facts = {
      n,
      N: n.charAt(0).toUpperCase() + n.slice(1),
      time,
      fee: fee || (lang ? 'free' : '免费'),
      where,
      need,
      change,
      fix,
      tag,
    };
    return TEMPLATES.map(([kind, ...forms]): Article => {
      const [title = '', answer = '', words = ''] = fill(forms[lang] ?? '', facts).split('|');
      return {
        id: `${subject}-${kind}`,
        title,
        summary: answer,
        body: answer + fill(BODY[lang], facts),
        keywords: (kind === main ? `${kw} ${words}` : words).split(' '),
        tags: [tag, kind],
      };
    });
  });
};
