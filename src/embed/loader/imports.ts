/**
 * In the script-tag loader, this module stands in for the three that import a lazily loaded part
 * (`src/embed/load-panel.ts`, `src/adapters/memory/load.ts`, `src/adapters/http/load.ts`; see
 * rollup.config.ts): the same exports, fetched as sibling chunks by the chunk loader instead.
 */
import { entries } from 'service-hall:manifest';
import type { loadClient as client } from '../../adapters/http/load.js';
import type { loadBackend as backend } from '../../adapters/memory/load.js';
import type { loadPanel as panel } from '../load-panel.js';
import { loadChunk } from './chunks.js';

export const loadPanel: typeof panel = () => loadChunk(entries.panel);
export const loadBackend: typeof backend = () => loadChunk(entries.memory);
export const loadClient: typeof client = () => loadChunk(entries.http);
