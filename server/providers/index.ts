/**
 * The site's own systems behind the server: orders and the results of self-service actions. A site plugs in a
 * JS module (`--provider ./my-provider.js`) or an HTTP callback (`SERVICE_HALL_PROVIDER_URL`); the demo uses
 * the sample shop of the memory adapter.
 */
import { createHmac } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { ActionResult } from '../../src/core/adapter.js';
import type { Action, Locale, Order } from '../../src/core/types.js';

/** The customer as a provider sees them: the site's own id, never the server's prefixed one. */
export interface ProviderCustomer {
  id: string;
  kind: 'signed' | 'visitor';
  name?: string;
  tier?: string;
}

export interface ActionCall {
  action: Action;
  input: Record<string, unknown>;
  customer: ProviderCustomer;
  /** The order named by the action's `order` field, already checked to be the customer's. */
  order?: Order;
  locale: Locale;
}

export interface SiteProvider {
  /** The customer's recent orders, newest first. Visitors have none unless the site knows them. */
  orders(customer: ProviderCustomer, locale: Locale): Promise<Order[]>;
  /** Runs a self-service action. `ok: false` is a business answer ("too late to cancel"). */
  runAction(call: ActionCall): Promise<ActionResult>;
}

/** A site with no systems plugged in: no orders, and actions are taken as requests for the team. */
export const noProvider: SiteProvider = {
  orders: async () => [],
  runAction: async ({ action }) => ({ ok: true, message: action.title }),
};

const CALLBACK_TIMEOUT_MS = 5000;

/**
 * Calls the site's URL with `POST { type: 'orders' | 'action', … }`, signed with
 * `X-Service-Hall-Signature: sha256=<hex HMAC of the body>` so the site can check it came from here.
 */
export const httpProvider = (url: string, secret: string): SiteProvider => {
  const call = async (body: object): Promise<unknown> => {
    const text = JSON.stringify(body);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-service-hall-signature': `sha256=${createHmac('sha256', secret).update(text).digest('hex')}`,
      },
      body: text,
      signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`provider answered ${response.status}`);
    return response.json();
  };
  return {
    async orders(customer, locale) {
      const body = (await call({ type: 'orders', customer, locale })) as { orders?: unknown };
      return Array.isArray(body?.orders) ? (body.orders as Order[]) : [];
    },
    async runAction({ action, input, customer, order, locale }) {
      return (await call({
        type: 'action',
        actionId: action.id,
        input,
        customer,
        orderId: order?.id,
        locale,
      })) as ActionResult;
    },
  };
};

/** Loads a provider module: its default export, or its `createProvider()`. */
export const moduleProvider = async (path: string): Promise<SiteProvider> => {
  const module = (await import(pathToFileURL(resolve(path)).href)) as {
    default?: SiteProvider;
    createProvider?: () => SiteProvider | Promise<SiteProvider>;
  };
  const provider = module.createProvider ? await module.createProvider() : module.default;
  if (!provider || typeof provider.orders !== 'function' || typeof provider.runAction !== 'function')
    throw new Error(`${path} exports no provider (orders and runAction)`);
  return provider;
};
