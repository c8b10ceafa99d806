import type { BotPhrases } from '../../core/bot.js';
import type {
  Action,
  ActionField,
  Agent,
  Announcement,
  Customer,
  FieldOption,
  Locale,
  Order,
  Recommendation,
} from '../../core/types.js';

/** Index of a language in the sample tables: 0 is Chinese (zh-CN, also served for zh-TW), 1 is English. */
export type Lang = 0 | 1;

export const langOf = (locale: Locale | undefined): Lang => (String(locale).startsWith('en') ? 1 : 0);

/** Picks the text of a language: `tr(lang)('中文', 'English')`. */
export const tr =
  (lang: Lang) =>
  (zh: string, en: string): string =>
    lang ? en : zh;

const HOUR = 3_600_000;

export const sampleCustomer = (lang: Lang): Customer =>
  lang
    ? { id: 'u-10086', name: 'Alex Chen', email: 'alex.chen@example.com', phone: '138 0013 6502', tier: 'member' }
    : { id: 'u-10086', name: '王小明', email: 'xiaoming.wang@example.com', phone: '138 0013 6502', tier: 'member' };

export const sampleCompany = (lang: Lang): string => tr(lang)('优选商城', 'Youxuan Store');

/** Items are `name×quantity` separated by `;`. Ages are in hours before now. */
const ORDERS: readonly (readonly [id: string, status: string, age: number, total: number, zh: string, en: string])[] = [
  ['YX58203147', 'unpaid', 2, 359, '空气炸锅 4.5L', 'Air fryer 4.5 L'],
  ['YX58197720', 'paid', 20, 428, '纯棉四件套;乳胶枕×2', 'Cotton bedding set;Latex pillow×2'],
  ['YX58190385', 'shipped', 46, 899, '降噪蓝牙耳机', 'Noise-cancelling earbuds'],
  ['YX58176402', 'delivered', 98, 539, '轻量跑步鞋 42码;运动袜×3', 'Running shoes, size 42;Sports socks×3'],
  ['YX58150916', 'cancelled', 150, 99, '保温杯 500ml', 'Insulated bottle 500 ml'],
  ['YX58143358', 'refunding', 190, 189, '羊毛围巾', 'Wool scarf'],
  ['YX58121079', 'completed', 300, 249, '声波电动牙刷', 'Sonic electric toothbrush'],
];

export const sampleOrders = (lang: Lang, now: number): Order[] =>
  ORDERS.map(([id, status, age, total, ...names]) => {
    const items = (names[lang] ?? '').split(';').map((entry) => {
      const [name = '', quantity = '1'] = entry.split('×');
      return { name, quantity: Number(quantity) };
    });
    const [first] = items;
    const more = items.length - 1;
    return {
      id,
      status,
      title: (first?.name ?? id) + (more ? tr(lang)(` 等${items.length}件`, ` + ${more} more`) : ''),
      items,
      total,
      currency: 'CNY',
      createdAt: new Date(now - age * HOUR).toISOString(),
    };
  });

const options = (lang: Lang, list: string): FieldOption[] =>
  list.split(';').map((entry) => {
    const [value = '', ...labels] = entry.split('|');
    return { value, label: labels[lang] ?? value };
  });

/** Select options: `value|中文|English`, separated by `;`. */
export const REASONS = {
  refund:
    'damaged|商品破损|Arrived damaged;wrong|发错货|Wrong item;quality|质量问题|Quality problem;not-as-described|与描述不符|Not as described;unwanted|不想要了|No longer needed',
  cancel:
    'mistake|下错单了|Ordered by mistake;cheaper|其他地方更便宜|Found it cheaper;slow|发货太慢|Takes too long to ship;changed|不想要了|Changed my mind',
  invoice: 'personal|个人|Personal;company|企业|Company',
  payment:
    "declined|支付被拒绝|Payment declined;charged|已扣款但订单未付款|Charged but still unpaid;method|找不到想用的支付方式|Can't find my payment method",
};

/** The label of a select value, for result cards; unknown values are shown as given. */
export const reasonLabel = (lang: Lang, list: string, value: unknown): string =>
  options(lang, list).find((o) => o.value === value)?.label ?? String(value ?? '');

