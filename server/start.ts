/**
 * `service-hall-server`: flags and environment → buildApp → listen. SIGTERM and SIGINT end every stream
 * (clients reconnect, to another instance behind the balancer), stop taking requests, then close the database.
 *
 *   --port N / PORT            (default 8787)
 *   --host H / HOST            (default 127.0.0.1; 0.0.0.0 to serve the network)
 *   --data DIR / DATA_DIR      (default ./.service-hall-data: PGlite's files and uploads)
 *   DATABASE_URL               postgres://… for a real Postgres shared by several instances
 *   SERVICE_HALL_SECRET        signs customer tokens (HS256); generated and stored when absent
 *   SERVICE_HALL_ORIGINS       comma-separated site origins allowed by CORS
 *   --seed demo | FILE.json    load content (and agents) at start
 *   --provider FILE.js / SERVICE_HALL_PROVIDER_URL   the site's orders and actions
 *   SERVICE_HALL_WEBHOOK_URL, SERVICE_HALL_WEBHOOK_SECRET   where conversation, ticket and OLA events go,
 *                              signed with that secret (docs/webhooks.md)
 *   SERVICE_HALL_OLA           thresholds, e.g. queue=5,reply=10,angry,ticket=24 (minutes; ticket in hours;
 *                              check=SECONDS: how often, default 30): late items go first on the desk
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { buildApp, type AppOptions } from './app.js';
import { demoProvider } from './providers/demo.js';
import { httpProvider, moduleProvider, type SiteProvider } from './providers/index.js';
import { DEMO_PASSWORD, demoSeed, readSeed } from './seed.js';
import { olaFromEnv } from './services/ola.js';
import { webhooksFromEnv } from './services/webhooks.js';

export interface StartOptions extends Partial<AppOptions> {
  /** The demo: its content, agents and sample shop (as `--seed demo`). */
  demo?: boolean;
  port?: number;
  host?: string;
}

/** Starts a server and wires graceful shutdown; resolves once it listens. */
export const start = async (options: StartOptions = {}) => {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      seed: { type: 'string' },
      provider: { type: 'string' },
    },
    strict: false,
  });
  const env = process.env;
  const seedName = (values.seed as string | undefined) ?? env.SERVICE_HALL_SEED;
  const demo = options.demo ?? seedName === 'demo';
  const providerPath = values.provider as string | undefined;
  let provider: SiteProvider | undefined = options.provider;
  if (!provider && providerPath) provider = await moduleProvider(providerPath);
  if (!provider && env.SERVICE_HALL_PROVIDER_URL)
    provider = httpProvider(env.SERVICE_HALL_PROVIDER_URL, env.SERVICE_HALL_SECRET ?? '');
  if (!provider && demo) provider = demoProvider();

  const app = await buildApp({
    dataDir: resolve(options.dataDir ?? (values.data as string | undefined) ?? env.DATA_DIR ?? '.service-hall-data'),
    databaseUrl: options.databaseUrl ?? env.DATABASE_URL,
    secret: options.secret ?? env.SERVICE_HALL_SECRET,
    origins:
      options.origins ??
      (env.SERVICE_HALL_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    provider,
    seed: options.seed ?? (demo ? demoSeed() : seedName ? readSeed(seedName) : undefined),
    logger: options.logger ?? {
      level: env.LOG_LEVEL ?? 'info',
      // Paths only: signed upload URLs carry their signature in the query string.
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({
          method: req.method,
          url: req.url.split('?')[0],
          id: req.id,
        }),
      },
    },
    rateLimit: options.rateLimit,
    heartbeatMs: options.heartbeatMs,
    ola: options.ola ?? olaFromEnv(env),
    webhooks: options.webhooks ?? webhooksFromEnv(env),
    extend: options.extend,
  });
  if (demo)
    app.log.warn(
      `demo seed: agents lina@demo.test and wei@demo.test sign in with the password "${DEMO_PASSWORD}". Never use --seed demo in production.`,
    );

  const port = options.port ?? Number((values.port as string | undefined) ?? env.PORT ?? 8787);
  const host = options.host ?? (values.host as string | undefined) ?? env.HOST ?? '127.0.0.1';
  const url = await app.listen({ port, host });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: closing streams, then the database');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return { app, url };
};
