/**
 * OLA alerts: the team's own promises on response and resolution times, checked against what the database
 * holds. Every instance checks; each breach is claimed in `ola_alerts` by (kind, item, since) with an insert
 * that only one instance wins, and the winner reports it (an `ola.breached` webhook, and a bus notification
 * that puts the late item first on every desk). A still-late item is never reported twice, not after a
 * restart either; an item that stops being late and is late again later (a new `since`) is a new breach.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/connect.js';
import { olaAlerts, tickets } from '../db/schema.js';
import { publish, type BusEvent } from './bus.js';
import type { Webhooks } from './webhooks.js';

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
  /**
   * Since when the clock ran: queued, the customer's unanswered message, or the ticket's creation. ISO 8601 in
   * microseconds, as the database keeps it, so that the claim's key is exact.
   */
  since: string;
}

/** What makes an item late now, as the desk shows it. */
export interface Late {
  kind: BreachKind;
  since: string;
}

/**
 * A timestamp as ISO 8601 text, with every microsecond Postgres keeps (`US`: a JS Date would drop three
 * digits of a key) or in milliseconds (`MS`: for clients to show), whichever driver reads it.
 */
export const iso = (column: SQL, precision: 'US' | 'MS' = 'US') =>
  sql`to_char(${column} at time zone 'UTC', ${sql.raw(`'YYYY-MM-DD"T"HH24:MI:SS.${precision}"Z"'`)})`;

const rows = async <T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/** Every item late now by `thresholds`. */
export const findBreaches = async (db: Db, thresholds: OlaThresholds, now = new Date()): Promise<Breach[]> => {
  const at = now.toISOString();
  const out: Breach[] = [];
  if (thresholds.queueMinutes !== undefined || thresholds.angryWaiting) {
    const queued = await rows<{ id: string; customer_id: string; queued_at: string; sentiment: string | null }>(
      db,
      sql`select id, customer_id, ${iso(sql`queued_at`)} as queued_at, sentiment from conversations
        where human = 'queued'`,
    );
    for (const c of queued) {
      const waited = now.getTime() - new Date(c.queued_at).getTime();
      const base = { conversationId: c.id, customerId: c.customer_id, since: c.queued_at };
      if (thresholds.angryWaiting && c.sentiment === 'angry') out.push({ kind: 'angry-waiting', ...base });
      if (thresholds.queueMinutes !== undefined && waited > thresholds.queueMinutes * 60_000)
        out.push({ kind: 'queue-wait', ...base });
    }
  }
  if (thresholds.replyMinutes !== undefined) {
    // The oldest customer message after the agent's last one, in conversations an agent holds.
    const silent = await rows<{ id: string; customer_id: string; since: string }>(
      db,
      sql`select c.id, c.customer_id, ${iso(sql`min(m.created_at)`)} as since
        from conversations c join messages m on m.conversation_id = c.id and m.role = 'customer'
        where c.human = 'connected'
          and m.created_at > coalesce((select max(a.created_at) from messages a
            where a.conversation_id = c.id and a.role = 'agent'), c.queued_at, c.created_at)
        group by c.id, c.customer_id
        having min(m.created_at) < ${at}::timestamptz - make_interval(mins => ${thresholds.replyMinutes})`,
    );
    for (const c of silent)
      out.push({ kind: 'no-reply', conversationId: c.id, customerId: c.customer_id, since: c.since });
  }
  if (thresholds.ticketHours !== undefined) {
    const late = await rows<{ id: string; customer_id: string; created_at: string }>(
      db,
      sql`select id, customer_id, ${iso(sql`created_at`)} as created_at from tickets
        where status <> 'solved' and created_at < ${at}::timestamptz - make_interval(hours => ${thresholds.ticketHours})`,
    );
    for (const t of late)
      out.push({ kind: 'ticket-unsolved', ticketId: t.id, customerId: t.customer_id, since: t.created_at });
  }
  return out;
};

/**
 * The late marks of the conversations aliased `c` in a query, as a JSON array of `Late`: the queue breaches
 * of its current wait while queued, and the no-reply breach of its current silence while an agent has it.
 */
export const lateSql = (c: string): SQL => {
  const alias = sql.raw(c);
  return sql`(select coalesce(jsonb_agg(jsonb_build_object('kind', a.kind, 'since', ${iso(sql`a.since`, 'MS')}) order by a.kind), '[]'::jsonb)
    from ${olaAlerts} a where a.item_id = ${alias}.id::text and (
      (${alias}.human = 'queued' and a.kind in ('queue-wait', 'angry-waiting') and a.since = ${alias}.queued_at)
      or (${alias}.human = 'connected' and a.kind = 'no-reply' and a.since > coalesce((select max(r.created_at)
        from messages r where r.conversation_id = ${alias}.id and r.role = 'agent'), ${alias}.queued_at, ${alias}.created_at))))`;
};

/**
 * The late mark of a ticket (the `tickets` table in the query), as a JSON array of `Late`: its unsolved breach
 * while it is not solved. A ticket's clock runs from its opening, so a reopened ticket keeps its mark.
 */
