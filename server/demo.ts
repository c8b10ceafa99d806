/**
 * `npm start`: the reference server on its embedded database with the demo content, serving the storefront at
 * `/` (its widget on `endpoint: '/api/'`), the workbench's place at `/desk/`, and the API. The storefront's
 * own server route `/demo/customer` signs the demo customer, as a site's backend signs its customers.
 */
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { langOf, sampleCustomer } from '../src/adapters/memory/sample.js';
import { addDemoHistory } from './demo-history.js';
import { localeOf } from './services/content.js';
import { DEMO_PASSWORD } from './seed.js';
import { start } from './start.js';

const registerDemo = async (app: FastifyInstance, root: string) => {
  const added = await addDemoHistory(app.db);
  if (added) app.log.warn(`demo history: ${added} generated conversations over the last 30 days, marked as demo data`);
  await app.register(fastifyStatic, { root: resolve(root, 'demo'), prefix: '/', index: 'index.html' });
  await app.register(fastifyStatic, { root: resolve(root, 'dist'), prefix: '/dist/', decorateReply: false });
  app.get('/mockServiceWorker.js', (_request, reply) => reply.sendFile('public/mockServiceWorker.js'));
  app.get<{ Querystring: { vip?: string; locale?: string } }>('/demo/customer', async (request) => {
    const { id, name } = sampleCustomer(langOf(localeOf(request.query.locale)));
    const tier = request.query.vip === '1' ? 'vip' : 'member';
    const token = await app.identity.signCustomer({ sub: id, name, tier }, '12h');
    return { user: { id, name, tier, token } };
  });
};

/** Starts the demo and prints where everything is. */
export const startDemo = async ({ port = 5173, dataDir = '.service-hall-data', root = '.' } = {}) => {
  const { url } = await start({
    demo: true,
    port,
    dataDir,
    extend: (app) => registerDemo(app, root),
  });
  console.log(
    `\nService Hall demo on the reference server\n` +
      `  storefront  ${url}/\n  webview     ${url}/webview.html\n  desk        ${url}/desk/  (agents: lina@demo.test or wei@demo.test, password ${DEMO_PASSWORD})\n` +
      `  API         ${url}/api/   desk API: ${url}/api/desk/ (docs/desk-api.md)\n  data        ${resolve(dataDir)}\n(Ctrl+C to stop)`,
  );
  return url;
};
