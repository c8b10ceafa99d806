import { AdapterError, type Adapter } from '../../core/adapter.js';
import { loadClient } from './load.js';

/** Options of {@link createHttpAdapter}. */
export interface HttpAdapterOptions {
  /** Base URL of the backend, absolute or relative to the page; every path of the protocol is resolved against it. */
  endpoint: string;
  /** Per-request timeout in milliseconds (also the longest `Retry-After` worth waiting for). Default 15000. */
  timeoutMs?: number;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
  /** Extra headers for every request to the endpoint. */
  headers?: Record<string, string>;
  /** An event stream that delivers no bytes (not even a heartbeat comment) for this long is reconnected. Default 45000. */
  stallMs?: number;
  /** First delay of the exponential backoff between retries and reconnects, before jitter. Default 1000. */
  backoffMs?: number;
}

// Every operation of the protocol; the streams are handled apart because they are synchronous.
const OPS = [
  'loadHall',
  'sendMessage',
  'loadMessages',
  'loadKnowledge',
  'getArticle',
  'searchArticles',
  'requestHuman',
  'cancelHuman',
  'runAction',
  'submitTicket',
  'uploadAttachment',
  'rate',
  'endConversation',
  'sendTyping',
  'track',
  'listConversations',
  'listTickets',
  'getTicket',
  'replyTicket',
  'reopenTicket',
] as const satisfies (keyof Adapter)[];

/**
 * An adapter that speaks the reference HTTP protocol (docs/protocol.md) to `options.endpoint`.
 * The implementation is loaded on first use, so creating the adapter costs the launcher almost nothing.
 */
export const createHttpAdapter = (options: HttpAdapterOptions): Adapter => {
  let client: Promise<Adapter> | undefined;
  const load = () =>
    (client ??= loadClient().then(
      (m) => m.createClient(options),
      (error: unknown) => {
        // A failed chunk load (offline at first use) is retried by the next call.
        client = undefined;
        throw new AdapterError('network', String(error));
      },
    ));
  /** Subscribes once the client has loaded; unsubscribing before that means never subscribing. */
  const later = (open: (c: Adapter) => () => void, sink: { error?(e: AdapterError): void }) => {
    let off: (() => void) | undefined;
    let done = false;
    load().then(
      (c) => {
        if (!done) off = open(c);
      },
      (error: AdapterError) => sink.error?.(error),
    );
    return () => {
      done = true;
      off?.();
    };
  };
  const adapter: Record<string, unknown> = {
    subscribe: ((request, sink, ctx) =>
      later((c) => c.subscribe(request, sink, ctx), sink)) satisfies Adapter['subscribe'],
    subscribeCustomer: ((sink, ctx) =>
      later((c) => c.subscribeCustomer!(sink, ctx), sink)) satisfies Adapter['subscribeCustomer'],
  };
  for (const name of OPS) {
    adapter[name] = async (...args: unknown[]) => ((await load())[name] as (...a: unknown[]) => unknown)(...args);
  }
  return adapter as unknown as Adapter;
};