export const sampleActions = (lang: Lang): Action[] => {
  const t = tr(lang);
  const order: ActionField = { name: 'orderId', type: 'order', label: t('订单', 'Order'), required: true };
  const select = (name: string, label: string, list: string): ActionField => ({
    name,
    type: 'select',
    label,
    required: true,
    options: options(lang, list),
  });
  const photos = (max: number): ActionField => ({ name: 'photos', type: 'images', label: t('照片', 'Photos'), max });
  const describe = (required?: boolean): ActionField => ({
    name: 'description',
    type: 'textarea',
    label: t('问题描述', 'Description'),
    placeholder: t('请描述具体情况', 'Tell us what happened'),
    max: 500,
    required,
  });
  const words = (zh: string, en: string) => t(zh, en).split(' ');
  return [
    {
      id: 'track',
      title: t('查询物流', 'Track package'),
      icon: 'truck',
      description: t('查看包裹到哪了', 'See where your parcel is'),
      fields: [order],
      statuses: ['shipped'],
      keywords: words('快递 物流 包裹 到哪了', 'track tracking package parcel where delivery'),
    },
    {
      id: 'invoice',
      title: t('开具发票', 'Get an invoice'),
      icon: 'invoice',
      description: t('电子发票发送到邮箱', 'An e-invoice sent to your email'),
      fields: [
        order,
        select('type', t('发票类型', 'Invoice type'), REASONS.invoice),
        {
          name: 'title',
          type: 'text',
          label: t('发票抬头', 'Invoice title'),
          placeholder: t('个人姓名或公司名称', 'Your name or company name'),
          max: 100,
        },
        { name: 'email', type: 'email', label: t('接收邮箱', 'Email'), required: true },
      ],
      statuses: ['completed'],
      keywords: words('发票 开票 报销', 'invoice receipt billing'),
    },
    {
      id: 'refund',
      title: t('退货退款', 'Return or refund'),
      icon: 'refund',
      description: t('七天无理由退货', 'Free returns within 7 days'),
      fields: [order, select('reason', t('原因', 'Reason'), REASONS.refund), describe(), photos(6)],
      statuses: ['delivered'],
      keywords: words('退货 退款 退钱', 'return refund money back'),
    },
    {
      id: 'address',
      title: t('修改地址', 'Change address'),
      icon: 'address',
      description: t('发货前可修改', 'Before the order ships'),
      fields: [
        order,
        { name: 'address', type: 'textarea', label: t('新地址', 'New address'), required: true, max: 200 },
        { name: 'phone', type: 'phone', label: t('收件人手机', 'Recipient phone'), required: true },
      ],
      statuses: ['unpaid', 'paid'],
      keywords: words('地址 改地址 填错', 'address change wrong'),
    },
    {
      id: 'cancel',
      title: t('取消订单', 'Cancel order'),
      icon: 'cancel',
      description: t('发货前可取消', 'Before the order ships'),
      fields: [order, select('reason', t('原因', 'Reason'), REASONS.cancel)],
      statuses: ['unpaid', 'paid'],
      keywords: words('取消 不想要了', 'cancel stop'),
    },
    {
      id: 'report',
      title: t('拍照反馈问题', 'Report a problem'),
      icon: 'camera',
      description: t('上传照片，售后专员跟进', 'Send photos to an after-sales specialist'),
      fields: [order, describe(true), photos(9)],
      statuses: ['delivered', 'completed'],
      keywords: words('破损 坏了 拍照 质量', 'broken damaged photo faulty'),
    },
    {
      id: 'payment',
      title: t('支付帮助', 'Payment help'),
      icon: 'card',
      description: t('付款失败或扣款异常', 'Failed or double payments'),
      fields: [order, select('issue', t('遇到的问题', 'Problem'), REASONS.payment)],
      statuses: ['unpaid'],
      keywords: words('支付 付款 扣款 付不了', 'payment pay charged declined'),
    },
  ];
};

/** `[id, articleId, popularity, statuses, pages, tiers, 中文, English]`; lists are space-separated. */
const RECOMMENDATIONS: readonly (readonly [string, string, number, string, string, string, string, string])[] = [
  ['r-track', 'tracking-status', 95, 'shipped', '', '', '我的快递到哪了？', 'Where is my package?'],
  ['r-return', 'return-how', 90, 'delivered completed', '', '', '怎么申请退货退款？', 'How do I return an item?'],
  ['r-refund', 'refund-time', 85, 'refunding cancelled', '', '', '退款多久到账？', 'When will I get my refund?'],
  ['r-pay', 'cardpay-fail', 75, 'unpaid', 'checkout pay', '', '付款失败怎么办？', 'My payment failed, what now?'],
  ['r-invoice', 'einvoice-how', 70, 'completed delivered', '', '', '怎么开发票？', 'How do I get an invoice?'],
  [
    'r-address',
    'address-change',
    65,
    'paid unpaid',
    'checkout',
    '',
    '发货前能改地址吗？',
    'Can I change the address before it ships?',
  ],
  [
    'r-coupon',
    'coupon-fail',
    60,
    '',
    'cart checkout product',
    '',
    '优惠券为什么用不了？',
    "Why won't my coupon apply?",
  ],
  [
    'r-warranty',
    'warranty-how',
    55,
    'completed',
    'product',
    '',
    '商品坏了怎么保修？',
    'My item broke, is it under warranty?',
  ],
  ['r-vip', 'vip-how', 50, '', 'member', 'vip', 'VIP会员有哪些专属服务？', 'What do VIP members get?'],
  ['r-password', 'password-how', 40, '', 'login account', '', '忘记密码怎么办？', 'I forgot my password'],
];

