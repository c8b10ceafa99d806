// `npm start`: bundles the Preact storefront and serves it with the freshly built widget on localhost.
import { buildDemo, serveDemo } from './demo-server.js';

await buildDemo();
const { url } = await serveDemo(Number(process.env.PORT ?? 5173));
console.log(`\nService Hall demo: ${url}/\nWebview demo:      ${url}/webview.html\n(Ctrl+C to stop)`);
