/**
 * Test servers: PGlite in a temporary folder always, and a real Postgres when SERVICE_HALL_TEST_DATABASE_URL
 * names one (`.ci/run` starts a throwaway cluster): each server gets a fresh database of its own there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { buildApp, type App, type AppOptions } from '../app.js';
import { demoProvider } from '../providers/demo.js';
import { DEMO_PASSWORD, demoSeed } from '../seed.js';

export const SECRET = 'test-secret-test-secret-test-secret';

/** A whole 1×1 PNG. */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2d6bd8f0000000049454e44ae426082',
  'hex',
);

/** A multipart/form-data body with one file, for `inject`: `{ payload, type }` (the content-type header). */
export const multipartFile = (name: string, type: string, content: Buffer, field = 'file') => {
  const boundary = '----sh' + Math.random().toString(16).slice(2);
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
};

/** The databases to run on: always PGlite, Postgres too when a URL is given. */
export const kinds = (): ('pglite' | 'postgres')[] =>
  process.env.SERVICE_HALL_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** A fresh, empty database on the test cluster; returns its URL. */
export const freshPostgres = async (): Promise<string> => {
  const admin = new URL(process.env.SERVICE_HALL_TEST_DATABASE_URL!);
  const name = `sh_${randomUUID().replace(/-/g, '')}`;
  const client = new pg.Client({ connectionString: admin.href });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  admin.pathname = `/${name}`;
  return admin.href;
};

export interface TestServer {
  app: App;
  dataDir: string;
  databaseUrl?: string;
  /** A signed customer's token, as a site's backend would make it. */
  customer(sub: string, extra?: { name?: string; tier?: string }): Promise<string>;
  visitor(): Promise<string>;
  /** Signs an agent in and returns the session cookie header. */
  agent(email?: string): Promise<string>;
  close(): Promise<void>;
}

export const testServer = async (
  kind: 'pglite' | 'postgres',
  options: Partial<AppOptions> & { keep?: boolean } = {},
): Promise<TestServer> => {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sh-server-test-'));
  const databaseUrl = options.databaseUrl ?? (kind === 'postgres' ? await freshPostgres() : undefined);
  const app = await buildApp({
    dataDir,
    databaseUrl,
    secret: SECRET,
    seed: demoSeed(),
    provider: demoProvider(),
    rateLimit: false,
    ...options,
  });
  return {
    app,
    dataDir,
    databaseUrl,
    customer: (sub, extra = {}) => app.identity.signCustomer({ sub, ...extra }),
    async visitor() {
      const res = await app.inject({ method: 'POST', url: '/api/visitors', payload: {} });
      return (res.json() as { token: string }).token;
    },
    async agent(email = 'lina@demo.test') {
      const res = await app.inject({
        method: 'POST',
        url: '/api/desk/session',
        payload: { email, password: DEMO_PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'sh_desk');
      return `sh_desk=${cookie?.value}`;
    },
    async close() {
      await app.close();
      if (!options.keep && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** Reads SSE events from a fetch response until `until` is satisfied or the time runs out. */
export const readEvents = (response: Response) => {
  const events: { event: string; id?: string; data: unknown }[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let ended = false;
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let at;
        while ((at = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((l) => l && !l.startsWith(':'))
              .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
          );
          if (fields.event)
            events.push({ event: fields.event, id: fields.id, data: JSON.parse(fields.data ?? 'null') });
        }
        waiters.forEach((w) => w());
      }
    } catch {
      // Cut by the test or the server.
    }
    ended = true;
    waiters.forEach((w) => w());
  })();
  return {
    events,
    get ended() {
      return ended;
    },
    /** Resolves once `test` holds for the events so far; rejects after `ms`. */
    until(test: (e: typeof events) => boolean, ms = 5000): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (test(events)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          } else if (ended) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`stream ended; got ${JSON.stringify(events.map((e) => e.event))}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out; got ${JSON.stringify(events.map((e) => [e.event, e.data]))}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    cancel: () => reader.cancel().catch(() => {}),
  };
};
