// The demo's bundle and server, shared by `npm start` (scripts/serve-demo.js) and scripts/screenshot.js.
// Both expect `npm run build` to have produced the widget in dist/.
import { build } from 'esbuild';
import { serve } from './static-server.js';

/** Bundles the Preact storefront into dist/demo. The mock HTTP backend becomes a chunk loaded on demand. */
export const buildDemo = () =>
  build({
    entryPoints: { storefront: 'demo/storefront.tsx' },
    outdir: 'dist/demo',
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    minify: true,
    sourcemap: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // msw reads it to choose between its development and production behaviour.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });

/** Serves the demo pages at /, the built widget and storefront at /dist/, and msw's worker at the root scope. */
export const serveDemo = (port = 0) =>
  serve({
    mounts: { '/': 'demo', '/dist/': 'dist', '/mockServiceWorker.js': 'demo/public/mockServiceWorker.js' },
    port,
  });
