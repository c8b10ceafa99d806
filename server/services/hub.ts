/**
 * The live streams this instance holds: customers' conversation streams and agents' desk streams. Bus
 * notifications (from any instance) tell it what changed; each stream then reads the database from its own
 * cursor, so order and completeness come from the database, not from the notifications.
 */
import type { ServerResponse } from 'node:http';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Agent } from '../../src/core/types.js';
import { agents, conversations } from '../db/schema.js';
import type { BusSignal } from './bus.js';
import { ONLINE_SQL, type ConversationRow } from './conversations.js';
import { lateOf } from './ola.js';

/** One open SSE response. */
export interface Sse {
  /** Writes an event; messages carry their seq as `id`. */
  send(event: string, data: unknown, id?: number): void;
  comment(text: string): void;
  end(): void;
  readonly closed: boolean;
}

/** Starts an SSE response on a hijacked reply, keeping the headers (CORS) set so far. */
export const openSse = (request: FastifyRequest, reply: FastifyReply, onClose: () => void): Sse => {
  reply.hijack();
  const res: ServerResponse = reply.raw;
  res.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store, no-transform',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    onClose();
  };
  request.raw.on('close', close);
  res.on('close', close);
  res.on('error', close);
  return {
    send(event, data, id) {
      if (!closed)
        res.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    comment(text) {
      if (!closed) res.write(`: ${text}\n\n`);
    },
    end() {
      if (!closed) res.end();
      close();
    },
    get closed() {
      return closed;
    },
  };
};

/** What a customer's stream last told its client about the hand-off, to send only changes. */
interface CustomerView {
  human?: string;
  agentId?: string | null;
  position?: number;
}

interface CustomerStream {
  sse: Sse;
  conversationId: string;
  cursor: number;
  base: string;
  view: CustomerView;
  agent?: Agent;
  /** Reads run one at a time per stream, in order. */
  chain: Promise<void>;
}

/** A customer's own stream: their tickets' changes, from a cursor in µs of `updated_at`. */
interface AccountStream {
  sse: Sse;
  customerId: string;
  cursor: number;
  chain: Promise<void>;
}

interface DeskStream {
  sse: Sse;
  agentId: string;
  base: string;
  /** Cursors of the conversations the agent has, for their messages. */
  cursors: Map<string, number>;
  chain: Promise<void>;
}

