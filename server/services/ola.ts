/**
 * OLA alerts: the team's own promises on response and resolution times, checked against what the database
 * holds. Each item that crosses a threshold is reported once as an `ola.breached` webhook; when it stops
 * being late (answered, taken, solved) and later crosses again, it is reported again. What was reported is
 * kept per process, so after a restart a still-late item is reported once more: a late alert over none.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/connect.js';
import { createWebhooks, type Webhooks } from './webhooks.js';

/** Thresholds; a threshold left out is not checked. */
export interface OlaThresholds {
  /** A customer waiting in the queue longer than this. */
  queueMinutes?: number;
  /** A conversation with an agent whose customer has had no agent reply for this long. */
  replyMinutes?: number;
  /** An angry customer waiting in the queue at all. */
  angryWaiting?: boolean;
  /** A ticket not solved this long after it was opened. */
  ticketHours?: number;
}

export type BreachKind = 'queue-wait' | 'no-reply' | 'angry-waiting' | 'ticket-unsolved';

export interface Breach {
  kind: BreachKind;
  conversationId?: string;
  ticketId?: string;
  customerId: string;
  /** Since when the clock ran: queued, the customer's unanswered message, or the ticket's creation. */
  since: string;
}

const rows = async <T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/** Every item late now by `thresholds`. */
export const findBreaches = async (db: Db, thresholds: OlaThresholds, now = new Date()): Promise<Breach[]> => {
  const at = now.toISOString();
  const out: Breach[] = [];
  const iso = (value: string | Date) => new Date(value).toISOString();
  if (thresholds.queueMinutes !== undefined || thresholds.angryWaiting) {
    const queued = await rows<{ id: string; customer_id: string; queued_at: string; sentiment: string | null }>(
      db,
      sql`select id, customer_id, queued_at, sentiment from conversations where human = 'queued'`,
    );
    for (const c of queued) {
      const waited = now.getTime() - new Date(c.queued_at).getTime();
      const base = { conversationId: c.id, customerId: c.customer_id, since: iso(c.queued_at) };
      if (thresholds.angryWaiting && c.sentiment === 'angry') out.push({ kind: 'angry-waiting', ...base });
      if (thresholds.queueMinutes !== undefined && waited > thresholds.queueMinutes * 60_000)
        out.push({ kind: 'queue-wait', ...base });
    }
  }
  if (thresholds.replyMinutes !== undefined) {
    // The oldest customer message after the agent's last one, in conversations an agent holds.
    const silent = await rows<{ id: string; customer_id: string; since: string }>(
      db,
      sql`select c.id, c.customer_id, min(m.created_at) as since
        from conversations c join messages m on m.conversation_id = c.id and m.role = 'customer'
        where c.human = 'connected'
          and m.created_at > coalesce((select max(a.created_at) from messages a
            where a.conversation_id = c.id and a.role = 'agent'), c.queued_at, c.created_at)
        group by c.id, c.customer_id
        having min(m.created_at) < ${at}::timestamptz - make_interval(mins => ${thresholds.replyMinutes})`,
    );
    for (const c of silent)
      out.push({ kind: 'no-reply', conversationId: c.id, customerId: c.customer_id, since: iso(c.since) });
  }
  if (thresholds.ticketHours !== undefined) {
    const late = await rows<{ id: string; customer_id: string; created_at: string }>(
      db,
      sql`select id, customer_id, created_at from tickets
        where status <> 'solved' and created_at < ${at}::timestamptz - make_interval(hours => ${thresholds.ticketHours})`,
    );
    for (const t of late)
      out.push({ kind: 'ticket-unsolved', ticketId: t.id, customerId: t.customer_id, since: iso(t.created_at) });
  }
  return out;
};

export interface OlaWatch {
  /** Checks now; answers the breaches reported by this check (the new ones). */
  check(now?: Date): Promise<Breach[]>;
  close(): void;
}

/** Checks every `intervalMs` (default 30 s) and reports new breaches through `webhooks`. */
export const watchOla = (
  db: Db,
  thresholds: OlaThresholds,
  webhooks: Webhooks,
  { intervalMs = 30_000, onError }: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): OlaWatch => {
  let reported = new Set<string>();
  const keyOf = (b: Breach) => `${b.kind}:${b.conversationId ?? b.ticketId}`;
  const check = async (now = new Date()) => {
    const breaches = await findBreaches(db, thresholds, now);
    const fresh = breaches.filter((b) => !reported.has(keyOf(b)));
    // Only what is still late stays reported: an item late again later is a new breach.
    reported = new Set(breaches.map(keyOf));
    for (const breach of fresh) void webhooks.emit('ola.breached', { ...breach });
    return fresh;
  };
  const timer = setInterval(() => check().catch((error: unknown) => onError?.(error)), intervalMs);
  timer.unref();
  return {
    check,
    close: () => clearInterval(timer),
  };
};

/** Reads thresholds as `queue=5,reply=10,angry,ticket=24` (SERVICE_HALL_OLA); throws on anything else. */
export const parseOla = (text: string): OlaThresholds => {
  const out: OlaThresholds = {};
  const names = { queue: 'queueMinutes', reply: 'replyMinutes', ticket: 'ticketHours' } as const;
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    if (part === 'angry') {
      out.angryWaiting = true;
      continue;
    }
    const [name, value] = part.split('=');
    const number = Number(value);
    if (!(name! in names) || !(number > 0))
      throw new Error(`SERVICE_HALL_OLA: "${part}" is not queue=MIN, reply=MIN, ticket=HOURS or angry`);
    out[names[name as keyof typeof names]] = number;
  }
  return out;
};

/** The alerts a server's environment asks for, or none; throws when they are asked for without a secret. */
export const alertsFromEnv = (env: Record<string, string | undefined>): AlertOptions | undefined => {
  const { SERVICE_HALL_WEBHOOK_URL: url, SERVICE_HALL_WEBHOOK_SECRET: secret, SERVICE_HALL_OLA: ola } = env;
  if (!url || !ola) return undefined;
  // Unsigned alerts could be forged by anyone who finds the receiver's address.
  if (!secret) throw new Error('SERVICE_HALL_WEBHOOK_SECRET is needed to sign the webhooks');
  return { webhookUrl: url, webhookSecret: secret, thresholds: parseOla(ola) };
};

export interface AlertOptions {
  webhookUrl: string;
  webhookSecret: string;
  thresholds: OlaThresholds;
  /** How often to check. Default 30 s. */
  intervalMs?: number;
}

/** Starts the OLA watch with its webhooks; answers how to stop both (on shutdown). */
export const startAlerts = (
  db: Db,
  options: AlertOptions,
  log: { warn(object: object, message: string): void },
): (() => void) => {
  const webhooks = createWebhooks({
    url: options.webhookUrl,
    secret: options.webhookSecret,
    onFailure: (event, reason) => log.warn({ event: event.type, delivery: event.id, reason }, 'webhook not delivered'),
  });
  const watch = watchOla(db, options.thresholds, webhooks, {
    intervalMs: options.intervalMs,
    onError: (error) => log.warn({ err: error }, 'OLA check failed'),
  });
  return () => {
    watch.close();
    webhooks.close();
  };
};
