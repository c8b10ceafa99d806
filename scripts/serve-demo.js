// `npm start`: bundles the Preact storefront, then starts the reference server (built into dist/server) on its
// embedded database with the demo content, serving the storefront, the desk and the API on localhost.
import { buildDemo } from './demo-server.js';

await buildDemo();
const { startDemo } = await import('../dist/server/demo.js');
await startDemo({ port: Number(process.env.PORT ?? 5173), dataDir: process.env.DATA_DIR ?? '.service-hall-data' });
