/**
 * `/desk/`: the agent workbench, built by `npm run build` into dist/desk/ and served from there. A server
 * started without that build (from the source, before a build) answers with a page that says so, rather than
 * an error.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

// From the source this module is server/routes/; bundled, it is a chunk in dist/server/.
const BUILT = ['../../dist/desk/', '../desk/']
  .map((path) => fileURLToPath(new URL(path, import.meta.url)))
  .find((dir) => existsSync(`${dir}index.html`));

/** Same origin only: the workbench's own script, its API, and attachments signed by this server. */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const MISSING = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Service Hall · Desk</title></head>
  <body>
    <main>
      <h1>客服工作台 · Agent desk</h1>
      <p>The workbench is not built. Run <code>npm run build</code>, then restart the server.
        The desk API answers at <code>/api/desk/</code> (docs/desk-api.md).</p>
    </main>
  </body>
</html>
`;

export const deskPage: FastifyPluginAsync = async (app) => {
  app.get('/desk', (_request, reply) => reply.redirect('/desk/'));
  if (!BUILT) {
    app.get('/desk/', (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'").send(MISSING),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: BUILT,
    prefix: '/desk/',
    decorateReply: false,
    // @fastify/static 10 hands its reply, not Node's response, to setHeaders.
    setHeaders: (reply: { header(name: string, value: string): unknown }) => {
      reply.header('content-security-policy', CSP);
      reply.header('x-content-type-options', 'nosniff');
    },
  });
};
