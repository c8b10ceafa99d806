import { expect } from '@open-wc/testing';
import { ORDER_STATUSES } from '../../core/types.js';
import { sampleArticles } from './articles.js';
import { sampleActions, sampleOrders, sampleRecommendations, type Lang } from './sample.js';

const TOPICS = [
  'shipping',
  'returns',
  'invoices',
  'payment',
  'orders',
  'address',
  'account',
  'coupons',
  'membership',
  'after-sales',
  'product',
  'privacy',
];

describe('memory adapter sample data', () => {
  for (const lang of [0, 1] as Lang[]) {
    describe(lang ? 'en' : 'zh-CN', () => {
      const articles = sampleArticles(lang);

      it('has at least 150 complete articles with unique ids across every topic', () => {
        expect(articles.length).to.be.at.least(150);
        expect(new Set(articles.map((a) => a.id)).size).to.equal(articles.length);
        for (const a of articles) {
          expect(!!(a.title && a.summary && a.keywords?.length && a.tags?.length), a.id).to.equal(true);
          expect(a.body)
            .to.contain('**')
            .and.contain('\n- ')
            .and.match(/https:\/\/\S+/);
          expect(a.body).to.not.match(/\{\w+\}|undefined/);
        }
        expect(new Set(articles.map((a) => a.tags?.[0]))).to.deep.equal(new Set(TOPICS));
      });

      it('has orders in every status and actions for their cards', () => {
        const orders = sampleOrders(lang, Date.now());
        expect(new Set(orders.map((o) => o.status))).to.deep.equal(new Set(ORDER_STATUSES));
        for (const o of orders) {
          expect(o.items?.length, o.id).to.be.greaterThan(0);
          expect(o.total, o.id).to.be.greaterThan(0);
          expect(o.currency).to.equal('CNY');
          expect(Date.parse(o.createdAt)).to.be.lessThan(Date.now());
        }
        const actions = sampleActions(lang);
        const icons = ['truck', 'invoice', 'refund', 'address', 'cancel', 'camera', 'card'];
        expect(actions.every((a) => icons.includes(a.icon ?? '') && a.fields[0]?.type === 'order')).to.equal(true);
        const fits = (status: string) => actions.filter((a) => a.statuses?.includes(status)).map((a) => a.id);
        expect(fits('shipped')).to.include('track');
        expect(fits('delivered')).to.include('refund');
        expect(fits('unpaid')).to.include.members(['payment', 'cancel']);
        expect(fits('paid')).to.include.members(['cancel', 'address']);
      });

      it('links every recommendation to an article', () => {
        const ids = new Set(articles.map((a) => a.id));
        const recommendations = sampleRecommendations(lang);
        expect(recommendations.length).to.be.at.least(8);
        for (const r of recommendations) expect(ids.has(r.articleId ?? ''), r.id).to.equal(true);
      });
    });
  }

  it('uses the same article ids in both languages', () => {
    expect(sampleArticles(0).map((a) => a.id)).to.deep.equal(sampleArticles(1).map((a) => a.id));
  });
});
