/**
 * Conversations and their messages, the hand-off and the queue. Every change is one transaction that ends
 * with its bus notification; `seq` comes from the conversation row under its lock, so within a conversation
 * commit order is seq order, and unique indexes (not application code) make retries idempotent.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { HumanResponse, SendReceipt } from '../../src/core/adapter.js';
import { botAnswer } from '../../src/core/bot.js';
import { detectSentiment } from '../../src/core/sentiment.js';
import { tokens } from '../../src/core/text.js';
import type { Agent, Attachment, Author, Card, Locale, Message, Role } from '../../src/core/types.js';
import type { Tx } from '../db/connect.js';
import { agents, conversations, messageFields, messages, queries, uploads, type HandoffContext } from '../db/schema.js';
import { conflict, invalid, notFound } from '../errors.js';
import { publish } from './bus.js';
import { localeOf, pick } from './content.js';
import { isOpen, nextOpening } from './hours.js';
import { QUERY_MAX, queryKey } from './metrics.js';
import { iso, lateSql, queueLateSql, type Late } from './ola.js';
import type { AgentIdentity, CustomerIdentity } from './identity.js';

export type ConversationRow = typeof conversations.$inferSelect;
type MessageRow = Omit<typeof messages.$inferSelect, 'terms'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids that cannot be ours are unknown ids, answered 404 before they reach a uuid column. */
export const isUuid = (id: string) => UUID.test(id);

/** An agent counts as online while present and seen (a request or an open desk stream) this recently. */
export const ONLINE_SQL = sql`${agents.presence} = 'online' and ${agents.seenAt} > now() - interval '90 seconds'`;
/** Signed attachment URLs stay valid this long: an `<img>` cannot send a Bearer token. */
const URL_TTL_S = 24 * 3600;
const PAGE_MAX = 500;

/**
 * What the customer reads in the thread when their conversation changes hands: neutral (no one "left" them),
 * and saying that the new person sees what was said, so they need not repeat it.
 */
const HANDOVER: Record<Locale, { to: string; queue: string }> = {
  'zh-CN': {
    to: '已为您转接给{agent}，之前的对话记录已一并转交。',
    queue: '正在为您转接其他客服，请稍候，之前的对话记录会一并转交。',
  },
  'zh-TW': {
    to: '已為您轉接給{agent}，先前的對話紀錄已一併轉交。',
    queue: '正在為您轉接其他客服，請稍候，先前的對話紀錄會一併轉交。',
  },
  en: {
    to: "You're now talking with {agent}, who can see everything said so far.",
    queue: "We're passing you to the next available agent, who will see everything said so far. Please wait a moment.",
  },
};

/** A message from the database, as the protocol sends it. `base` is the API's absolute URL, for attachments. */
export interface Wire {
  base: string;
  sign(id: string): string;
}

export interface MessageInput {
  role: Role;
  text: string;
  author?: Author;
  attachments?: Attachment[];
  cards?: Card[];
  sentiment?: string;
  clientId?: string;
  customerId?: string;
}

const rows = async <T>(tx: Tx, query: SQL): Promise<T[]> =>
  ((await tx.execute(query)) as unknown as { rows: T[] }).rows;

/** Thrown inside a transaction to roll it back when a unique index says the message exists already. */
class Duplicate extends Error {}

