/**
 * A customer's past: their conversations and tickets, newest first and paged, a ticket's whole thread, and
 * what the customer does to a ticket (reply, reopen). Lists page on (updated_at, id) in microseconds, so that
 * a cursor made from one row never lets that row back in, however many rows share a millisecond.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { FastifyInstance } from 'fastify';
import type { Attachment, ConversationSummary, LastEntry, TicketReply, TicketSummary } from '../../src/core/types.js';
import { conversations, messageFields, messages, ticketReplies, tickets } from '../db/schema.js';
import { notFound } from '../errors.js';
import { publish } from './bus.js';
import type { CustomerIdentity } from './identity.js';

const SUMMARY_MAX = 140;
const LIST_MAX = 50;
const CURSOR = /^(\d{1,20})~([\w-]{1,60})$/;

type TicketRow = typeof tickets.$inferSelect;
type ReplyRow = typeof ticketReplies.$inferSelect;

/** A list's text, on one line and cut at a character boundary. */
export const shorten = (text: string): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length > SUMMARY_MAX ? chars.slice(0, SUMMARY_MAX - 1).join('') + '…' : line;
};

/** Microseconds since the epoch, the precision Postgres keeps. */
const micros = (column: SQL | AnyPgColumn) => sql<string>`(extract(epoch from ${column}) * 1000000)::bigint`;

/** The page condition and the cursor of a row, on a table's `updated_at` and `id`. */
const paging = (updated: AnyPgColumn, id: SQL) => ({
  after(cursor: string | undefined): SQL | undefined {
    const match = cursor ? CURSOR.exec(cursor) : undefined;
    if (cursor && !match) return sql`false`;
    return match ? sql`(${micros(updated)}, ${id}) < (${match[1]}::bigint, ${match[2]})` : undefined;
  },
  key: sql<string>`${micros(updated)}::text || '~' || ${id}`,
});

