/** Loads the panel chunk. A module of its own so that the script-tag loader can swap it (see rollup.config.ts). */
export const loadPanel = () => import('./panel.js');
