// The shop's products and its own text. The products are the ones in the widget's sample orders
// (src/adapters/memory/sample.ts), so the shop and the service hall tell one story.
import type { JSX } from 'preact';
import type { OrderStatus } from '../src/core/types.js';

export type Locale = 'zh-CN' | 'zh-TW' | 'en';

/** Text in each locale: `[zh-CN, zh-TW, en]`. */
type Text = readonly [string, string, string];

export const pick = (locale: Locale, text: Text): string => text[locale === 'en' ? 2 : locale === 'zh-TW' ? 1 : 0];

export interface Product {
  id: string;
  name: Text;
  blurb: Text;
  price: number;
  /** Background tint of the product's picture. */
  tint: string;
  art: JSX.Element;
}

export const PRODUCTS: Product[] = [
  {
    id: 'sku-earbuds',
    name: ['降噪蓝牙耳机', '降噪藍牙耳機', 'Noise-cancelling earbuds'],
    blurb: [
      '主动降噪，单次续航 8 小时，配无线充电盒。',
      '主動降噪，單次續航 8 小時，附無線充電盒。',
      'Active noise cancelling, 8 hours per charge, wireless charging case.',
    ],
    price: 899,
    tint: '#dbe7ff',
    art: (
      <>
        <path d="M14 38v-6a18 18 0 0 1 36 0v6" />
        <rect x="9" y="36" width="11" height="17" rx="5" />
        <rect x="44" y="36" width="11" height="17" rx="5" />
      </>
    ),
  },
  {
    id: 'sku-air-fryer',
    name: ['空气炸锅 4.5L', '氣炸鍋 4.5L', 'Air fryer 4.5 L'],
    blurb: [
      '4.5 升大容量，少油更健康，八种预设菜单。',
      '4.5 公升大容量，少油更健康，八種預設菜單。',
      'A 4.5-litre basket, little oil, eight preset programmes.',
    ],
    price: 359,
    tint: '#ffe2cf',
    art: (
      <>
        <path d="M22 10h20a8 8 0 0 1 8 8v28a8 8 0 0 1-8 8H22a8 8 0 0 1-8-8V18a8 8 0 0 1 8-8z" />
        <circle cx="32" cy="23" r="5" />
        <path d="M14 34h36M27 42h10M20 54v4M44 54v4" />
      </>
    ),
  },
  {
    id: 'sku-running-shoes',
    name: ['轻量跑步鞋', '輕量跑鞋', 'Running shoes'],
    blurb: [
      '单只仅 210 克，回弹中底，透气网面。',
      '單隻僅 210 克，回彈中底，透氣網面。',
      '210 g per shoe, a springy midsole, breathable mesh.',
    ],
    price: 499,
    tint: '#d7f2e3',
    art: (
      <>
        <path d="M6 44c0-8 3-16 7-20l9 5 7-7c6 9 15 13 25 15 4 1 6 4 6 8v3H6z" />
        <path d="M6 50h52M25 31l4 3M30 26l4 3" />
      </>
    ),
  },
  {
    id: 'sku-toothbrush',
    name: ['声波电动牙刷', '聲波電動牙刷', 'Sonic electric toothbrush'],
    blurb: [
      '每分钟 31000 次振动，一次充电用 30 天。',
      '每分鐘 31000 次振動，一次充電用 30 天。',
      '31,000 strokes a minute; one charge lasts 30 days.',
    ],
    price: 249,
    tint: '#e7e0ff',
    art: (
      <>
        <rect x="27" y="24" width="10" height="34" rx="5" />
        <path d="M29 24V10h6v14M28 6h8" />
        <circle cx="32" cy="36" r="2" />
      </>
    ),
  },
  {
    id: 'sku-bottle',
    name: ['保温杯 500ml', '保溫杯 500ml', 'Insulated bottle 500 ml'],
    blurb: [
      '316 不锈钢内胆，12 小时保温，一键开盖。',
      '316 不鏽鋼內膽，12 小時保溫，一鍵開蓋。',
      'A 316 steel liner keeps drinks hot for 12 hours; opens with one press.',
    ],
    price: 99,
    tint: '#cfeff5',
    art: (
      <>
        <rect x="21" y="16" width="22" height="42" rx="7" />
        <rect x="24" y="6" width="16" height="10" rx="3" />
        <path d="M21 28h22" />
      </>
    ),
  },
  {
    id: 'sku-scarf',
    name: ['羊毛围巾', '羊毛圍巾', 'Wool scarf'],
    blurb: [
      '100% 美利奴羊毛，柔软不扎，可机洗。',
      '100% 美麗諾羊毛，柔軟不刺，可機洗。',
      '100 % merino wool: soft, never itchy, machine-washable.',
    ],
    price: 189,
    tint: '#fde0e4',
    art: (
      <>
        <path d="M14 14c11 6 25 6 36 0v10c-11 6-25 6-36 0z" />
        <path d="M36 26v26l-9 4V27M29 58v2M34 56v2" />
      </>
    ),
  },
];

