/**
 * The script-tag entry, the loader: the launcher, the handle, the bridge and the chunk loader, nothing more,
 * so that it runs within a frame. The rest of the widget is in sibling chunks (src/embed/loader/chunks.ts). It installs the one global, `ServiceHall`, and replays the calls that the
 * snippet's queue stub collected before this script loaded:
 *
 *   window.ServiceHall = window.ServiceHall || function () { (ServiceHall.q = ServiceHall.q || []).push(arguments) };
 *   ServiceHall('init', { locale: 'en' });
 *
 * Unlike the ES module, the script tag also registers `<service-hall>` as it loads, so markup pasted into
 * the page (`<service-hall endpoint="/api/" locale="en">`) works without a call to `init`.
 */
import { createHttpAdapter } from '../adapters/http/index.js';
import { createMemoryAdapter } from '../adapters/memory/index.js';
import { version } from '../version.js';
import { init, type ServiceHallHandle } from './api.js';
import { connectBridge } from './bridge.js';
import { define, setAssetsUrl } from './loader/chunks.js';
import { defineServiceHall } from './register.js';

type Command = [name: string, ...args: unknown[]];

interface ServiceHallGlobal {
  (...command: Command): unknown;
  q?: ArrayLike<unknown>[];
  init: typeof init;
  createMemoryAdapter: typeof createMemoryAdapter;
  createHttpAdapter: typeof createHttpAdapter;
  version: string;
  /** Where the chunks hand over their modules; not for the page's own use. */
  d: typeof define;
}

declare global {
  interface Window {
    ServiceHall?: ServiceHallGlobal;
  }
}

const existing = window.ServiceHall;

// A second copy of the script must not replace the first one's widget.
if (!existing?.version) {
  let handle: ServiceHallHandle | undefined;
  let disconnect: (() => void) | undefined;
  // Each init (a first one, or one after destroy) gets the webview bridge; calling it again reuses the widget.
  const start = (options?: Parameters<typeof init>[0]) => {
    if (options?.assetsUrl) setAssetsUrl(options.assetsUrl);
    const next = init(options);
    if (next !== handle) {
      disconnect?.();
      disconnect = connectBridge(next);
      handle = next;
    }
    return next;
  };
  const run = (name: string, ...args: unknown[]): unknown => {
    if (name === 'init') return start(args[0] as never);
    const method = handle?.[name as keyof ServiceHallHandle];
    if (typeof method !== 'function') {
      console.error(`ServiceHall: unknown command "${name}"${handle ? '' : ' (call "init" first)'}.`);
      return undefined;
    }
    const result = (method as (...a: unknown[]) => unknown).apply(handle, args);
    // A failure already shows in the widget and as an `error` event; a queued call has no caller to reject to.
    if (result instanceof Promise) result.catch(() => undefined);
    return result;
  };
  const api = Object.assign((...command: Command) => run(...command), {
    init: start,
    createMemoryAdapter,
    createHttpAdapter,
    version,
    d: define,
  });
  window.ServiceHall = api;
  defineServiceHall();
  for (const args of existing?.q ?? []) run(...(Array.from(args) as Command));
}