export const createHistory = (app: FastifyInstance) => {
  const { db } = app;
  const sign = (base: string, list: Attachment[] | null | undefined) =>
    (list ?? []).map((a) => ({ ...a, url: base + app.conversations.signUpload(a.id) }));

  const replyOf = (r: ReplyRow, base: string): TicketReply => ({
    id: r.id,
    role: r.role,
    ...(r.author && { author: r.author }),
    text: r.text,
    ...(r.attachments.length && { attachments: sign(base, r.attachments) }),
    createdAt: r.createdAt.toISOString(),
  });
  const lastOf = (r: Pick<ReplyRow, 'role' | 'author' | 'text' | 'createdAt'>): LastEntry => ({
    role: r.role,
    ...(r.author && { author: r.author }),
    text: shorten(r.text),
    createdAt: r.createdAt.toISOString(),
  });
  const summaryOf = (t: TicketRow, last?: ReplyRow): TicketSummary => ({
    id: t.id,
    status: t.status,
    category: t.category,
    summary: shorten(t.description),
    ...(t.orderId && { orderId: t.orderId }),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    ...(last && { last: lastOf(last) }),
  });

  /** The latest reply of each ticket. */
  const latestReplies = async (ids: string[]) => {
    if (!ids.length) return new Map<string, ReplyRow>();
    const rows = await db
      .selectDistinctOn([ticketReplies.ticketId])
      .from(ticketReplies)
      .where(inArray(ticketReplies.ticketId, ids))
      .orderBy(ticketReplies.ticketId, desc(ticketReplies.createdAt));
    return new Map(rows.map((r) => [r.ticketId, r]));
  };

  /** The customer's own ticket, or a 404 that says nothing about anyone else's. */
  const ownTicket = async (customerId: string, id: string): Promise<TicketRow> => {
    const [row] = await db
      .select()
      .from(tickets)
      .where(and(eq(tickets.id, id), eq(tickets.customerId, customerId)));
    if (!row) throw notFound('No such ticket');
    return row;
  };

  const ticketPaging = paging(tickets.updatedAt, sql`${tickets.id}`);
  const conversationPaging = paging(conversations.updatedAt, sql`${conversations.id}::text`);

  return {
    summaryOf,
    replyOf,
    ownTicket,

    /** Whose ticket it is, to find the streams that a change concerns. */
    async ownerOf(id: string): Promise<string | undefined> {
      const [row] = await db.select({ customerId: tickets.customerId }).from(tickets).where(eq(tickets.id, id));
      return row?.customerId;
    },

    /** The customer's tickets changed after `micros` (µs since the epoch), oldest change first: a stream's replay. */
    async changedSince(customerId: string, since: number) {
      const rows = await db
        .select({ t: tickets, key: micros(tickets.updatedAt) })
        .from(tickets)
        .where(and(eq(tickets.customerId, customerId), sql`${micros(tickets.updatedAt)} > ${since}`))
        .orderBy(asc(tickets.updatedAt))
        .limit(LIST_MAX);
      const last = await latestReplies(rows.map((r) => r.t.id));
      return rows.map((r) => ({ ticket: summaryOf(r.t, last.get(r.t.id)), key: Number(r.key) }));
    },

    async listTickets(customerId: string, { cursor, limit = 20 }: { cursor?: string; limit?: number }) {
      const take = Math.min(LIST_MAX, limit);
      const rows = await db
        .select({ t: tickets, key: ticketPaging.key })
        .from(tickets)
        .where(and(eq(tickets.customerId, customerId), ticketPaging.after(cursor)))
        .orderBy(desc(tickets.updatedAt), desc(tickets.id))
        .limit(take + 1);
      const page = rows.slice(0, take);
      const last = await latestReplies(page.map((r) => r.t.id));
      return {
        tickets: page.map((r) => summaryOf(r.t, last.get(r.t.id))),
        ...(rows.length > take && { next: page.at(-1)!.key }),
      };
    },

    async listConversations(customerId: string, { cursor, limit = 20 }: { cursor?: string; limit?: number }) {
      const take = Math.min(LIST_MAX, limit);
      const rows = await db
        .select({ c: conversations, key: conversationPaging.key })
        .from(conversations)
        .where(and(eq(conversations.customerId, customerId), conversationPaging.after(cursor)))
        .orderBy(desc(conversations.updatedAt), desc(conversations.id))
        .limit(take + 1);
      const page = rows.slice(0, take);
      const ids = page.map((r) => r.c.id);
      // What it is about (the customer's first words) and where it stands (its latest message).
      const [firsts, lasts] = ids.length
        ? await Promise.all([
            db
              .selectDistinctOn([messages.conversationId], messageFields)
              .from(messages)
              .where(and(inArray(messages.conversationId, ids), eq(messages.role, 'customer')))
              .orderBy(messages.conversationId, asc(messages.seq)),
            db
              .selectDistinctOn([messages.conversationId], messageFields)
              .from(messages)
              .where(inArray(messages.conversationId, ids))
              .orderBy(messages.conversationId, desc(messages.seq)),
          ])
        : [[], []];
      const first = new Map(firsts.map((m) => [m.conversationId, m]));
      const last = new Map(lasts.map((m) => [m.conversationId, m]));
      return {
        conversations: page.map(({ c }): ConversationSummary => {
          const opening = first.get(c.id);
          const latest = last.get(c.id);
          return {
            id: c.id,
            status: c.human === 'closed' ? 'closed' : 'open',
            summary: shorten(opening?.text || latest?.text || ''),
            ...(c.context.orderId && { orderId: c.context.orderId }),
            createdAt: c.createdAt.toISOString(),
            updatedAt: c.updatedAt.toISOString(),
            ...(latest && {
              last: {
                role: latest.role,
                ...(latest.author && { author: latest.author }),
                text: shorten(latest.text),
                createdAt: latest.createdAt.toISOString(),
              },
            }),
          };
        }),
        ...(rows.length > take && { next: page.at(-1)!.key }),
      };
    },

    async thread(customerId: string, id: string, base: string) {
      const row = await ownTicket(customerId, id);
      const replies = await db
        .select()
        .from(ticketReplies)
        .where(eq(ticketReplies.ticketId, row.id))
        .orderBy(asc(ticketReplies.createdAt));
      return {
        ticket: {
          ...summaryOf(row, replies.at(-1)),
          description: row.description,
          ...(row.attachments.length && { attachments: sign(base, row.attachments) }),
        },
        replies: replies.map((r) => replyOf(r, base)),
      };
    },

    /** The customer answers: the ball is in the team's court again, so a pending or solved ticket is open. */
    async reply(customer: CustomerIdentity, id: string, body: { text: string; attachments: Attachment[] }) {
      const row = await ownTicket(customer.id, id);
      return db.transaction(async (tx) => {
        const files = await app.conversations.ownUploads(tx, body.attachments, { customerId: customer.id });
        const [created] = await tx
          .insert(ticketReplies)
          .values({
            ticketId: row.id,
            role: 'customer',
            author: customer.name ? { name: customer.name } : null,
            text: body.text,
            attachments: files,
          })
          .returning();
        await tx
          .update(tickets)
          .set({ status: 'open', updatedAt: sql`now()` })
          .where(eq(tickets.id, row.id));
        await publish(tx, { k: 'k', t: row.id });
        return created!;
      });
    },

    /** "Not really solved": a solved ticket opens again; any other is left as it is. */
    async reopen(customer: CustomerIdentity, id: string): Promise<TicketSummary> {
      const row = await ownTicket(customer.id, id);
      if (row.status === 'solved')
        await db.transaction(async (tx) => {
          await tx
            .update(tickets)
            .set({ status: 'open', updatedAt: sql`now()` })
            .where(eq(tickets.id, row.id));
          await publish(tx, { k: 'k', t: row.id });
        });
      const fresh = await ownTicket(customer.id, id);
      return summaryOf(fresh, (await latestReplies([id])).get(id));
    },
  };
};

export type History = ReturnType<typeof createHistory>;
