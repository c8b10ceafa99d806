import type { Action, Order, PageContext, Recommendation } from './types.js';

/** What recommendations are ranked against. */
export interface RankingContext {
  orders: readonly Order[];
  context?: PageContext;
  tier?: string;
}

/** Only the orders the customer is likely asking about: the newest few, as on the first screen's cards. */
const RECENT_ORDERS = 3;

const lower = (value: unknown): string => (typeof value === 'string' ? value.toLowerCase() : '');

/**
 * Orders "you may want to ask" questions by what the customer is doing:
 * first by the status of the customer's newest few orders (a question about the newest order's status
 * beats one about an older order; older orders do not count, so that the page can still matter when a
 * customer has many orders), then by the current page or product, then by
 * customer tier, then by popularity. Ties keep input order; duplicate ids
 * are dropped.
 */
export const rankRecommendations = (
  recs: readonly Recommendation[],
  ctx: RankingContext,
  limit = 6,
): Recommendation[] => {
  const time = (order: Order) => Date.parse(order.createdAt) || 0;
  // Newest first, so index 0 weighs most; sort is stable for equal or missing dates.
  const statuses = [...ctx.orders]
    .sort((a, b) => time(b) - time(a))
    .slice(0, RECENT_ORDERS)
    .map((o) => o.status);
  const where = [lower(ctx.context?.page), lower(ctx.context?.product)].filter(Boolean);
  const tier = lower(ctx.tier);
  const seen = new Set<string>();

  return recs
    .filter((rec) => !seen.has(rec.id) && seen.add(rec.id))
    .map((rec) => {
      const newest = statuses.findIndex((s) => rec.statuses?.includes(s));
      return {
        rec,
        keys: [
          newest === -1 ? 0 : 1 / (newest + 1),
          rec.pages?.some((p) => p && where.some((w) => w.includes(p.toLowerCase()))) ? 1 : 0,
          tier && rec.tiers?.some((t) => t.toLowerCase() === tier) ? 1 : 0,
          Number(rec.popularity) || 0,
        ],
      };
    })
    .sort((a, b) => {
      for (let i = 0; i < a.keys.length; i++) {
        const d = (b.keys[i] ?? 0) - (a.keys[i] ?? 0);
        if (d) return d;
      }
      return 0;
    })
    .slice(0, Math.max(0, limit))
    .map(({ rec }) => rec);
};

/**
 * The quick actions that fit an order's status, in their given order
 * (shipped: track; delivered: return or refund; unpaid: payment help).
 * A status no action lists gets none.
 */
export const actionsForOrder = (order: Order, actions: readonly Action[]): Action[] =>
  actions.filter((action) => action.statuses?.includes(order.status));
