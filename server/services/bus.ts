/**
 * The event bus is Postgres: a change and its `pg_notify` are written in one transaction, and every instance
 * LISTENs on one channel. Notifications are small (ids and kinds); listeners read the database from their
 * own cursor, so a missed notification loses nothing, and a lost listening connection is reported as a gap
 * after which everything is read again.
 */
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Database, Tx } from '../db/connect.js';

export const CHANNEL = 'service_hall';

export type BusEvent =
  /** A message was committed in conversation `c` with seq `s`. */
  | { k: 'm'; c: string; s: number }
  /** Someone in conversation `c` started or stopped typing. */
  | { k: 't'; c: string; on: boolean; by: 'customer' | 'agent' | 'bot'; n?: string }
  /** The hand-off state of conversation `c` changed (queued, assigned, transferred, closed), or it became late. */
  | { k: 'c'; c: string }
  /** The queue changed (someone joined, left, was taken or became late): positions move. */
  | { k: 'q' }
  /** An agent's presence changed. */
  | { k: 'a'; a: string }
  /** Ticket `t` was created, answered or changed status. */
  | { k: 'k'; t: string }
  /** Conversation `c` was rated. */
  | { k: 'r'; c: string };

/** What listeners receive: bus events, and `gap` when notifications may have been missed. */
export type BusSignal = BusEvent | { k: 'gap' };

/** Queues a notification in the transaction: it is delivered if and when the transaction commits. */
export const publish = (tx: Tx, event: BusEvent) =>
  tx.execute(sql`select pg_notify(${CHANNEL}, ${JSON.stringify(event)})`);

export const createBus = async (database: Database, log: FastifyBaseLogger) => {
  const listeners = new Set<(signal: BusSignal) => void>();
  const deliver = (signal: BusSignal) => {
    for (const listener of listeners) {
      try {
        listener(signal);
      } catch (error) {
        log.error({ err: error }, 'bus listener failed');
      }
    }
  };
  const stop = await database.listen(
    CHANNEL,
    (payload) => {
      let event: BusEvent;
      try {
        event = JSON.parse(payload) as BusEvent;
      } catch {
        return log.warn('malformed bus notification');
      }
      deliver(event);
    },
    () => {
      log.warn('bus reconnected: reading every stream again');
      deliver({ k: 'gap' });
    },
  );
  return {
    on(listener: (signal: BusSignal) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: stop,
  };
};

export type Bus = Awaited<ReturnType<typeof createBus>>;