export const ticketLateSql = (): SQL =>
  sql`(select coalesce(jsonb_agg(jsonb_build_object('kind', a.kind, 'since', ${iso(sql`a.since`, 'MS')})), '[]'::jsonb)
    from ${olaAlerts} a where a.kind = 'ticket-unsolved' and a.item_id = ${tickets.id} and ${tickets.status} <> 'solved')`;

/** Whether the queued conversation aliased `c` has a queue breach on its current wait: it is served first. */
export const queueLateSql = (c: string): SQL => {
  const alias = sql.raw(c);
  return sql`exists (select 1 from ${olaAlerts} a where a.item_id = ${alias}.id::text
    and a.kind in ('queue-wait', 'angry-waiting') and a.since = ${alias}.queued_at)`;
};

/** The late marks of some conversations, by id (none for those on time). */
export const lateOf = async (db: Db, ids: string[]): Promise<Map<string, Late[]>> => {
  if (!ids.length) return new Map();
  const found = await rows<{ id: string; late: Late[] }>(
    db,
    sql`select c.id, ${lateSql('c')} as late from conversations c
      where c.id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
  );
  return new Map(found.filter((r) => r.late.length).map((r) => [r.id, r.late]));
};

/** What tells the desks about a claimed breach: the queue moves, or the held conversation is marked. */
const noticeOf = (breach: Breach): BusEvent | undefined =>
  breach.kind === 'no-reply'
    ? { k: 'c', c: breach.conversationId! }
    : breach.kind === 'ticket-unsolved'
      ? undefined
      : { k: 'q' };

export interface OlaWatch {
  /** Checks now; answers the breaches this check claimed (the new ones no instance reported yet). */
  check(now?: Date): Promise<Breach[]>;
  close(): void;
}

/**
 * Checks every `intervalMs` (default 30 s), claims each breach in the database, and reports those it won
 * through `webhooks` (when there are any) and the bus.
 */
export const watchOla = (
  db: Db,
  thresholds: OlaThresholds,
  webhooks: Webhooks | undefined,
  { intervalMs = 30_000, onError }: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): OlaWatch => {
  /** Inserts the breach's key; true when this call won it. Its notification commits with it. */
  const claim = (breach: Breach) =>
    db.transaction(async (tx) => {
      const won = await tx
        .insert(olaAlerts)
        .values({
          kind: breach.kind,
          itemId: (breach.conversationId ?? breach.ticketId)!,
          customerId: breach.customerId,
          since: sql`${breach.since}::timestamptz`,
        })
        .onConflictDoNothing()
        .returning({ kind: olaAlerts.kind });
      const notice = won.length ? noticeOf(breach) : undefined;
      if (notice) await publish(tx, notice);
      // The alert's webhook commits with its claim: a breach claimed is a breach reported.
      if (won.length) await webhooks?.emit('ola.breached', { ...breach }, tx);
      return won.length > 0;
    });
  const check = async (now = new Date()) => {
    const fresh: Breach[] = [];
    for (const breach of await findBreaches(db, thresholds, now)) if (await claim(breach)) fresh.push(breach);
    if (fresh.length) void webhooks?.deliver();
    return fresh;
  };
  const timer = setInterval(() => check().catch((error: unknown) => onError?.(error)), intervalMs);
  timer.unref();
  return {
    check,
    close: () => clearInterval(timer),
  };
};

/** The OLA settings of a server: what to check and how often. */
export interface OlaOptions {
  thresholds: OlaThresholds;
  /** How often to check, in ms. Default 30 s. */
  intervalMs?: number;
}

/**
 * Reads `queue=5,reply=10,angry,ticket=24,check=30` (SERVICE_HALL_OLA; `check` in seconds, how often to
 * look); throws on anything else.
 */
export const parseOla = (text: string): OlaOptions => {
  const thresholds: OlaThresholds = {};
  let intervalMs: number | undefined;
  const names = { queue: 'queueMinutes', reply: 'replyMinutes', ticket: 'ticketHours' } as const;
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    if (part === 'angry') {
      thresholds.angryWaiting = true;
      continue;
    }
    const [name, value] = part.split('=');
    const number = Number(value);
    if (!(name! in names || name === 'check') || !(number > 0))
      throw new Error(`SERVICE_HALL_OLA: "${part}" is not queue=MIN, reply=MIN, ticket=HOURS, angry or check=SECONDS`);
    if (name === 'check') intervalMs = number * 1000;
    else thresholds[names[name as keyof typeof names]] = number;
  }
  return { thresholds, ...(intervalMs && { intervalMs }) };
};

/** The OLA checks a server's environment asks for (SERVICE_HALL_OLA), or none. */
export const olaFromEnv = (env: Record<string, string | undefined>): OlaOptions | undefined =>
  env.SERVICE_HALL_OLA ? parseOla(env.SERVICE_HALL_OLA) : undefined;