export const createConversations = (app: FastifyInstance) => {
  const { db, content, config } = app;

  const signature = (id: string, expires: number) =>
    createHmac('sha256', config.secret).update(`${id}.${expires}`).digest('base64url');

  /** A time-limited URL for an upload, relative to the API. */
  const signUpload = (id: string) => {
    const expires = Math.floor(Date.now() / 1000) + URL_TTL_S;
    return `uploads/${id}?expires=${expires}&sig=${signature(id, expires)}`;
  };
  const checkUpload = (id: string, expires: number, sig: string) => {
    if (!Number.isFinite(expires) || expires < Date.now() / 1000) return false;
    const expected = Buffer.from(signature(id, expires));
    const given = Buffer.from(sig);
    return expected.length === given.length && timingSafeEqual(expected, given);
  };

  const toMessage = (r: MessageRow, base: string): Message => ({
    id: r.id,
    seq: r.seq,
    conversationId: r.conversationId,
    ...(r.clientId != null && { clientId: r.clientId }),
    role: r.role,
    ...(r.author && { author: r.author }),
    text: r.text,
    ...(r.attachments?.length && {
      attachments: r.attachments.map((a) => ({ ...a, url: base + signUpload(a.id) })),
    }),
    ...(r.cards?.length && { cards: r.cards }),
    createdAt: r.createdAt.toISOString(),
    ...(r.sentiment && { sentiment: r.sentiment as Message['sentiment'] }),
  });

  /** Stores a message at a seq already taken from its conversation's row; a unique index says if it exists. */
  const insert = async (tx: Tx, conversationId: string, seq: number, input: MessageInput): Promise<MessageRow> => {
    const [row] = await tx
      .insert(messages)
      .values({
        conversationId,
        seq,
        role: input.role,
        text: input.text,
        author: input.author ?? null,
        attachments: input.attachments?.length ? input.attachments.map(({ url: _, ...a }) => a) : null,
        cards: input.cards?.length ? input.cards : null,
        sentiment: input.sentiment ?? null,
        clientId: input.clientId ?? null,
        customerId: input.clientId ? (input.customerId ?? null) : null,
        terms: [...new Set(tokens(input.text))].slice(0, 500),
      })
      .onConflictDoNothing()
      .returning(messageFields);
    if (!row) throw new Duplicate();
    return row;
  };

  /**
   * Appends a message: the next seq under the conversation's row lock, the row, and (unless the caller sends
   * one notification for several messages) its notification.
   */
  const append = async (tx: Tx, conversationId: string, input: MessageInput, notify = true): Promise<MessageRow> => {
    const [conv] = await tx
      .update(conversations)
      .set({ lastSeq: sql`${conversations.lastSeq} + 1`, updatedAt: sql`now()` })
      .where(eq(conversations.id, conversationId))
      .returning({ seq: conversations.lastSeq });
    if (!conv) throw notFound('No such conversation');
    const row = await insert(tx, conversationId, conv.seq, input);
    if (notify) await publish(tx, { k: 'm', c: conversationId, s: row.seq });
    return row;
  };

  const receiptOf = (row: MessageRow): SendReceipt => ({
    conversationId: row.conversationId,
    id: row.id,
    clientId: row.clientId ?? '',
    seq: row.seq,
    createdAt: row.createdAt.toISOString(),
  });

  const findReceipt = async (customerId: string, clientId: string) => {
    const [row] = await db
      .select(messageFields)
      .from(messages)
      .where(and(eq(messages.customerId, customerId), eq(messages.clientId, clientId)));
    return row && receiptOf(row);
  };

  /** The customer's own conversation, or a 404 that says nothing about anyone else's. */
  const own = async (customerId: string, id: string, tx: Tx = db): Promise<ConversationRow> => {
    if (!isUuid(id)) throw notFound('No such conversation');
    const [row] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, id), eq(conversations.customerId, customerId)));
    if (!row) throw notFound('No such conversation');
    return row;
  };

  /** Attachments must be the sender's own uploads: ids are checked, names and sizes come from the database. */
  const ownUploads = async (
    tx: Tx,
    list: Attachment[] | undefined,
    owner: { customerId?: string; agentId?: string },
  ) => {
    if (!list?.length) return [];
    const ids = list.map((a) => a.id);
    if (!ids.every(isUuid)) throw invalid('Unknown attachment');
    const rows = await tx.select().from(uploads).where(inArray(uploads.id, ids));
    const mine = rows.filter((r) =>
      owner.customerId ? r.customerId === owner.customerId : r.agentId === owner.agentId,
    );
    if (mine.length !== new Set(ids).size) throw invalid('Unknown attachment');
    return mine.map((r) => ({ id: r.id, name: r.name, size: r.size, type: r.type }));
  };

  /** Agents online now, and whether the site is open. */
  const availability = async () => {
    const site = await content.site();
    const [counts] = await db
      .select({
        online: sql<number>`(select count(*)::int from ${agents} where ${ONLINE_SQL})`,
        queued: sql<number>`(select count(*)::int from ${conversations} where ${conversations.human} = 'queued')`,
      })
      .from(sql`(select 1) as one`);
    const { online = 0, queued = 0 } = counts ?? {};
    const open = isOpen(site.hours);
    const perPlace = site.secondsPerPlace ?? 90;
    return {
      open,
      online,
      humanAvailable: open && online > 0,
      etaFor: (position: number) => Math.round((position * perPlace) / Math.max(1, online)),
      expectedWaitSeconds: Math.round(((queued + 1) * perPlace) / Math.max(1, online)),
      nextOpenAt: open ? undefined : nextOpening(site.hours)?.toISOString(),
    };
  };

  /**
   * 1-based place in the queue, in serving order: late (an OLA breach on this wait) first, then higher
   * priority, then earlier. Read in SQL, where `queued_at` keeps its microseconds.
   */
  const position = async (conv: Pick<ConversationRow, 'id'>, tx: Tx = db) => {
    const [row] = await rows<{ ahead: number }>(
      tx,
      sql`select count(*)::int as ahead from conversations o, conversations me
        where me.id = ${conv.id} and o.human = 'queued' and o.id <> me.id
          and (${queueLateSql('o')}, o.priority, me.queued_at) > (${queueLateSql('me')}, me.priority, o.queued_at)`,
    );
    return (row?.ahead ?? 0) + 1;
  };

  const agentOf = async (id: string | null, tx: Tx = db): Promise<Agent | undefined> => {
    if (!id) return undefined;
    const [row] = await tx
      .select({ id: agents.id, name: agents.name, avatar: agents.avatar })
      .from(agents)
      .where(eq(agents.id, id));
    return row ? { id: row.id, name: row.name, ...(row.avatar && { avatar: row.avatar }) } : undefined;
  };

  /** Keeps a query for the metrics' knowledge gaps, and gives the conversation its intent if it has none yet. */
  const recordQuery = async (tx: Tx, conv: ConversationRow, text: string, articleId: string | null) => {
    const key = queryKey(text);
    if (!key) return;
    const intent = articleId ? `article:${articleId}` : `q:${key}`;
    // One statement: the hot path of a customer message stays short.
    await tx.execute(sql`
      with q as (
        insert into ${queries} (conversation_id, customer_id, text, normalized, article_id, locale)
        values (${conv.id}, ${conv.customerId}, ${text.slice(0, QUERY_MAX)}, ${key.slice(0, QUERY_MAX)}, ${articleId}, ${conv.locale})
      )
      update ${conversations} set intent = ${intent} where id = ${conv.id} and intent is null`);
  };

  /**
   * What the bot needs, read before the transaction: on PGlite a query outside a transaction would wait for
   * the transaction's connection, which waits for it.
   */
  const botFor = async (locale: Locale) => {
    const [knowledge, site] = await Promise.all([content.knowledge(locale), content.site()]);
    const phrases = pick(site.bot, locale, site);
    return async (tx: Tx, conv: ConversationRow, text: string) => {
      const reply = phrases && botAnswer(text, knowledge, phrases);
      if (!reply) return undefined;
      const row = await append(tx, conv.id, { role: 'bot', author: { id: 'bot', name: phrases.name }, ...reply });
      // An article found, or the bot's "found nothing": both are queries; a greeting or a choice is not.
      const article = reply.cards?.find((c) => c.type === 'article');
      if (article || reply.text === phrases.notFound) await recordQuery(tx, conv, text, article?.articleId ?? null);
      return row;
    };
  };

  return {
    toMessage,
    signUpload,
    checkUpload,
    own,
    availability,
    position,
    agentOf,
    ownUploads,

    /**
     * A customer message: idempotent on `clientId` per customer (so a retried first message, sent before its
     * conversation id was known, finds its receipt too). Committed, with the bot's answer, before it returns.
     */
    async send(
      customer: CustomerIdentity,
      body: {
        clientId: string;
        conversationId?: string;
        text: string;
        attachments: Attachment[];
        context: HandoffContext;
      },
    ): Promise<SendReceipt> {
      const text = body.text.trim() ? body.text : '';
      if (!text && !body.attachments.length) throw invalid('The message is empty');
      if (body.conversationId && !isUuid(body.conversationId)) throw notFound('No such conversation');
      const sentiment = body.context.sentiment ?? (text ? detectSentiment(text) : undefined);
      const mood = sentiment && sentiment !== 'neutral' ? sentiment : undefined;
      const bot = await botFor(localeOf(body.context.locale));
      const context: HandoffContext = {
        locale: body.context.locale,
        ...(body.context.page && { page: body.context.page }),
        ...(body.context.orderId && { orderId: body.context.orderId }),
        ...(body.context.tier && { tier: body.context.tier }),
      };
      // A retry is not looked up first: the unique indexes reject it inside the transaction, which rolls back.
      try {
        return await db.transaction(async (tx) => {
          const files = await ownUploads(tx, body.attachments, { customerId: customer.id });
          // One statement takes the seq, updates the context and, after the end, starts over with the bot.
          const [conv] = body.conversationId
            ? await tx
                .update(conversations)
                .set({
                  lastSeq: sql`${conversations.lastSeq} + 1`,
                  updatedAt: sql`now()`,
                  context: sql`${conversations.context} || ${JSON.stringify(context)}::jsonb`,
                  locale: body.context.locale,
                  ...(mood && { sentiment: mood }),
                  human: sql`case when ${conversations.human} = 'closed' then 'none' else ${conversations.human} end`,
                  closedAt: sql`case when ${conversations.human} = 'closed' then null else ${conversations.closedAt} end`,
                  closedBy: sql`case when ${conversations.human} = 'closed' then null else ${conversations.closedBy} end`,
                })
                .where(and(eq(conversations.id, body.conversationId), eq(conversations.customerId, customer.id)))
                .returning()
            : await tx
                .insert(conversations)
                .values({
                  customerId: customer.id,
                  locale: body.context.locale,
                  context,
                  sentiment: mood ?? null,
                  lastSeq: 1,
                })
                .returning();
          if (!conv) throw notFound('No such conversation');
          const row = await insert(tx, conv.id, conv.lastSeq, {
            role: 'customer',
            text,
            attachments: files,
            sentiment,
            clientId: body.clientId,
            customerId: customer.id,
            ...(customer.name && { author: { name: customer.name } }),
          });
          // While a person has the conversation (or is about to), the bot stays quiet.
          const answer = conv.human === 'none' ? await bot(tx, conv, text) : undefined;
          await publish(tx, { k: 'm', c: conv.id, s: (answer ?? row).seq });
          return receiptOf(row);
        });
      } catch (error) {
        if (!(error instanceof Duplicate)) throw error;
        // The same clientId committed concurrently: its receipt is the answer.
        const receipt = await findReceipt(customer.id, body.clientId);
        if (!receipt) throw conflict('conflict', 'The message could not be stored; send it again.');
        return receipt;
      }
    },

    /** Messages after a cursor (`after`) or, paging back, before one (`before`), in seq order. */
    async page(
      conversationId: string,
      { after, before, limit = PAGE_MAX }: { after?: number; before?: number; limit?: number },
    ) {
      const take = Math.min(PAGE_MAX, Math.max(1, limit));
      if (before !== undefined) {
        const rows = await db
          .select(messageFields)
          .from(messages)
          .where(and(eq(messages.conversationId, conversationId), lt(messages.seq, before)))
          .orderBy(desc(messages.seq))
          .limit(take);
        return rows.reverse();
      }
      return db
        .select(messageFields)
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), gt(messages.seq, after ?? 0)))
        .orderBy(asc(messages.seq))
        .limit(take);
    },

    append: (tx: Tx, conversationId: string, input: MessageInput) => append(tx, conversationId, input),

    /** Hands the conversation to a person: queued (or still connected), or offline when nobody can answer. */
    async requestHuman(
      customer: CustomerIdentity,
      id: string,
      body: {
        reason: string;
        priority: 'normal' | 'high';
        context: HandoffContext;
        transcript: HandoffContext['transcript'];
        preferredAgentId?: string;
      },
    ): Promise<HumanResponse> {
      const conv = await own(customer.id, id);
      if (conv.human === 'connected') {
        const agent = await agentOf(conv.agentId);
        if (agent) return { status: 'connected', agent };
      }
      const status = await availability();
      if (conv.human === 'queued') {
        const place = await position(conv);
        return { status: 'queued', position: place, etaSeconds: status.etaFor(place) };
      }
      if (!status.humanAvailable)
        return { status: 'offline', ...(status.nextOpenAt && { nextOpenAt: status.nextOpenAt }) };
      const site = await content.site();
      const [last] = await db
        .select({ agentId: conversations.agentId })
        .from(conversations)
        .where(
          and(
            eq(conversations.customerId, customer.id),
            ne(conversations.id, conv.id),
            sql`${conversations.agentId} is not null`,
          ),
        )
        .orderBy(desc(conversations.updatedAt))
        .limit(1);
      // The server's memory of the last agent wins over the widget's; the widget's hint helps a new device.
      const hinted = body.preferredAgentId ? await agentOf(body.preferredAgentId) : undefined;
      const preferred = last?.agentId ?? hinted?.id ?? null;
      const angry = body.context.sentiment === 'angry' || conv.sentiment === 'angry';
      const priority =
        body.priority === 'high' || customer.tier === 'vip' || body.context.tier === 'vip' || angry ? 1 : 0;
      const context: HandoffContext = {
        ...body.context,
        reason: body.reason,
        transcript: (body.transcript ?? []).slice(-50),
      };
      const queued = await db.transaction(async (tx) => {
        const [row] = await tx
          .update(conversations)
          .set({
            human: 'queued',
            priority,
            queuedAt: sql`now()`,
            agentId: null,
            context: sql`${conversations.context} || ${JSON.stringify(context)}::jsonb`,
            ...(angry && { sentiment: 'angry' }),
            preferredAgentId: preferred,
            preferredUntil: preferred ? sql`now() + make_interval(mins => ${site.preferAgentMinutes ?? 10})` : null,
            updatedAt: sql`now()`,
          })
          .where(and(eq(conversations.id, conv.id), inArray(conversations.human, ['none', 'closed'])))
          .returning();
        await publish(tx, { k: 'c', c: conv.id });
        await publish(tx, { k: 'q' });
        return row;
      });
      const place = await position(queued ?? (await own(customer.id, id)));
      return { status: 'queued', position: place, etaSeconds: status.etaFor(place) };
    },

    /** The customer leaves the queue, or the agent's conversation. */
    async cancelHuman(customer: CustomerIdentity, id: string) {
      const conv = await own(customer.id, id);
      if (conv.human !== 'queued' && conv.human !== 'connected') return;
      await db.transaction(async (tx) => {
        await tx
          .update(conversations)
          .set({ human: 'none', updatedAt: sql`now()` })
          .where(eq(conversations.id, conv.id));
        await publish(tx, { k: 'c', c: conv.id });
        await publish(tx, { k: 'q' });
      });
    },

    /** Ends a conversation; the customer is asked to rate it. Only the request that ends it tells the site. */
    async close(conv: ConversationRow, by: 'agent' | 'customer') {
      if (conv.human === 'closed') return;
      const ended = await db.transaction(async (tx) => {
        const [row] = await tx
          .update(conversations)
          .set({ human: 'closed', closedBy: by, closedAt: sql`now()`, updatedAt: sql`now()` })
          .where(and(eq(conversations.id, conv.id), ne(conversations.human, 'closed')))
          .returning({ id: conversations.id });
        if (!row) return false;
        await publish(tx, { k: 'c', c: conv.id });
        if (conv.human === 'queued') await publish(tx, { k: 'q' });
        return true;
      });
      if (ended) app.siteEvents.closed(conv.id);
    },

    /**
     * An agent takes a conversation: it must be waiting (or already theirs), not reserved for another agent
     * who is online, and the agent must be under their concurrent-chat limit. The agent's row is locked so
     * that two takes at once cannot both pass the limit.
     */
    async assign(agent: AgentIdentity, id: string, { force = false } = {}): Promise<ConversationRow> {
      if (!isUuid(id)) throw notFound('No such conversation');
      return db.transaction(async (tx) => {
        const [me] = await tx.select().from(agents).where(eq(agents.id, agent.id)).for('update');
        const [conv] = await tx.select().from(conversations).where(eq(conversations.id, id)).for('update');
        if (!me || !conv) throw notFound('No such conversation');
        if (conv.human === 'connected' && conv.agentId === agent.id) return conv;
        if (conv.human !== 'queued' && !(force && conv.human === 'connected'))
          throw conflict('not_waiting', 'This customer is not waiting any more.');
        if (
          conv.preferredAgentId &&
          conv.preferredAgentId !== agent.id &&
          conv.preferredUntil &&
          conv.preferredUntil > new Date()
        ) {
          const [reserved] = await tx
            .select({ id: agents.id })
            .from(agents)
            .where(and(eq(agents.id, conv.preferredAgentId), ONLINE_SQL));
          if (reserved) throw conflict('reserved', 'This customer is waiting for their previous agent.');
        }
        const [load] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(conversations)
          .where(and(eq(conversations.agentId, agent.id), eq(conversations.human, 'connected')));
        if ((load?.n ?? 0) >= me.maxChats) throw conflict('limit', `You already have ${me.maxChats} conversations.`);
        const [row] = await tx
          .update(conversations)
          .set({ human: 'connected', agentId: agent.id, updatedAt: sql`now()` })
          .where(eq(conversations.id, id))
          .returning();
        await publish(tx, { k: 'c', c: id });
        await publish(tx, { k: 'q' });
        return row as ConversationRow;
      });
    },

    /** Hands a conversation from its agent to another, who must exist and be under their limit. */
    async transfer(agent: AgentIdentity, id: string, to: string): Promise<void> {
      if (!isUuid(id)) throw notFound('No such conversation');
      await db.transaction(async (tx) => {
        const [conv] = await tx.select().from(conversations).where(eq(conversations.id, id)).for('update');
        if (!conv) throw notFound('No such conversation');
        if (conv.human !== 'connected' || conv.agentId !== agent.id)
          throw conflict('not_assigned', 'Only the agent who has this conversation can transfer it.');
        const [target] = await tx.select().from(agents).where(eq(agents.id, to)).for('update');
        if (!target || target.id === agent.id) throw invalid('Choose another agent');
        const [load] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(conversations)
          .where(and(eq(conversations.agentId, to), eq(conversations.human, 'connected')));
        if ((load?.n ?? 0) >= target.maxChats)
          throw conflict('limit', `${target.name} has no room for another conversation.`);
        await tx
          .update(conversations)
          .set({ agentId: to, updatedAt: sql`now()` })
          .where(eq(conversations.id, id));
        // The change first, then the note: streams tell the customer who left and joined, then read the note.
        await publish(tx, { k: 'c', c: id });
        const note = HANDOVER[localeOf(conv.locale)].to.replace('{agent}', target.name);
        await append(tx, id, { role: 'system', text: note });
      });
    },

    /**
     * Gives a conversation back to the queue, for whoever is next free: the customer keeps their place (the
     * time they first queued) and is reserved for no one, so the agent who let go does not get them back.
     */
    async requeue(agent: AgentIdentity, id: string): Promise<void> {
      if (!isUuid(id)) throw notFound('No such conversation');
      await db.transaction(async (tx) => {
        const [conv] = await tx.select().from(conversations).where(eq(conversations.id, id)).for('update');
        if (!conv) throw notFound('No such conversation');
        if (conv.human !== 'connected' || conv.agentId !== agent.id)
          throw conflict('not_assigned', 'Only the agent who has this conversation can give it back.');
        await tx
          .update(conversations)
          .set({
            human: 'queued',
            agentId: null,
            preferredAgentId: null,
            preferredUntil: null,
            queuedAt: sql`coalesce(${conversations.queuedAt}, now())`,
            updatedAt: sql`now()`,
          })
          .where(eq(conversations.id, id));
        await publish(tx, { k: 'c', c: id });
        await publish(tx, { k: 'q' });
        await append(tx, id, { role: 'system', text: HANDOVER[localeOf(conv.locale)].queue });
      });
    },

    /** The assignee's conversation, or a 409 for anyone else (404 when it does not exist). */
    async assigned(agent: AgentIdentity, id: string): Promise<ConversationRow> {
      if (!isUuid(id)) throw notFound('No such conversation');
      const [conv] = await db.select().from(conversations).where(eq(conversations.id, id));
      if (!conv) throw notFound('No such conversation');
      if (conv.human !== 'connected' || conv.agentId !== agent.id)
        throw conflict('not_assigned', 'Take this conversation first.');
      return conv;
    },

    async typing(conversationId: string, on: boolean, by: 'customer' | 'agent', name?: string) {
      await publish(db, { k: 't', c: conversationId, on, by, ...(name && { n: name }) });
    },

    /** Every waiting conversation, in serving order (late, then priority, then waiting time), with the customer. */
    async queue() {
      return rows<{
        id: string;
        customerId: string;
        name: string | null;
        tier: string | null;
        kind: 'signed' | 'visitor';
        priority: number;
        queuedAt: string;
        sentiment: string | null;
        context: HandoffContext;
        locale: string;
        preferredAgentId: string | null;
        preferredUntil: string | null;
        late: Late[];
      }>(
        db,
        sql`select c.id, c.customer_id as "customerId", u.name, u.tier, u.kind, c.priority,
            ${iso(sql`c.queued_at`, 'MS')} as "queuedAt", c.sentiment, c.context, c.locale,
            c.preferred_agent_id as "preferredAgentId", ${iso(sql`c.preferred_until`, 'MS')} as "preferredUntil",
            ${lateSql('c')} as late
          from conversations c join customers u on u.id = c.customer_id
          where c.human = 'queued'
          order by ${queueLateSql('c')} desc, c.priority desc, c.queued_at asc`,
      );
    },
  };
};

export type Conversations = ReturnType<typeof createConversations>;
