/** Loads the panel chunk. A module of its own so that the script-tag loader can swap it (see rollup.config.ts). */
export const loadPanel = () => import('./panel.js');

/**
 * Where the script tag builds the Intl data in a worker first (src/embed/loader/imports.ts), the ES module does
 * not: an app's bundler would have to emit the worker's script. The panel builds its formatter at idle.
 */
export const warmIntl = (): Promise<void> => Promise.resolve();
