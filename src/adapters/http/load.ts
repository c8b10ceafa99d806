/** Loads the HTTP client. A module of its own so that the script-tag loader can swap it (see rollup.config.ts). */
export const loadClient = () => import('./client.js');
