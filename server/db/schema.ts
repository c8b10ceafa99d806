/**
 * The one schema of the reference server. Queries are typed by it, and `npm run db:generate` turns a change
 * into the next numbered migration under server/db/migrations (run at start by drizzle's migrator).
 *
 * Idempotency and order are the database's job: `seq` comes from `conversations.last_seq` under the row lock,
 * and unique indexes make a retried `clientId` find its first receipt.
 */
import { getTableColumns, sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  Action,
  Announcement,
  Attachment,
  Author,
  Card,
  PageContext,
  Recommendation,
} from '../../src/core/types.js';

const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updated = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** Server-wide values: the generated signing secret, the content version, business hours, phrases. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

/**
 * Everyone who writes in: a site-signed customer (`u:<sub>`) or an anonymous visitor (`v:<uuid>`).
 * The prefix keeps the two spaces apart, so a site's customer id can never name a visitor.
 */
export const customers = pgTable('customers', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['signed', 'visitor'] }).notNull(),
  name: text('name'),
  tier: text('tier'),
  createdAt: created(),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
});

export const agents = pgTable('agents', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  avatar: text('avatar'),
  passwordHash: text('password_hash').notNull(),
  /** `admin` also sees the team's metrics and sets the alert thresholds. */
  role: text('role', { enum: ['agent', 'admin'] })
    .notNull()
    .default('agent'),
  /** Conversations the agent may hold at once. */
  maxChats: smallint('max_chats').notNull().default(3),
  presence: text('presence', { enum: ['online', 'away', 'offline'] })
    .notNull()
    .default('offline'),
  /** Bumped by the agent's requests and open desk streams: an agent unseen for a while is not online. */
  seenAt: timestamp('seen_at', { withTimezone: true }),
  createdAt: created(),
});

/** Desk sessions: the cookie holds a random token; only its SHA-256 is stored. */
export const agentSessions = pgTable(
  'agent_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    createdAt: created(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('agent_sessions_agent').on(t.agentId)],
);

export type HumanStatus = 'none' | 'queued' | 'connected' | 'closed';

/** The hand-off context as the widget sent it, kept for the agent. */
export interface HandoffContext {
  locale?: string;
  page?: PageContext;
  orderId?: string;
  tier?: string;
  sentiment?: string;
  reason?: string;
  transcript?: { role: string; text: string; createdAt: string }[];
}

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    locale: text('locale').notNull().default('zh-CN'),
    /** The highest `seq` given out; the next message takes `last_seq + 1` under this row's lock. */
    lastSeq: integer('last_seq').notNull().default(0),
    human: text('human').$type<HumanStatus>().notNull().default('none'),
    /** 1 for VIP and angry customers: served first. */
    priority: smallint('priority').notNull().default(0),
    queuedAt: timestamp('queued_at', { withTimezone: true }),
    agentId: text('agent_id').references(() => agents.id),
    /** Reserved for this agent (the customer's last one) until `preferred_until`, then anyone may take it. */
    preferredAgentId: text('preferred_agent_id').references(() => agents.id),
    preferredUntil: timestamp('preferred_until', { withTimezone: true }),
    context: jsonb('context').$type<HandoffContext>().notNull().default({}),
    sentiment: text('sentiment'),
    /**
     * What the conversation is about, set once by its first query the bot understood: `article:<id>` when
     * the bot answered with an article, else `q:<normalized text>`. Two contacts within 24 h with the same
     * intent (or the same order) make a reopen.
     */
    intent: text('intent'),
    closedBy: text('closed_by'),
    createdAt: created(),
    updatedAt: updated(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('conversations_customer').on(t.customerId, t.createdAt),
    index('conversations_created').on(t.createdAt),
    index('conversations_queue')
      .on(t.priority, t.queuedAt)
      .where(sql`${t.human} = 'queued'`),
    index('conversations_agent')
      .on(t.agentId)
      .where(sql`${t.human} = 'connected'`),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id),
    seq: integer('seq').notNull(),
    /** Set on customer messages only: the idempotency key of the client that created it. */
    clientId: text('client_id'),
    /**
     * The customer, set with `client_id`, so that a retried first message (sent before its conversation
     * id was known) finds its receipt too.
     */
    customerId: text('customer_id'),
    role: text('role', { enum: ['customer', 'bot', 'agent', 'system'] }).notNull(),
    author: jsonb('author').$type<Author>(),
    text: text('text').notNull(),
    attachments: jsonb('attachments').$type<Attachment[]>(),
    cards: jsonb('cards').$type<Card[]>(),
    sentiment: text('sentiment'),
    /** Search tokens (words, and CJK bigrams from src/core/text), so any two-character Chinese word is found. */
    terms: text('terms')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex('messages_seq').on(t.conversationId, t.seq),
    uniqueIndex('messages_client').on(t.conversationId, t.clientId),
    uniqueIndex('messages_customer_client').on(t.customerId, t.clientId),
    index('messages_terms').using('gin', t.terms),
  ],
);

/**
 * A message's columns without its search terms: what every read of a message needs. The terms are only ever
 * matched in SQL, and parsing their array back out of each row is most of a read's cost.
 */
export const { terms: _terms, ...messageFields } = getTableColumns(messages);

/** Ticket receipt numbers: the date, then this sequence, so that two instances never hand out one number twice. */
export const ticketNumbers = pgSequence('ticket_numbers');

export type TicketStatus = 'open' | 'pending' | 'solved';

