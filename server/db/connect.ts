/**
 * Opens the database: embedded Postgres (PGlite) in a data folder when no URL is given, a real Postgres
 * otherwise. Both get the same drizzle query layer, the same migrations and a LISTEN channel, so every
 * other file has one SQL code path.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The query layer, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: anything that runs queries. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /**
   * Calls `onMessage` with each notification on `channel`. `onGap` is called after the listening connection
   * was lost and restored: notifications may have been missed, so listeners read the database again.
   */
  listen(channel: string, onMessage: (payload: string) => void, onGap: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…`; without it, PGlite stores its files under `dataDir`. */
  url?: string;
  dataDir: string;
  /** Reports listener connection problems. */
  warn?: (message: string, error?: unknown) => void;
}

/** Built into dist/server/migrations next to the bundle; in the source tree, next to this file. */
const migrationsFolder = (): string => {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return join(here, 'migrations');
};

// Any constant: two instances starting together must not both run one migration.
const MIGRATION_LOCK = 7_246_001;

const openPglite = async ({ dataDir }: DatabaseOptions): Promise<Database> => {
  mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(join(dataDir, 'pgdata'));
  await client.waitReady;
  const db = drizzlePglite({ client, schema });
  await migratePglite(db, { migrationsFolder: migrationsFolder() });
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    // One process owns a PGlite folder, so its connection never drops and no notification is missed.
    listen: async (channel, onMessage) => {
      const stop = await client.listen(channel, onMessage);
      return () => stop();
    },
    close: () => client.close(),
  };
};

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5000;

const openPostgres = async ({ url, warn = () => {} }: DatabaseOptions): Promise<Database> => {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client that dies (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', (error) => warn('idle database connection failed', error));
  const db = drizzlePg({ client: pool, schema });
  const locker = await pool.connect();
  try {
    await locker.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg({ client: locker, schema }), { migrationsFolder: migrationsFolder() });
  } finally {
    await locker.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    locker.release();
  }
  const listeners = new Set<() => Promise<void>>();
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    /** One dedicated connection per channel, reconnected with backoff; each reconnection is a possible gap. */
    async listen(channel, onMessage, onGap) {
      let client: pg.Client | undefined;
      let closed = false;
      let delay = RECONNECT_MIN_MS;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const connect = async (first: boolean): Promise<void> => {
        const next = new pg.Client({ connectionString: url });
        next.on('notification', (n) => n.channel === channel && n.payload !== undefined && onMessage(n.payload));
        next.on('error', (error) => {
          warn('database listener lost', error);
          retry();
        });
        next.on('end', retry);
        try {
          await next.connect();
          await next.query(`LISTEN "${channel.replace(/"/g, '')}"`);
        } catch (error) {
          next.removeAllListeners('end');
          await next.end().catch(() => {});
          if (first) throw error;
          warn('database listener could not reconnect', error);
          return retry();
        }
        if (closed) return void (await next.end().catch(() => {}));
        client = next;
        delay = RECONNECT_MIN_MS;
        if (!first) onGap();
      };
      function retry() {
        if (closed || timer) return;
        const dead = client;
        client = undefined;
        dead?.removeAllListeners('end');
        void dead?.end().catch(() => {});
        timer = setTimeout(() => {
          timer = undefined;
          void connect(false);
        }, delay);
        delay = Math.min(RECONNECT_MAX_MS, delay * 2);
      }
      await connect(true);
      const stop = async () => {
        closed = true;
        clearTimeout(timer);
        client?.removeAllListeners('end');
        await client?.end().catch(() => {});
        listeners.delete(stop);
      };
      listeners.add(stop);
      return stop;
    },
    async close() {
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
};

/** Opens and migrates the database. */
export const openDatabase = (options: DatabaseOptions): Promise<Database> =>
  options.url ? openPostgres(options) : openPglite(options);
