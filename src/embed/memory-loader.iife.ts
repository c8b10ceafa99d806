/**
 * The script-tag build's loader for the memory backend. Its bilingual sample data and simulation are
 * demo material, not widget code, so they live in `service-hall.memory.js` next to the script and load
 * only when a memory adapter is first used: a site on its own backend never downloads them.
 */
import type { loadBackend as load } from '../adapters/memory/load.js';

// Read while the script runs: `currentScript` is null once it has finished.
const base = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : location.href;

export const loadBackend: typeof load = () => import(/* @vite-ignore */ new URL('service-hall.memory.js', base).href);
