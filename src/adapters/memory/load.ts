/**
 * Loads the memory backend: the simulation and its sample data. A module of its own so that the
 * script-tag build can load the same code from a sibling file instead (see rollup.config.ts).
 */
export const loadBackend = () => import('./backend.js');
