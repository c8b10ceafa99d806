// The widget side of the demo: waits for the script tag of index.html, starts the widget on the chosen
// backend, and summarises its events for the event log. Only types come from src/; the widget itself is
// the built script, exactly as a site owner loads it.
import type { MemoryAdapter, MemoryData } from '../src/adapters/memory/index.js';
import type { ServiceHallOptions } from '../src/core/options.js';
import type { Customer } from '../src/core/types.js';
import type { ServiceHallEventMap } from '../src/elements/events.js';
import type { ServiceHallHandle } from '../src/embed/api.js';

/** The `ServiceHall` global once /dist/service-hall.iife.js has run. */
interface ServiceHallGlobal {
  (command: string, ...args: unknown[]): unknown;
  init(options: ServiceHallOptions): ServiceHallHandle;
  createMemoryAdapter(data?: MemoryData): MemoryAdapter;
  version?: string;
}

const global = () => (window as unknown as { ServiceHall: ServiceHallGlobal }).ServiceHall;

/** A command through the snippet's function, the way a site owner's own page code calls the widget. */
export const ServiceHall = (command: string, ...args: unknown[]): unknown => global()(command, ...args);

/** Resolves once the async script tag has run and replaced the snippet's queue stub. */
const scriptLoaded = (): Promise<ServiceHallGlobal> =>
  new Promise((resolve, reject) => {
    if (global().version) return resolve(global());
    const script = document.querySelector('script[src$="service-hall.iife.js"]');
    if (!script) return reject(new Error('The Service Hall script tag is missing from the page.'));
    script.addEventListener('load', () => resolve(global()), { once: true });
    script.addEventListener('error', () => reject(new Error('The Service Hall script did not load.')), { once: true });
  });

export type Backend = 'memory' | 'http' | 'server';

/** Where the mock server answers the reference HTTP protocol (docs/protocol.md). */
export const ENDPOINT = '/api/support/';

export interface Widget {
  handle: ServiceHallHandle;
  /** The simulated backend in the in-page modes, for switching agents on and off line. */
  adapter?: MemoryAdapter;
  /** The customer to identify as: on the real server, signed by the demo page's own server route. */
  customer(vip: boolean, locale: string): Promise<Customer>;
  /** Destroys the widget and stops the mock server, if one runs. */
  stop(): void;
}

/** The sample customer as the in-page backends know them: an id and a tier, no token. */
const localCustomer = async (vip: boolean): Promise<Customer> => ({ id: 'u-10086', tier: vip ? 'vip' : 'member' });

/** The demo customer, signed by the demo server (`/demo/customer`), as a site's backend signs its customers. */
const signedCustomer = async (vip: boolean, locale: string): Promise<Customer> => {
  const response = await fetch(`/demo/customer?vip=${vip ? 1 : 0}&locale=${encodeURIComponent(locale)}`);
  if (!response.ok) throw new Error(`The demo server did not sign the customer (${response.status}).`);
  return ((await response.json()) as { user: Customer }).user;
};

/** Whether this page is served by the reference server (`npm start`) rather than a static server. */
export const serverAvailable = (): Promise<boolean> =>
  fetch('/demo/customer').then(
    (r) => r.ok,
    () => false,
  );

/** Where the reference server answers the protocol. */
export const SERVER_ENDPOINT = '/api/';

/**
 * Starts the widget. `server` points it at the reference server with a signed customer; `memory` hands it an
 * in-page adapter; `http` starts msw's mock server over a memory backend and gives the widget only an
 * `endpoint`, so every call goes through the real HTTP adapter.
 */
export const startWidget = async (
  backend: Backend,
  options: ServiceHallOptions,
  service: MemoryData['service'],
): Promise<Widget> => {
  const sh = await scriptLoaded();
  const vip = options.user?.tier === 'vip';
  if (backend === 'server') {
    const user = await signedCustomer(vip, options.locale ?? 'zh-CN');
    const handle = sh.init({ ...options, user, endpoint: SERVER_ENDPOINT });
    return { handle, customer: signedCustomer, stop: () => handle.destroy() };
  }
  if (backend === 'memory') {
    const adapter = sh.createMemoryAdapter({ service });
    const handle = sh.init({ ...options, adapter });
    return { handle, adapter, customer: localCustomer, stop: () => handle.destroy() };
  }
  // Loaded on demand, so the storefront does not download msw until HTTP mode is picked. The backend is
  // the bundled memory adapter rather than the script's: the mock handlers recognise its errors by class.
  const [{ startMockServer }, { createMemoryAdapter }] = await Promise.all([
    import('../src/mocks/browser.js'),
    import('../src/adapters/memory/index.js'),
  ]);
  const adapter = createMemoryAdapter({ service });
  const server = await startMockServer(ENDPOINT, adapter);
  const handle = sh.init({ ...options, endpoint: ENDPOINT });
  return {
    handle,
    adapter,
    customer: localCustomer,
    stop() {
      handle.destroy();
      server.stop();
    },
  };
};

export type EventName = keyof ServiceHallEventMap;

const clip = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** One line per event: the fields of its detail a developer would look at first. */
const SUMMARY: { [K in EventName]: (detail: ServiceHallEventMap[K]) => string } = {
  ready: ({ hall }) => `${hall.orders.length} orders, ${hall.recommendations.length} questions`,
  open: () => '',
  close: () => '',
  message: ({ message }) => `${message.role}: ${clip(message.text)}`,
  escalate: ({ reason, priority }) => `${reason}, ${priority} priority`,
  queue: ({ position, etaSeconds }) => `position ${position}${etaSeconds === undefined ? '' : `, ~${etaSeconds} s`}`,
  action: ({ actionId, result }) => `${actionId}: ${clip(result.message)}`,
  ticket: ({ receipt }) => `receipt ${receipt.id}`,
  rating: ({ score, articleId, tags }) =>
    `score ${score}${articleId ? ` for article ${articleId}` : ''}${tags.length ? ` (${tags.join(', ')})` : ''}`,
  signal: ({ type }) => type,
  unread: ({ count }) => `count ${count}`,
  error: ({ operation, error }) => `${operation}: ${error.code}, ${clip(error.message, 40)}`,
};

/** Every event the widget emits. */
export const EVENTS = Object.keys(SUMMARY) as EventName[];

export const summarise = <K extends EventName>(event: K, detail: ServiceHallEventMap[K]): string =>
  SUMMARY[event](detail);