export const sampleRecommendations = (lang: Lang): Recommendation[] =>
  RECOMMENDATIONS.map(([id, articleId, popularity, statuses, pages, tiers, ...text]) => ({
    id,
    text: text[lang] ?? '',
    articleId,
    popularity,
    ...(statuses && { statuses: statuses.split(' ') }),
    ...(pages && { pages: pages.split(' ') }),
    ...(tiers && { tiers: tiers.split(' ') }),
  }));

export const sampleAnnouncements = (lang: Lang): Announcement[] => {
  const t = tr(lang);
  return [
    {
      id: 'weather-delay',
      level: 'warning',
      title: t(
        '受强降雨影响，华南部分地区配送延迟1–2天',
        'Heavy rain is delaying deliveries in South China by 1–2 days',
      ),
      body: t(
        '发往广东、广西部分地区的包裹可能晚到，物流信息会持续更新，感谢您的耐心。',
        'Parcels to parts of Guangdong and Guangxi may arrive late. Tracking keeps updating; thank you for your patience.',
      ),
    },
  ];
};

export const sampleGreeting = (lang: Lang, name: string | undefined): string =>
  name
    ? tr(lang)(`您好，${name}！今天有什么可以帮您？`, `Hi ${name}, how can we help today?`)
    : tr(lang)('您好！今天有什么可以帮您？', 'Hi, how can we help today?');

const AGENTS = [
  ['a-lina', '李娜', 'Lina Li'],
  ['a-chenchen', '陈晨', 'Chen Chen'],
  ['a-zhoujie', '周杰', 'Jay Zhou'],
] as const;

/** The simulated support team on duty. */
export const sampleAgents = (lang: Lang): Agent[] => AGENTS.map(([id, ...names]) => ({ id, name: names[lang] }));

/** The sample bot's name and words. */
export const sampleBot = (lang: Lang): BotPhrases => {
  const t = tr(lang);
  return {
    name: t('智能助手小优', 'Youxuan Assistant'),
    photo: t(
      '已收到您的图片。需要人工查看的话，请点「人工客服」。',
      "Thanks, I've got your photo. To have a person look at it, tap 'Human agent'.",
    ),
    hello: t('您好！请直接描述您的问题，或者看看这些：', 'Hi! Describe your question, or try one of these:'),
    which: t('您想问的是下面哪个问题？', 'Which of these do you mean?'),
    notFound: t(
      '抱歉，没有找到相关答案。换个说法试试，或点「人工客服」。',
      "I couldn't find that. Try rephrasing, or tap 'Human agent'.",
    ),
  };
};

/**
 * `[id, shortcut, 中文 title, 中文 text, English title, English text]`: the support team's saved answers.
 * `{name}`, `{order}` and `{agent}` are filled in on the desk from the conversation.
 */
const CANNED: readonly (readonly [string, string, string, string, string, string])[] = [
  [
    'hello',
    'hi',
    '问候',
    '{name}您好，我是{agent}，很高兴为您服务。',
    'Greeting',
    "Hello {name}, I'm {agent} and I'm here to help.",
  ],
  [
    'order',
    'order',
    '订单已查到',
    '我查到了您的订单 {order}，马上为您处理。',
    'Order found',
    "I've found your order {order} and I'm on it.",
  ],
  [
    'checking',
    'wait',
    '请稍等',
    '好的，我正在为您核实，请稍等。',
    'One moment',
    "Sure, I'm checking that for you now.",
  ],
  [
    'refund',
    'refund',
    '退款时效',
    '退款会原路退回，银行卡1–5个工作日到账。',
    'Refund timing',
    'Refunds go back to your payment method within 1–5 business days.',
  ],
  [
    'delay',
    'delay',
    '配送延迟',
    '受天气影响，部分地区配送会延迟1–2天，非常抱歉。',
    'Delivery delay',
    "Weather is delaying some deliveries by 1–2 days. We're sorry for the wait.",
  ],
  [
    'bye',
    'bye',
    '结束语',
    '不客气！祝您生活愉快，有问题随时找我们。',
    'Closing',
    "You're welcome! Come back any time.",
  ],
];

/** Canned replies for the reference server's demo agents. */
export const sampleCannedReplies = (lang: Lang) =>
  CANNED.map(([id, shortcut, ...text]) => ({
    id,
    shortcut,
    title: text[lang * 2] ?? '',
    text: text[lang * 2 + 1] ?? '',
  }));