export const createHub = (app: FastifyInstance) => {
  const { db, conversations: service, bus, config, log } = app;
  const byConversation = new Map<string, Set<CustomerStream>>();
  const desks = new Set<DeskStream>();
  const byCustomer = new Map<string, Set<AccountStream>>();
  let closing = false;

  const serial = (stream: { chain: Promise<void> }, work: () => Promise<void>) => {
    stream.chain = stream.chain.then(work).catch((error: unknown) => log.warn({ err: error }, 'stream read failed'));
    return stream.chain;
  };

  /** Sends the customer every message after its cursor. */
  const pumpCustomer = (s: CustomerStream) =>
    serial(s, async () => {
      for (;;) {
        const rows = await service.page(s.conversationId, { after: s.cursor });
        for (const row of rows) {
          s.sse.send('message', service.toMessage(row, s.base), row.seq);
          s.cursor = row.seq;
        }
        if (rows.length < 500 || s.sse.closed) return;
      }
    });

  /** Sends the customer every change to their tickets after the stream's cursor, each as the ticket now is. */
  const pumpAccount = (s: AccountStream) =>
    serial(s, async () => {
      for (const { ticket, key } of await app.history.changedSince(s.customerId, s.cursor)) {
        s.sse.send('ticket', { ticket }, key);
        s.cursor = key;
      }
    });

  /** Sends the hand-off state when it differs from what the customer was last told. */
  const stateCustomer = (s: CustomerStream, conv?: ConversationRow) =>
    serial(s, async () => {
      const [row] = conv ? [conv] : await db.select().from(conversations).where(eq(conversations.id, s.conversationId));
      if (!row) return;
      const before = s.view;
      // Leaving comes first: a conversation given back to the queue is no longer with its agent.
      if (before.human === 'connected' && s.agent && (row.human !== 'connected' || row.agentId !== s.agent.id)) {
        s.sse.send('agent', { status: 'left', agent: s.agent });
        s.agent = undefined;
      }
      if (row.human === 'queued') {
        const position = await service.position(row);
        if (before.human !== 'queued' || before.position !== position) {
          const { etaFor } = await service.availability();
          s.sse.send('queue', { position, etaSeconds: etaFor(position) });
        }
        s.view = { human: 'queued', position, agentId: null };
        return;
      }
      if (row.human === 'connected' && (before.human !== 'connected' || before.agentId !== row.agentId)) {
        s.agent = await service.agentOf(row.agentId);
        if (s.agent) s.sse.send('agent', { status: 'joined', agent: s.agent });
      }
      if (row.human === 'closed' && before.human !== 'closed') s.sse.send('closed', { by: row.closedBy ?? 'system' });
      s.view = { human: row.human, agentId: row.agentId };
    });

  const queueSnapshot = async () => {
    const rows = await service.queue();
    return rows.map((r, i) => ({
      conversationId: r.id,
      position: i + 1,
      customer: { id: r.customerId, name: r.name ?? undefined, tier: r.tier ?? undefined, kind: r.kind },
      priority: r.priority ? 'high' : 'normal',
      sentiment: r.sentiment ?? undefined,
      reason: r.context.reason,
      orderId: r.context.orderId,
      page: r.context.page,
      locale: r.locale,
      waitingSince: r.queuedAt,
      reservedFor:
        r.preferredAgentId && r.preferredUntil && Date.parse(r.preferredUntil) > Date.now()
          ? { agentId: r.preferredAgentId, until: r.preferredUntil }
          : undefined,
      ...(r.late.length && { late: r.late }),
    }));
  };

  const agentsSnapshot = async () => {
    const rows = await db
      .select({
        id: agents.id,
        name: agents.name,
        avatar: agents.avatar,
        presence: agents.presence,
        maxChats: agents.maxChats,
        online: sql<boolean>`(${ONLINE_SQL})`,
        // Written out: inside a select from agents, drizzle would leave the correlated columns unqualified.
        load: sql<number>`(select count(*)::int from conversations c where c.agent_id = "agents"."id" and c.human = 'connected')`,
      })
      .from(agents)
      .orderBy(agents.name);
    return rows.map((r) => ({ ...r, avatar: r.avatar ?? undefined }));
  };

  /** The agent's conversations: subscribes the desk stream to their messages from the given cursors. */
  const refreshDesk = (d: DeskStream) =>
    serial(d, async () => {
      const mine = await db
        .select({ id: conversations.id, lastSeq: conversations.lastSeq })
        .from(conversations)
        .where(and(eq(conversations.agentId, d.agentId), eq(conversations.human, 'connected')));
      const ids = new Set(mine.map((c) => c.id));
      for (const id of [...d.cursors.keys()]) if (!ids.has(id)) d.cursors.delete(id);
      // A newly assigned conversation's history is fetched by the desk client; the stream goes on from now.
      for (const c of mine) if (!d.cursors.has(c.id)) d.cursors.set(c.id, c.lastSeq);
    });

  const pumpDesk = (d: DeskStream, conversationId: string) =>
    serial(d, async () => {
      const cursor = d.cursors.get(conversationId);
      if (cursor === undefined) return;
      const rows = await service.page(conversationId, { after: cursor });
      for (const row of rows) d.sse.send('message', { conversationId, message: service.toMessage(row, d.base) });
      const last = rows.at(-1);
      if (last) d.cursors.set(conversationId, last.seq);
    });

  const sendQueue = async () => {
    if (!desks.size) return;
    const queue = await queueSnapshot();
    for (const d of desks) d.sse.send('queue', { queue });
  };
  const sendAgents = async () => {
    if (!desks.size) return;
    const list = await agentsSnapshot();
    for (const d of desks) d.sse.send('agents', { agents: list });
  };

  /** Everything a conversation's state change means for the desks: its summary, and who now has it. */
  const deskConversation = async (id: string) => {
    if (!desks.size) return;
    const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
    if (!row) return;
    const late = (await lateOf(db, [id])).get(id);
    const summary = {
      id: row.id,
      human: row.human,
      agentId: row.agentId ?? undefined,
      closedBy: row.closedBy ?? undefined,
      customerId: row.customerId,
      ...(late && { late }),
    };
    for (const d of desks) {
      const had = d.cursors.has(id);
      const has = row.human === 'connected' && row.agentId === d.agentId;
      if (has && !had) d.cursors.set(id, row.lastSeq);
      if (!has && had) d.cursors.delete(id);
      if (has || had || row.human === 'queued') d.sse.send('conversation', { conversation: summary });
    }
  };

  const onSignal = (signal: BusSignal) => {
    if (closing) return;
    switch (signal.k) {
      case 'm':
        for (const s of byConversation.get(signal.c) ?? []) void pumpCustomer(s);
        for (const d of desks) if (d.cursors.has(signal.c)) void pumpDesk(d, signal.c);
        return;
      case 't':
        if (signal.by !== 'customer')
          for (const s of byConversation.get(signal.c) ?? [])
            s.sse.send('typing', { typing: signal.on, ...(signal.n && { author: { name: signal.n } }) });
        else
          for (const d of desks)
            if (d.cursors.has(signal.c)) d.sse.send('typing', { conversationId: signal.c, typing: signal.on });
        return;
      case 'c':
        for (const s of byConversation.get(signal.c) ?? []) void stateCustomer(s);
        void deskConversation(signal.c).catch((error: unknown) => log.warn({ err: error }, 'desk update failed'));
        void sendAgents().catch(() => {});
        return;
      case 'q':
        for (const set of byConversation.values())
          for (const s of set) if (s.view.human === 'queued') void stateCustomer(s);
        void sendQueue().catch((error: unknown) => log.warn({ err: error }, 'queue update failed'));
        return;
      case 'a':
        void sendAgents().catch(() => {});
        return;
      case 'k':
        for (const d of desks) d.sse.send('ticket', { ticketId: signal.t });
        if (byCustomer.size)
          void app.history
            .ownerOf(signal.t)
            .then((owner) => byCustomer.get(owner ?? '')?.forEach((s) => void pumpAccount(s)))
            .catch((error: unknown) => log.warn({ err: error }, 'ticket update failed'));
        return;
      case 'r':
        for (const d of desks) d.sse.send('rating', { conversationId: signal.c });
        return;
      case 'gap':
        for (const set of byConversation.values())
          for (const s of set) {
            void pumpCustomer(s);
            void stateCustomer(s);
          }
        for (const set of byCustomer.values()) for (const s of set) void pumpAccount(s);
        for (const d of desks) {
          void refreshDesk(d).then(() => [...d.cursors.keys()].forEach((id) => void pumpDesk(d, id)));
        }
        void sendQueue().catch(() => {});
        return;
    }
  };
  const offBus = bus.on(onSignal);

  // One timer for every stream's heartbeat; desks also keep their agent counted as online.
  const heartbeat = setInterval(() => {
    for (const set of byConversation.values()) for (const s of set) s.sse.comment('ping');
    for (const set of byCustomer.values()) for (const s of set) s.sse.comment('ping');
    const present = new Set<string>();
    for (const d of desks) {
      d.sse.comment('ping');
      present.add(d.agentId);
    }
    if (present.size)
      void db
        .update(agents)
        .set({ seenAt: sql`now()` })
        .where(inArray(agents.id, [...present]))
        .catch(() => {});
  }, config.heartbeatMs);
  heartbeat.unref();

  return {
    /** Follows a customer's conversation: replay after `cursor`, the hand-off state, then live events. */
    async customer(sse: Sse, conv: ConversationRow, cursor: number, base: string) {
      const s: CustomerStream = { sse, conversationId: conv.id, cursor, base, view: {}, chain: Promise.resolve() };
      const set = byConversation.get(conv.id) ?? new Set();
      byConversation.set(conv.id, set);
      set.add(s);
      sse.comment('connected');
      await pumpCustomer(s);
      await stateCustomer(s, conv);
      return () => {
        set.delete(s);
        if (!set.size) byConversation.delete(conv.id);
      };
    },

    /** Follows a customer's own stream: their tickets' changes after `cursor`, then live. */
    async account(sse: Sse, customerId: string, cursor: number) {
      const s: AccountStream = { sse, customerId, cursor, chain: Promise.resolve() };
      const set = byCustomer.get(customerId) ?? new Set();
      byCustomer.set(customerId, set);
      set.add(s);
      sse.comment('connected');
      await pumpAccount(s);
      return () => {
        set.delete(s);
        if (!set.size) byCustomer.delete(customerId);
      };
    },

    /** Follows an agent's desk: their state, the queue and the team first, then live events. */
    async desk(sse: Sse, agentId: string, base: string) {
      const d: DeskStream = { sse, agentId, base, cursors: new Map(), chain: Promise.resolve() };
      desks.add(d);
      sse.comment('connected');
      await refreshDesk(d);
      const [me] = await db.select({ presence: agents.presence }).from(agents).where(eq(agents.id, agentId));
      sse.send('state', { presence: me?.presence ?? 'offline', conversations: [...d.cursors.keys()] });
      sse.send('queue', { queue: await queueSnapshot() });
      sse.send('agents', { agents: await agentsSnapshot() });
      return () => desks.delete(d);
    },

    queueSnapshot,
    agentsSnapshot,

    /** Ends every stream so that clients reconnect, to another instance if this one is going away. */
    async close() {
      closing = true;
      offBus();
      clearInterval(heartbeat);
      for (const set of byConversation.values()) for (const s of set) s.sse.end();
      for (const d of desks) d.sse.end();
      for (const set of byCustomer.values()) for (const s of set) s.sse.end();
      byCustomer.clear();
      byConversation.clear();
      desks.clear();
    },

    get size() {
      let n = desks.size;
      for (const set of byConversation.values()) n += set.size;
      for (const set of byCustomer.values()) n += set.size;
      return n;
    },
  };
};

export type Hub = ReturnType<typeof createHub>;
