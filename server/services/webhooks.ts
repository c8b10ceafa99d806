/**
 * Webhooks to the site's own systems (a CRM, a data warehouse, an on-call pager): one JSON `POST` per event,
 * signed with HMAC-SHA256 so the receiver knows it came from this server, retried with exponential backoff
 * while the receiver is down or overloaded (a network error, 429 or 5xx). Any other answer is final.
 *
 * Events go through the database's outbox (`webhook_outbox`): stored first, in the transaction of the change
 * when the caller has one, then delivered by whichever instance claims them. A receiver that is down for a
 * while, a restart or an instance killed mid-delivery loses nothing; a killed delivery is tried again once its
 * lease ends, so a receiver may see an event twice, and drops the second by its delivery id.
 *
 * Headers: `x-service-hall-event` (the type), `x-service-hall-delivery` (one id per event, the same on every
 * retry, so the receiver can drop duplicates), `x-service-hall-timestamp` (Unix seconds) and
 * `x-service-hall-signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">` with the shared secret.
 */
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/connect.js';
import { webhookOutbox } from '../db/schema.js';

export interface WebhookOptions {
  url: string;
  /** The shared secret the receiver checks signatures with. */
  secret: string;
  /** Tries in all, the first included. Default 6 (about 1 min with the default backoff). */
  attempts?: number;
  /** The first wait before a retry; each next one doubles. Default 2 000 ms. */
  backoffMs?: number;
  /** How often each instance looks for due events that no one is sending (another's retries, a dead lease). */
  pollMs?: number;
  /** How long a claimed event is left to its instance before another may take it. Default 60 s. */
  leaseMs?: number;
  fetch?: typeof fetch;
  /** Where a delivery that gave up is reported. */
  onFailure?: (event: WebhookEvent, reason: string) => void;
  /** Where a failing outbox (the database, not the receiver) is reported. */
  onError?: (error: unknown) => void;
}

export interface WebhookEvent {
  id: string;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

export interface Webhooks {
  /**
   * Stores one event for delivery and delivers it soon; resolves once it is stored. In `tx`, it is sent only
   * if that transaction commits, and the caller calls `deliver()` once it has (until then it is not visible).
   */
  emit(type: string, data: Record<string, unknown>, tx?: Tx): Promise<void>;
  /** Delivers what is due now; resolves when this round is done. */
  deliver(): Promise<void>;
  /** Stops delivering, once the round under way is done (on shutdown); what is left stays stored. */
  close(): Promise<void>;
}

/** The signature of `body` sent at `timestamp` (Unix seconds): what a receiver recomputes and compares. */
export const signWebhook = (secret: string, timestamp: number, body: string): string =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

const retryable = (status: number) => status === 429 || status >= 500;
/** Events claimed at once by one instance. */
const BATCH = 20;

type Outcome = { ok: true } | { ok: false; reason: string; retry: boolean };

export const createWebhooks = (db: Db, options: WebhookOptions): Webhooks => {
  const attempts = options.attempts ?? 6;
  const backoffMs = options.backoffMs ?? 2000;
  const leaseMs = options.leaseMs ?? 60_000;
  const send = options.fetch ?? ((...args) => fetch(...args));
  let closed = false;
  let round: Promise<void> | undefined;
  let again = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  /** One try: signed at each, so that a receiver may refuse old timestamps (replays). */
  const post = async (event: WebhookEvent): Promise<Outcome> => {
    const body = JSON.stringify(event);
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await send(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-service-hall-event': event.type,
          'x-service-hall-delivery': event.id,
          'x-service-hall-timestamp': String(timestamp),
          'x-service-hall-signature': signWebhook(options.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.body?.cancel();
      return response.ok
        ? { ok: true }
        : { ok: false, reason: `HTTP ${response.status}`, retry: retryable(response.status) };
    } catch (error) {
      return { ok: false, reason: String((error as Error)?.message ?? error), retry: true };
    }
  };

  /** Claims due events (skipping those another instance holds), sends them, and records how each went. */
  const deliverDue = async () => {
    const { rows } = (await db.execute(sql`
      update ${webhookOutbox} set attempts = attempts + 1, next_at = now() + make_interval(secs => ${leaseMs / 1000})
      where id in (
        select id from ${webhookOutbox}
        where delivered_at is null and gave_up_at is null and next_at <= now()
        order by next_at limit ${BATCH} for update skip locked)
      returning id, type, data, attempts, created_at`)) as unknown as {
      rows: { id: string; type: string; data: Record<string, unknown>; attempts: number; created_at: string | Date }[];
    };
    let soonest = Infinity;
    await Promise.all(
      rows.map(async (row) => {
        const event = { id: row.id, type: row.type, at: new Date(row.created_at).toISOString(), data: row.data };
        const outcome = await post(event);
        if (outcome.ok) {
          await db.execute(sql`update ${webhookOutbox} set delivered_at = now() where id = ${row.id}`);
        } else if (!outcome.retry || row.attempts >= attempts) {
          await db.execute(
            sql`update ${webhookOutbox} set gave_up_at = now(), last_error = ${outcome.reason}
              where id = ${row.id} and delivered_at is null`,
          );
          options.onFailure?.(event, outcome.reason);
        } else {
          const wait = backoffMs * 2 ** (row.attempts - 1);
          soonest = Math.min(soonest, wait);
          await db.execute(sql`update ${webhookOutbox}
            set next_at = now() + make_interval(secs => ${wait / 1000}), last_error = ${outcome.reason}
            where id = ${row.id} and delivered_at is null`);
        }
      }),
    );
    if (rows.length === BATCH) again = true;
    // This instance's own retries come on time; the poll is only for what others left.
    if (soonest < Infinity && !closed) {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => void deliver(), soonest);
      retryTimer.unref();
    }
  };

  /** One round at a time per instance; a call during a round asks for one more after it. */
  const deliver = (): Promise<void> => {
    if (closed) return Promise.resolve();
    if (round) {
      again = true;
      return round;
    }
    round = (async () => {
      try {
        do {
          again = false;
          await deliverDue();
        } while (again && !closed);
      } catch (error) {
        options.onError?.(error);
      } finally {
        round = undefined;
      }
    })();
    return round;
  };

  const poll = setInterval(() => void deliver(), options.pollMs ?? 5000);
  poll.unref();

  return {
    async emit(type, data, tx) {
      await (tx ?? db).insert(webhookOutbox).values({ type, data });
      if (!tx) void deliver();
    },
    deliver,
    async close() {
      closed = true;
      clearInterval(poll);
      clearTimeout(retryTimer);
      await round;
    },
  };
};

/** Where a server sends its webhooks, and with which secret. */
export interface WebhookTarget {
  url: string;
  secret: string;
  /** Tries in all; default 6. */
  attempts?: number;
  /** The first wait before a retry; default 2 000 ms. */
  backoffMs?: number;
  /** How often to look for events other instances left; default 5 s. */
  pollMs?: number;
}

/**
 * The webhooks a server's environment asks for (SERVICE_HALL_WEBHOOK_URL), or none; throws when they are asked
 * for without SERVICE_HALL_WEBHOOK_SECRET.
 */
export const webhooksFromEnv = (env: Record<string, string | undefined>): WebhookTarget | undefined => {
  const { SERVICE_HALL_WEBHOOK_URL: url, SERVICE_HALL_WEBHOOK_SECRET: secret } = env;
  if (!url) return undefined;
  // Unsigned events could be forged by anyone who finds the receiver's address.
  if (!secret) throw new Error('SERVICE_HALL_WEBHOOK_SECRET is needed to sign the webhooks');
  return { url, secret };
};
