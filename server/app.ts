/**
 * `buildApp(options)`: the reference server, configured and ready, without listening. The bin (cli.ts) starts
 * it; tests call `inject()` on it. Routes are plugins by concern under /api/; cross-cutting concerns (the
 * database, identity, the bus) are decorators and hooks.
 */
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { ATTACHMENT_MAX_BYTES } from '../src/core/validate.js';
import { openDatabase, type Database, type Db } from './db/connect.js';
import { HttpError } from './errors.js';
import { noProvider, type SiteProvider } from './providers/index.js';
import { deskRoutes } from './routes/desk/index.js';
import { deskPage } from './routes/desk-page.js';
import { customerRoutes } from './routes/index.js';
import { applySeed, isSeeded, type SeedConfig } from './seed.js';
import { createBus, type Bus } from './services/bus.js';
import { createContent, type Content } from './services/content.js';
import {
  createIdentity,
  loadSecret,
  type AgentIdentity,
  type CustomerIdentity,
  type Identity,
} from './services/identity.js';
import { createHub, type Hub } from './services/hub.js';
import { createConversations, type Conversations } from './services/conversations.js';
import { createSiteEvents, type SiteEvents } from './services/events.js';
import { watchOla, type OlaOptions } from './services/ola.js';
import { createWebhooks, type WebhookTarget } from './services/webhooks.js';
import { createHistory, type History } from './services/history.js';

export interface AppOptions {
  /** Where PGlite keeps its files (without `databaseUrl`) and where uploads are stored. */
  dataDir: string;
  /** `postgres://…`: a real Postgres shared by any number of instances. */
  databaseUrl?: string;
  /**
   * An open database to use instead of opening one (several apps in one process on one PGlite, as tests do);
   * the app leaves it open when it closes.
   */
  database?: Database;
  /** Signs and checks customer tokens (HS256). Without it, a secret is generated and kept in the database. */
  secret?: string;
  /** Site origins allowed by CORS, e.g. `https://shop.example.com`. None: same-origin only. */
  origins?: string[];
  /** Orders and action results from the site; none by default. */
  provider?: SiteProvider;
  /** Content to load into the database at start. */
  seed?: SeedConfig;
  /** Fastify's logger: `true`, pino options, or `false` (default). */
  logger?: FastifyServerOptions['logger'];
  /** Requests per minute per customer, visitor or agent (IP when anonymous). Default 600; `false` turns it off. */
  rateLimit?: number | false;
  /** Largest upload in bytes. Default the widget's and the desk's own check, 10 MiB. */
  uploadLimit?: number;
  /** Interval of stream heartbeats. Default 15 s, as the protocol asks. */
  heartbeatMs?: number;
  /** OLA checks: late items are marked on the desk and sent as `ola.breached` webhooks (services/ola.ts). */
  ola?: OlaOptions;
  /** Where conversation, ticket and OLA events go, signed (docs/webhooks.md); none by default. */
  webhooks?: WebhookTarget;
  /** More routes, registered before the app is ready (the demo's pages). */
  extend?: (app: FastifyInstance) => Promise<void> | void;
}

export interface AppConfig {
  dataDir: string;
  uploadsDir: string;
  uploadLimit: number;
  heartbeatMs: number;
  secret: Uint8Array;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    database: Database;
    content: Content;
    identity: Identity;
    provider: SiteProvider;
    bus: Bus;
    hub: Hub;
    conversations: Conversations;
    history: History;
    /** Conversation and ticket events for the site's webhooks (no-ops without webhooks). */
    siteEvents: SiteEvents;
    config: AppConfig;
  }
  interface FastifyRequest {
    /** Set by the customer routes' identity hook. */
    customer?: CustomerIdentity;
    /** Set by the desk routes' session hook. */
    agent?: AgentIdentity;
  }
}

export type App = FastifyInstance;

const BODY_LIMIT = 256 * 1024;

/** The JSON error body of the protocol. */
export const errorBody = (code: string, message: string) => ({ error: { code, message } });

