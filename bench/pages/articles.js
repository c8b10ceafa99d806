// A synthetic help centre of any size, in Chinese and English, in the style of the sample knowledge base
// (src/adapters/memory/articles.ts): products × service subjects × question forms × store channels gives
// 105,600 distinct titles, of which a seeded sample is taken, so that every size is reproducible.

const PRODUCTS = [
  ['iPhone 15', 'iPhone 15'],
  ['空气炸锅', 'air fryer'],
  ['羽绒服', 'down jacket'],
  ['扫地机器人', 'robot vacuum'],
  ['蓝牙耳机', 'Bluetooth earbuds'],
  ['洗衣机', 'washing machine'],
  ['儿童座椅', 'child car seat'],
  ['咖啡机', 'coffee machine'],
  ['跑步鞋', 'running shoes'],
  ['电动牙刷', 'electric toothbrush'],
  ['床垫', 'mattress'],
  ['投影仪', 'projector'],
  ['婴儿推车', 'stroller'],
  ['冰箱', 'fridge'],
  ['笔记本电脑', 'laptop'],
  ['行李箱', 'suitcase'],
  ['保温杯', 'travel mug'],
  ['智能手表', 'smartwatch'],
  ['吸尘器', 'vacuum cleaner'],
  ['电饭煲', 'rice cooker'],
  ['显示器', 'monitor'],
  ['机械键盘', 'mechanical keyboard'],
  ['猫粮', 'cat food'],
  ['茶叶礼盒', 'tea gift box'],
  ['护肤套装', 'skincare set'],
  ['台灯', 'desk lamp'],
  ['登山包', 'hiking backpack'],
  ['净水器', 'water purifier'],
  ['电视', 'TV'],
  ['平板电脑', 'tablet'],
];

// `tag`, then the subject and its everyday words in each language.
const SUBJECTS = [
  ['refund', '退款', '退款 退钱 到账', 'a refund', 'refund money back'],
  ['return', '退货', '退货 七天无理由 寄回', 'a return', 'return send back'],
  ['exchange', '换货', '换货 换尺码 发错货', 'an exchange', 'exchange swap size'],
  ['invoice', '电子发票', '发票 开票 报销 抬头', 'an e-invoice', 'invoice receipt billing'],
  ['tracking', '物流查询', '快递 包裹 物流 到哪了 单号', 'parcel tracking', 'parcel package where tracking'],
  ['address', '修改收货地址', '地址 改地址 填错', 'an address change', 'address wrong address'],
  ['cancel', '取消订单', '取消 不想要了 撤单', 'order cancellation', 'cancel cancellation'],
  ['warranty', '保修维修', '保修 维修 坏了 故障', 'a warranty repair', 'warranty repair broken faulty'],
  ['install', '上门安装', '安装 上门 师傅', 'home installation', 'install technician setup'],
  ['coupon', '优惠券使用', '优惠券 满减 红包 用不了', 'coupon redemption', 'coupon voucher promo discount'],
  ['price', '价格保护', '价保 降价 差价', 'price protection', 'price drop difference cheaper'],
  ['installment', '分期付款', '分期 花呗 免息', 'installment payment', 'installments monthly interest'],
  ['points', '积分兑换', '积分 兑换 过期', 'points redemption', 'points rewards redeem'],
  ['vip', 'VIP会员', '会员 VIP 权益', 'VIP membership', 'vip member benefits'],
  ['restock', '到货通知', '缺货 到货 补货 有货', 'a restock alert', 'restock out of stock'],
  ['payment', '银行卡支付', '支付 付款 扣款 失败', 'card payment', 'payment pay card charged'],
  ['shipping', '快递配送', '快递 配送 运费 几天到', 'standard delivery', 'delivery shipping courier'],
  ['damage', '商品破损', '破损 坏了 压坏 漏液', 'a damaged item', 'damaged broken crushed leaking'],
  ['trade-in', '以旧换新', '以旧换新 回收 旧机', 'a trade-in', 'trade-in recycle old device'],
  ['gift', '礼品卡', '礼品卡 充值 余额', 'a gift card', 'gift card balance top up'],
];