export const productById = (id: string): Product | undefined => PRODUCTS.find((p) => p.id === id);

/** The shop's own words; the widget brings its own translations. */
export const TEXT = {
  shop: ['优选商城', '優選商城', 'Youxuan Store'],
  home: ['首页', '首頁', 'Home'],
  orders: ['我的订单', '我的訂單', 'My orders'],
  help: ['联系客服', '聯絡客服', 'Help'],
  hello: ['你好，', '你好，', 'Hi, '],
  heroTitle: ['春季焕新季', '春季煥新季', 'Spring refresh'],
  heroBody: [
    '满 299 包邮 · 7 天无理由退货 · 客服随时在线',
    '滿 299 免運 · 7 天無理由退貨 · 客服隨時在線',
    'Free shipping over ¥299 · 7-day free returns · help whenever you need it',
  ],
  picks: ['为你推荐', '為你推薦', 'Picked for you'],
  view: ['查看', '查看', 'View'],
  addToCart: ['加入购物车', '加入購物車', 'Add to cart'],
  added: ['已加入购物车', '已加入購物車', 'Added to cart'],
  askProduct: ['咨询这件商品', '詢問這件商品', 'Ask about this product'],
  askProductHint: [
    '对尺码、保修、发货有疑问？客服中心已经知道你在看哪件商品。',
    '對尺寸、保固、出貨有疑問？客服中心已經知道你在看哪件商品。',
    'Questions about size, warranty or shipping? The help centre already knows which product you are looking at.',
  ],
  productPrefill: ['关于「{name}」：', '關於「{name}」：', 'About the {name}: '],
  backHome: ['返回首页', '返回首頁', 'Back to the shop'],
  ordersNote: [
    '客服中心里显示的正是这些订单。',
    '客服中心裡顯示的正是這些訂單。',
    'The help centre shows these same orders.',
  ],
  orderNo: ['订单号', '訂單編號', 'Order'],
  total: ['合计', '合計', 'Total'],
  askOrder: ['咨询此订单', '詢問此訂單', 'Ask about this order'],
  orderQuestion: ['我想咨询订单 {id}', '我想詢問訂單 {id}', 'I have a question about order {id}'],
  notFound: ['找不到这件商品。', '找不到這件商品。', 'This product does not exist.'],
  footer: [
    'Service Hall 演示商店 · 所有数据均为示例',
    'Service Hall 示範商店 · 所有資料均為範例',
    'Service Hall demo store · all data is sample data',
  ],
} satisfies Record<string, Text>;

/** What "Ask about this order" asks, by the order's status: the question a customer would have. */
export const ORDER_QUESTIONS: Record<OrderStatus, Text> = {
  unpaid: ['订单 {id} 付款失败怎么办？', '訂單 {id} 付款失敗怎麼辦？', 'My payment for order {id} failed, what now?'],
  paid: ['订单 {id} 发货前能改地址吗？', '訂單 {id} 出貨前能改地址嗎？', 'Can I change the address of order {id}?'],
  shipped: ['订单 {id} 的快递到哪了？', '訂單 {id} 的包裹到哪了？', 'Where is the package of order {id}?'],
  delivered: ['订单 {id} 怎么申请退货？', '訂單 {id} 怎麼申請退貨？', 'How do I return order {id}?'],
  completed: ['订单 {id} 怎么开发票？', '訂單 {id} 怎麼開發票？', 'How do I get an invoice for order {id}?'],
  refunding: ['订单 {id} 的退款多久到账？', '訂單 {id} 的退款多久到帳？', 'When will I get the refund for order {id}?'],
  cancelled: [
    '订单 {id} 取消了，退款多久到账？',
    '訂單 {id} 取消了，退款多久到帳？',
    'Order {id} was cancelled: when is my refund?',
  ],
};

export const fill = (text: string, values: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);
