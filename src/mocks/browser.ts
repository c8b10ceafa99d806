import { setupWorker, type SetupWorker } from 'msw/browser';
import type { Adapter } from '../core/adapter.js';
import { createHandlers, type HandlerOptions } from './handlers.js';

/** A running mock backend. */
export interface MockServer {
  /** Stops intercepting requests from this page. */
  stop(): void;
  /** The msw worker, for `worker.use()` overrides in tests. */
  worker: SetupWorker;
}

/**
 * Serves the reference HTTP protocol under `endpoint` from inside the page, backed by `backend`
 * (usually a memory adapter). Requests it does not handle go to the network untouched.
 * Needs msw's worker script at `/mockServiceWorker.js`.
 */
export const startMockServer = async (
  endpoint: string,
  backend: Adapter,
  options?: HandlerOptions,
): Promise<MockServer> => {
  const worker = setupWorker(...createHandlers(endpoint, backend, options));
  await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
  return { stop: () => worker.stop(), worker };
};
