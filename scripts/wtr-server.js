// A web-test-runner plugin that gives browser tests a real reference server: started on first use, from the
// source, on PGlite in a temporary folder, on a free port, with the demo content, CORS for the test page's
// origin, and a short OLA (a customer waiting 15 s is late, checked every second) for the late-queue journey. Tests reach it with `executeServerCommand('service-hall-server', { action, … })`:
//   { action: 'url' }                          → the server's base URL, or '' while it is still starting
//                                                (a command must answer within 20 s; src/test/server.ts asks again;
//                                                not null, which web-test-runner takes for an unknown command)
//   { action: 'customer', sub, name?, tier? }  → a customer token signed as a site's backend would
//   { action: 'desk', agent?, method, path, body? } → a desk API call as a demo agent: { status, body }
// Its `deskProxy` middleware forwards the test page's own /api/desk/ to that server, streams included, so that
// the workbench runs in a test page as it does at /desk/: same origin, with its SameSite=Strict cookie.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';

const SECRET = 'browser-tests-secret-browser-tests';

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

export const serviceHallServer = () => {
  let origins = [];
  let started;
  let child;
  let dir;
  const cookies = new Map();

  const start = async () => {
    const port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'sh-wtr-'));
    child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', '--port', String(port), '--data', dir, '--seed', 'demo'],
      {
        env: {
          ...process.env,
          SERVICE_HALL_SECRET: SECRET,
          SERVICE_HALL_ORIGINS: origins.join(','),
          LOG_LEVEL: 'warn',
          DATABASE_URL: '',
          SERVICE_HALL_OLA: 'queue=0.25,check=1',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 1200; i++) {
      if (
        await fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return url;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the reference server did not start');
  };

  const desk = async (url, { agent = 'lina@demo.test', method = 'GET', path, body }) => {
    if (!cookies.has(agent)) {
      const signIn = await fetch(`${url}/api/desk/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: agent, password: 'service-hall-demo' }),
      });
      cookies.set(agent, signIn.headers.get('set-cookie')?.split(';')[0] ?? '');
    }
    const response = await fetch(`${url}/api/desk/${path}`, {
      method,
      headers: { cookie: cookies.get(agent), ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  /** Koa middleware: /api/desk/… of the test page's origin, answered by the reference server. */
  const deskProxy = async (ctx, next) => {
    if (!ctx.path.startsWith('/api/desk/')) return next();
    started ??= start();
    const target = new URL(ctx.url, await started);
    ctx.respond = false;
    await new Promise((resolve) => {
      const upstream = request(
        target,
        { method: ctx.method, headers: { ...ctx.req.headers, host: target.host } },
        (res) => {
          ctx.res.writeHead(res.statusCode ?? 502, res.headers);
          res.pipe(ctx.res);
          res.on('end', resolve);
          // The page closed an event stream: close the server's side too.
          ctx.res.on('close', () => {
            res.destroy();
            resolve();
          });
        },
      );
      upstream.on('error', (error) => {
        if (!ctx.res.headersSent) ctx.res.writeHead(502, { 'content-type': 'text/plain' });
        ctx.res.end(String(error));
        resolve();
      });
      ctx.req.pipe(upstream);
    });
  };

  return {
    name: 'service-hall-server',
    deskProxy,
    serverStart({ config }) {
      origins = [
        `http://localhost:${config.port}`,
        `http://127.0.0.1:${config.port}`,
        `http://${config.hostname}:${config.port}`,
      ];
    },
    async serverStop() {
      child?.kill('SIGTERM');
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
    async executeCommand({ command, payload }) {
      if (command !== 'service-hall-server') return undefined;
      started ??= start();
      if (payload?.action === 'url')
        return Promise.race([started, new Promise((resolve) => setTimeout(() => resolve(''), 15_000))]);
      const url = await started;
      switch (payload?.action) {
        case 'customer':
          return new SignJWT({
            ...(payload.name && { name: payload.name }),
            ...(payload.tier && { tier: payload.tier }),
          })
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject(String(payload.sub))
            .setExpirationTime('1h')
            .sign(new TextEncoder().encode(SECRET));
        case 'desk':
          return desk(url, payload);
        default:
          throw new Error(`service-hall-server: unknown action ${payload?.action}`);
      }
    },
  };
};
