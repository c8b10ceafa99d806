/**
 * In the script-tag loader, this module stands in for the three that import a lazily loaded part
 * (`src/embed/load-panel.ts`, `src/adapters/memory/load.ts`, `src/adapters/http/load.ts`; see
 * rollup.config.ts): the same exports, fetched as sibling chunks by the chunk loader instead.
 */
import { entries } from 'service-hall:manifest';
import type { loadClient as client } from '../../adapters/http/load.js';
import type { loadBackend as backend } from '../../adapters/memory/load.js';
import type { loadPanel as panel } from '../load-panel.js';
import { loadChunk, startWorker } from './chunks.js';

export const loadPanel: typeof panel = () => loadChunk(entries.panel);
export const loadBackend: typeof backend = () => loadChunk(entries.memory);
export const loadClient: typeof client = () => loadChunk(entries.http);

let warmed: Promise<void> | undefined;

/**
 * Builds the Intl data that the panel's amounts of money need in a worker, off the page's thread. The first Intl
 * formatter a page builds loads that data in one call that cannot be split, 15 ms on a laptop and 50–80 ms on a
 * slow phone: a long task for the host page. In Chromium the data is the renderer process's, so after the
 * worker's build the page's own first one takes about a millisecond. Resolves when the worker is done, or could
 * not start; the panel then builds its formatter in an idle moment, as it does where there is no worker.
 */
export const warmIntl = (): Promise<void> =>
  (warmed ??= new Promise((done) => {
    const worker = startWorker(entries.intl);
    if (!worker) return done();
    worker.onmessage = worker.onerror = () => {
      worker.terminate();
      done();
    };
  }));
