// What the engine under test can and cannot do, for the few tests that depend on it. Feature checks, not user
// agents: each names the engine it singles out today and why.
import { executeServerCommand } from '@web/test-runner-commands';
import { getResponse, type RequestHandler } from 'msw';

/**
 * Whether a ReadableStream can be transferred with postMessage. WebKit does not implement transferable streams,
 * so msw's service worker buffers a mocked response body until it ends: an event stream mocked through the
 * worker never arrives there. Tests of streams through the worker run where this is true.
 */
export const workerStreams = (() => {
  try {
    const stream = new ReadableStream({ start: (c) => c.close() });
    new MessageChannel().port1.postMessage(stream, [stream]);
    return true;
  } catch {
    return false;
  }
})();

/**
 * WebKitGTK's MiniBrowser, the WebKit this suite drives. Over WebDriver its window stops shrinking at 380 px, and
 * after a resize its fixed-position containing block and its document width disagree: phone-width layout is
 * checked in the other engines.
 */
export const miniBrowser = /AppleWebKit/.test(navigator.userAgent) && !/Chrome|Firefox/.test(navigator.userAgent);

/**
 * A `fetch` for adapters whose requests go through msw's service worker. Firefox ESR sends a `keepalive` fetch past
 * the page's service worker, so the worker never answers it (it fails with a NetworkError, where the same request
 * without `keepalive` is answered): there the flag is dropped. What a keepalive request carries is checked on the
 * request itself, in every engine (client.test.ts).
 */
export const workerFetch: typeof fetch = /Firefox\//.test(navigator.userAgent)
  ? (input, init) => fetch(input, { ...init, keepalive: false })
  : (input, init) => fetch(input, init);

/** A mocha `it` that runs only when `condition` holds, and is reported as skipped otherwise. */
export const itWhen = (condition: boolean) => (condition ? it : it.skip);

/**
 * msw handlers answered inside the page, without the service worker: a `fetch` for an adapter's options, so that
 * streamed bodies arrive chunk by chunk in every engine. `use` and `reset` work as on msw's worker; an aborted
 * request errors its stream, as the network does.
 */
export const pageFetch = () => {
  let handlers: RequestHandler[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const response = await getResponse(handlers, request);
    if (!response || response.type === 'error') throw new TypeError('Failed to fetch');
    if (!response.body || !init?.signal) return response;
    const body = response.body.pipeThrough(new TransformStream(), { signal: init.signal });
    return new Response(body, response);
  };
  return {
    fetch,
    use: (...more: RequestHandler[]) => void (handlers = [...more, ...handlers]),
    reset: (...initial: RequestHandler[]) => void (handlers = initial),
  };
};

/** Sizes the page's viewport, in every engine (scripts/engines.js: the stock command has no WebDriver support). */
export const setViewport = (size: { width: number; height: number }) => executeServerCommand('viewport', size);

/** Holds `keys` down in order, then lets them go: `chord(['Shift', 'Tab'])`, in every engine. */
export const chord = (keys: string[]) => executeServerCommand('chord', { keys });