export const tickets = pgTable(
  'tickets',
  {
    /** The receipt number the customer sees, e.g. T202612010042. */
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    conversationId: uuid('conversation_id').references(() => conversations.id),
    category: text('category').notNull(),
    description: text('description').notNull(),
    orderId: text('order_id'),
    contact: text('contact').notNull(),
    attachments: jsonb('attachments').$type<Attachment[]>().notNull().default([]),
    context: jsonb('context').$type<HandoffContext>().notNull().default({}),
    status: text('status').$type<TicketStatus>().notNull().default('open'),
    agentId: text('agent_id').references(() => agents.id),
    terms: text('terms')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index('tickets_customer').on(t.customerId, t.createdAt),
    index('tickets_status').on(t.status, t.updatedAt),
    index('tickets_terms').using('gin', t.terms),
  ],
);

export const ticketReplies = pgTable(
  'ticket_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id),
    role: text('role', { enum: ['customer', 'agent'] }).notNull(),
    author: jsonb('author').$type<Author>(),
    text: text('text').notNull(),
    attachments: jsonb('attachments').$type<Attachment[]>().notNull().default([]),
    createdAt: created(),
  },
  (t) => [index('ticket_replies_ticket').on(t.ticketId, t.createdAt)],
);

/** Files live in DATA_DIR/uploads under their id, outside any served folder; this row says whose they are. */
export const uploads = pgTable('uploads', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The customer who uploaded it; null for an agent's upload. */
  customerId: text('customer_id').references(() => customers.id),
  agentId: text('agent_id').references(() => agents.id),
  name: text('name').notNull(),
  type: text('type').notNull(),
  size: integer('size').notNull(),
  createdAt: created(),
});

export const ratings = pgTable(
  'ratings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    conversationId: uuid('conversation_id').references(() => conversations.id),
    articleId: text('article_id'),
    score: smallint('score').notNull(),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    comment: text('comment'),
    createdAt: created(),
  },
  (t) => [
    index('ratings_conversation').on(t.conversationId, t.createdAt),
    index('ratings_article').on(t.articleId, t.createdAt),
  ],
);

/** Implicit satisfaction signals and other tracked events, as the widget batches them. */
export const signals = pgTable(
  'signals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: text('customer_id').references(() => customers.id),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>(),
    createdAt: created(),
  },
  (t) => [index('signals_type').on(t.type, t.at)],
);

/**
 * What customers asked the bot, and whether it found an article: the raw material of knowledge gaps. A
 * greeting, a photo or a request for a person is not a query.
 */
export const queries = pgTable(
  'queries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    text: text('text').notNull(),
    /** Lower case, NFKC, punctuation and spacing folded: the key that groups one question asked many ways. */
    normalized: text('normalized').notNull(),
    /** The article the bot answered with; null when it found none. */
    articleId: text('article_id'),
    locale: text('locale').notNull(),
    createdAt: created(),
  },
  (t) => [index('queries_created').on(t.createdAt), index('queries_conversation').on(t.conversationId)],
);

/** Content rows are per locale; a locale without its own rows falls back (zh-TW to zh-CN, then the default). */
export const articles = pgTable(
  'articles',
  {
    id: text('id').notNull(),
    locale: text('locale').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    body: text('body'),
    keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.locale, t.id] })],
);

export const announcements = pgTable(
  'announcements',
  {
    id: text('id').notNull(),
    locale: text('locale').notNull(),
    data: jsonb('data').$type<Announcement>().notNull(),
    active: boolean('active').notNull().default(true),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.locale, t.id] })],
);

export const actions = pgTable(
  'actions',
  {
    id: text('id').notNull(),
    locale: text('locale').notNull(),
    data: jsonb('data').$type<Action>().notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.locale, t.id] })],
);

export const recommendations = pgTable(
  'recommendations',
  {
    id: text('id').notNull(),
    locale: text('locale').notNull(),
    data: jsonb('data').$type<Recommendation>().notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.locale, t.id] })],
);

/** Agents' saved answers, offered with a `/` shortcut in the workbench. */
export const cannedReplies = pgTable(
  'canned_replies',
  {
    id: text('id').notNull(),
    locale: text('locale').notNull(),
    shortcut: text('shortcut').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.locale, t.id] })],
);

/**
 * OLA breaches, each claimed once by whichever instance's check inserts it first: the key is the item and
 * since when its clock ran, so a still-late item is never reported twice (not after a restart either), and
 * an item late again later (a new `since`) is a new breach. The desk marks items late from these rows.
 */
export const olaAlerts = pgTable(
  'ola_alerts',
  {
    kind: text('kind', { enum: ['queue-wait', 'no-reply', 'angry-waiting', 'ticket-unsolved'] }).notNull(),
    /** A conversation's uuid or a ticket's receipt number. */
    itemId: text('item_id').notNull(),
    since: timestamp('since', { withTimezone: true }).notNull(),
    customerId: text('customer_id').notNull(),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.itemId, t.since] })],
);

/**
 * Webhook events waiting to be delivered, or delivered: stored before they are sent (in the transaction of the
 * change, where the change allows it), so that a receiver that is down, or an instance that dies, loses none.
 * Any instance delivers a due event; `next_at` is its lease while it is being sent and its next try after a
 * failure, so that a claimed event whose instance died is taken again once the lease ends.
 */
export const webhookOutbox = pgTable(
  'webhook_outbox',
  {
    /** Also the delivery id the receiver sees, the same on every try. */
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAt: timestamp('next_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    gaveUpAt: timestamp('gave_up_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: created(),
  },
  (t) => [
    index('webhook_outbox_due')
      .on(t.nextAt)
      .where(sql`delivered_at is null and gave_up_at is null`),
  ],
);