// Question forms: `kind`, then the zh and en title with `{s}` the subject and `{p}` the product.
const FORMS = [
  ['how', '{p}的{s}怎么办理？', 'How does {s} work for a {p}?', '怎么 如何 办理', 'how'],
  ['time', '{p}{s}需要多久？', 'How long does {s} take for a {p}?', '多久 几天 时效', 'how long time days'],
  ['fee', '{p}{s}收费吗？', 'Does {s} cost anything for a {p}?', '费用 收费 多少钱', 'cost fee price free'],
  ['fail', '{p}{s}出问题了该找谁？', 'What if {s} goes wrong for my {p}?', '失败 问题 不行', 'problem failed wrong'],
  ['status', '在哪里查看{p}{s}的进度？', 'Where can I see {s} status for my {p}?', '进度 查看 状态', 'status progress'],
  ['change', '{p}{s}可以修改或取消吗？', 'Can I change or cancel {s} for a {p}?', '修改 取消 更改', 'change cancel'],
  ['need', '办理{p}{s}需要准备什么？', 'What do I need for {s} on a {p}?', '材料 准备 需要', 'need documents'],
  ['limit', '{p}{s}有什么限制？', 'Are there limits on {s} for a {p}?', '限制 条件 规则', 'limits rules terms'],
];

const CHANNELS = [
  ['', ''],
  ['（旗舰店）', ' (flagship store)'],
  ['（海外购）', ' (cross-border)'],
  ['（企业采购）', ' (business order)'],
  ['（以旧换新）', ' (trade-in)'],
  ['（预售）', ' (pre-order)'],
  ['（直播间）', ' (live-stream deal)'],
  ['（会员专享）', ' (members only)'],
  ['（二手）', ' (refurbished)'],
  ['（团购）', ' (group buy)'],
  ['（门店自提）', ' (store pickup)'],
];

const ANSWERS = [
  ['请在「我的订单 › 售后」办理，处理时效1–3个工作日。', 'Go to My Orders › After-sales; it takes 1–3 business days.'],
  ['一般24小时内处理完毕，结果会短信通知。', 'It is usually done within 24 hours and we text you the result.'],
  ['免费办理，特殊商品以页面说明为准。', 'It is free; special items follow the product page.'],
  ['如超时未处理，请联系人工客服协助。', 'If it takes longer, ask an agent to help.'],
];

export const COMBINATIONS = PRODUCTS.length * SUBJECTS.length * FORMS.length * CHANNELS.length * 2;

/** A small seeded generator (mulberry32): the same seed gives the same help centre. */
const seeded = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const article = (n, random) => {
  let rest = n;
  const pick = (list) => {
    const item = list[rest % list.length];
    rest = Math.floor(rest / list.length);
    return item;
  };
  const lang = pick([0, 1]);
  const [zhProduct, enProduct] = pick(PRODUCTS);
  const [tag, zhSubject, zhWords, enSubject, enWords] = pick(SUBJECTS);
  const [kind, zhForm, enForm, zhKind, enKind] = pick(FORMS);
  const channel = pick(CHANNELS)[lang];
  const product = lang ? enProduct : zhProduct;
  const subject = lang ? enSubject : zhSubject;
  const title = (lang ? enForm : zhForm).replace('{p}', product).replace('{s}', subject) + channel;
  const answer = ANSWERS[Math.floor(random() * ANSWERS.length)][lang];
  return {
    id: `a${n}`,
    title,
    summary: answer,
    body: `${answer}\n\n- ${lang ? 'Product' : '商品'}：${product}${channel}`,
    keywords: `${lang ? enWords : zhWords} ${lang ? enKind : zhKind} ${product}`.split(' '),
    tags: [tag, kind],
  };
};

/** `count` distinct articles (at most {@link COMBINATIONS}), a seeded sample of every combination. */
export const generateArticles = (count, seed = 42) => {
  const random = seeded(seed);
  const order = Array.from({ length: COMBINATIONS }, (_, i) => i);
  for (let i = 0; i < Math.min(count, COMBINATIONS); i++) {
    const j = i + Math.floor(random() * (COMBINATIONS - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, count).map((n) => article(n, random));
};

/** What a customer types, one keystroke at a time: 51 keystrokes in all, in both languages. */
export const QUERIES = ['refund air fryer', 'where is my parcel', '空气炸锅退款多久', '发票怎么开', '修改地址'];
