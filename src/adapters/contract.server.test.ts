// The adapter contract over HTTP against the real reference server (scripts/wtr-server.js starts it on PGlite).
import { realServer as server, serverUrl } from '../test/server.js';
import { describeAdapterContract } from './contract.js';
import { createHttpAdapter } from './http/index.js';

// The server starts on first use: from the source, on a fresh embedded database, which takes a while.
before(async function () {
  this.timeout(120_000);
  await serverUrl();
});

describeAdapterContract('http on the reference server', async () => {
  const url = await serverUrl();
  const id = `contract-${Math.random().toString(36).slice(2)}`;
  const token = await server<string>({ action: 'customer', sub: id, name: 'Contract' });
  return { adapter: createHttpAdapter({ endpoint: `${url}/api/`, backoffMs: 10 }), user: { id, token } };
});
