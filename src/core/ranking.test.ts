import { expect } from '@open-wc/testing';
import { actionsForOrder, rankRecommendations } from './ranking.js';
import type { Action, Order, Recommendation } from './types.js';

const order = (id: string, status: string, createdAt: string): Order => ({ id, status, title: id, createdAt });

const RECS: Recommendation[] = [
  { id: 'popular', text: '如何修改密码', popularity: 90 },
  { id: 'track', text: '我的快递到哪了', statuses: ['shipped'], popularity: 10 },
  { id: 'refund', text: '如何退货退款', statuses: ['delivered'], popularity: 20 },
  { id: 'pay', text: '支付失败怎么办', statuses: ['unpaid'], popularity: 5 },
  { id: 'phone', text: 'iPhone 保修政策', pages: ['iPhone'] },
  { id: 'checkout', text: '优惠券用不了', pages: ['/checkout'] },
  { id: 'vip', text: 'VIP 专属客服', tiers: ['vip'] },
];

const ids = (recs: Recommendation[]) => recs.map((r) => r.id);

describe('rankRecommendations', () => {
  it('puts questions about the newest order status first', () => {
    const orders = [order('o1', 'delivered', '2024-05-01T10:00:00Z'), order('o2', 'shipped', '2024-05-03T10:00:00Z')];
    expect(ids(rankRecommendations(RECS, { orders })).slice(0, 2)).to.deep.equal(['track', 'refund']);
  });

  it('then the page or product, then the tier, then popularity', () => {
    const ranked = rankRecommendations(
      RECS,
      {
        orders: [order('o1', 'unpaid', '2024-05-01T10:00:00Z')],
        context: { page: '/checkout/step-2', product: 'Apple iPhone 15' },
        tier: 'VIP',
      },
      10,
    );
    expect(ids(ranked)).to.deep.equal(['pay', 'phone', 'checkout', 'vip', 'popular', 'refund', 'track']);
  });

  it('ranks by popularity with no context, ties in input order', () => {
    expect(ids(rankRecommendations(RECS, { orders: [] }, 10))).to.deep.equal([
      'popular',
      'refund',
      'track',
      'pay',
      'phone',
      'checkout',
      'vip',
    ]);
  });

  it('limits, deduplicates and tolerates odd data', () => {
    expect(rankRecommendations(RECS, { orders: [] })).to.have.length(6);
    expect(rankRecommendations(RECS, { orders: [] }, 0)).to.deep.equal([]);
    const odd = rankRecommendations(
      [
        { id: 'a', text: 'A', pages: [''] },
        { id: 'a', text: 'dup' },
        { id: 'b', text: 'B', popularity: 1 },
      ],
      { orders: [order('x', 'teleported', 'not a date')], context: { page: 'home' } },
    );
    expect(odd.map((r) => r.text)).to.deep.equal(['B', 'A']);
  });
});

describe('actionsForOrder', () => {
  const ACTIONS: Action[] = [
    { id: 'track', title: '查物流', fields: [], statuses: ['shipped'] },
    { id: 'return', title: '退货', fields: [], statuses: ['delivered', 'completed'] },
    { id: 'refund', title: '退款', fields: [], statuses: ['delivered', 'paid'] },
    { id: 'pay', title: '支付帮助', fields: [], statuses: ['unpaid'] },
    { id: 'invoice', title: '开发票', fields: [] },
  ];
  const actionIds = (status: string) => actionsForOrder(order('o', status, '2024-05-01'), ACTIONS).map((a) => a.id);

  it('fits quick actions to the order status', () => {
    expect(actionIds('shipped')).to.deep.equal(['track']);
    expect(actionIds('delivered')).to.deep.equal(['return', 'refund']);
    expect(actionIds('unpaid')).to.deep.equal(['pay']);
  });

  it('gives none for an unknown status', () => {
    expect(actionIds('lost-in-space')).to.deep.equal([]);
    expect(actionIds('')).to.deep.equal([]);
  });
});

describe('rankRecommendations with many orders', () => {
  it('lets the current page matter: only the newest three orders’ statuses rank questions first', () => {
    const day = (n: number) => new Date(Date.UTC(2026, 10, 20 - n)).toISOString();
    const orders = ['shipped', 'unpaid', 'delivered', 'paid', 'refunding', 'completed', 'cancelled'].map(
      (status, i) => ({
        id: `o${i}`,
        status,
        title: status,
        createdAt: day(i),
      }),
    );
    const recs = [
      { id: 'old', text: 'about a refunding order', statuses: ['refunding'], popularity: 100 },
      { id: 'product', text: 'is this product waterproof?', pages: ['p-headphones'] },
      { id: 'ship', text: 'where is my package?', statuses: ['shipped'] },
    ];
    const ranked = rankRecommendations(recs, { orders, context: { page: 'product', product: 'p-headphones' } });
    expect(ranked.map((r) => r.id)).to.deep.equal(['ship', 'product', 'old']);
  });
});