export async function buildApp(options: AppOptions): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    requestIdHeader: 'x-request-id',
    // Unknown fields are an error, not silently dropped: a client that sends them is told.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const database =
    options.database ??
    (await openDatabase({
      url: options.databaseUrl,
      dataDir: options.dataDir,
      warn: (message, error) => app.log.warn({ err: error }, message),
    }));
  const { db } = database;
  if (options.seed) await applySeed(db, options.seed);
  else if (!(await isSeeded(db))) app.log.warn('no content seeded yet: start with --seed demo or --seed config.json');

  const secret = await loadSecret(db, options.secret);
  const content = createContent(db);
  const config: AppConfig = {
    dataDir: options.dataDir,
    uploadsDir: join(options.dataDir, 'uploads'),
    uploadLimit: options.uploadLimit ?? ATTACHMENT_MAX_BYTES,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    secret,
  };
  const bus = await createBus(database, app.log);
  const webhooks =
    options.webhooks &&
    createWebhooks(db, {
      ...options.webhooks,
      onFailure: (event, reason) =>
        app.log.warn({ event: event.type, delivery: event.id, reason }, 'webhook not delivered'),
      onError: (error) => app.log.warn({ err: error }, 'webhook outbox failed'),
    });
  app.decorate('db', db);
  app.decorate('database', database);
  app.decorate('content', content);
  app.decorate('identity', createIdentity(db, secret));
  app.decorate('provider', options.provider ?? noProvider);
  app.decorate('config', config);
  app.decorate('bus', bus);
  app.decorate('siteEvents', createSiteEvents(db, webhooks, app.log));
  app.decorate('conversations', createConversations(app));
  app.decorate('history', createHistory(app));
  app.decorate('hub', createHub(app));
  app.decorateRequest('customer', undefined);
  app.decorateRequest('agent', undefined);

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string; validation?: unknown }, request, reply) => {
    if (error instanceof HttpError) return reply.status(error.statusCode).send(errorBody(error.code, error.message));
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(500).send(errorBody('internal', 'Something went wrong on our side. Please try again.'));
    }
    const code = error.validation
      ? 'invalid'
      : status === 413
        ? 'too_large'
        : status === 415
          ? 'unsupported_type'
          : status === 429
            ? 'rate_limited'
            : error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
              ? 'bad_json'
              : 'bad_request';
    return reply.status(status).send(errorBody(code, error.message));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody('not_found', `No such route: ${request.method} ${request.url.split('?')[0]}`)),
  );

  await app.register(cors, {
    // Only the configured sites; without any, browsers allow same-origin requests only.
    origin: options.origins?.length ? options.origins : false,
    methods: ['GET', 'POST', 'DELETE', 'PUT', 'PATCH'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID', 'If-None-Match', 'X-Request-Id'],
    exposedHeaders: ['ETag', 'Retry-After'],
    maxAge: 86_400,
  });
  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: config.uploadLimit, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
  });
  if (options.rateLimit !== false) {
    await app.register(rateLimit, {
      max: options.rateLimit ?? 600,
      timeWindow: 60_000,
      // One bucket per customer, visitor or agent session: many customers behind one NAT do not share one.
      keyGenerator: (request) =>
        request.headers.authorization?.slice(-43) ?? request.cookies?.sh_desk?.slice(-43) ?? request.ip,
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        ...errorBody('rate_limited', `Too many requests; try again in ${Math.ceil(context.ttl / 1000)} s.`),
      }),
    });
  }

  app.get('/healthz', async () => ({ ok: true }));
  await app.register(customerRoutes, { prefix: '/api' });
  await app.register(deskRoutes, { prefix: '/api/desk' });
  await app.register(deskPage);
  if (options.extend) await app.register(async (scope) => options.extend?.(scope));

  const ola =
    options.ola &&
    watchOla(db, options.ola.thresholds, webhooks, {
      intervalMs: options.ola.intervalMs,
      onError: (error) => app.log.warn({ err: error }, 'OLA check failed'),
    });
  app.addHook('onClose', async () => {
    ola?.close();
    await webhooks?.close();
    await app.hub.close();
    await bus.close();
    if (!options.database) await database.close();
  });
  await app.ready();
  return app as unknown as App;
}
