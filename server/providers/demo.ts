/**
 * The demo's stand-in for a shop's systems: the memory adapter's sample orders and shop, so the storefront,
 * the widget and the desk all show the same orders. Every customer of the demo has the sample orders.
 * Its order statuses live in this process: a real site's provider keeps them in the site's own database.
 */
import { createShop } from '../../src/adapters/memory/shop.js';
import { langOf, sampleOrders } from '../../src/adapters/memory/sample.js';
import type { SiteProvider } from './index.js';

export const demoProvider = (): SiteProvider => {
  const shop = createShop();
  const created = Date.now();
  return {
    orders: async (_customer, locale) => shop.orders(sampleOrders(langOf(locale), created)),
    runAction: async ({ action, input, order, locale }) => shop.perform(langOf(locale), action, input, order),
  };
};
