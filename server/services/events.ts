/**
 * Conversation and ticket events for the site's own systems (a CRM): `conversation.closed`,
 * `conversation.rated`, `ticket.created` and `ticket.solved`, stored in the webhook outbox (webhooks.ts) once
 * the change is committed, by the instance that made it, and delivered from there. Each change is made by exactly one request (the
 * updates are conditional), so N instances send one event per change. Nothing is sent without webhooks.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/connect.js';
import { conversations, ratings, signals, type tickets } from '../db/schema.js';
import type { Webhooks } from './webhooks.js';

type TicketRow = typeof tickets.$inferSelect;

const ratingOf = (r: typeof ratings.$inferSelect) => ({
  score: r.score,
  tags: r.tags,
  ...(r.comment != null && { comment: r.comment }),
  createdAt: r.createdAt.toISOString(),
});

const ticketOf = (t: TicketRow) => ({
  ticketId: t.id,
  customerId: t.customerId,
  ...(t.conversationId && { conversationId: t.conversationId }),
  category: t.category,
  description: t.description,
  ...(t.orderId && { orderId: t.orderId }),
  contact: t.contact,
  status: t.status,
  ...(t.agentId && { agentId: t.agentId }),
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

export const createSiteEvents = (db: Db, webhooks: Webhooks | undefined, log: FastifyBaseLogger) => {
  /** Builds an event's data and sends it; a failure to read is logged, never thrown at the request. */
  const send = (type: string, data: () => Promise<Record<string, unknown> | undefined>) => {
    if (!webhooks) return;
    void data()
      .then((body) => body && webhooks.emit(type, body))
      .catch((error: unknown) => log.warn({ err: error, event: type }, 'webhook event not built'));
  };

  const conversation = async (id: string) => {
    const [conv] = await db.select().from(conversations).where(eq(conversations.id, id));
    if (!conv) return undefined;
    const data = {
      conversationId: conv.id,
      customerId: conv.customerId,
      ...(conv.agentId && { agentId: conv.agentId }),
      locale: conv.locale,
      ...(conv.context.orderId && { orderId: conv.context.orderId }),
      createdAt: conv.createdAt.toISOString(),
    };
    return { conv, data };
  };

  return {
    /** A conversation ended: with its latest rating, if any, and the signals the widget recorded for it. */
    closed(id: string) {
      send('conversation.closed', async () => {
        const found = await conversation(id);
        if (!found) return undefined;
        const { conv, data } = found;
        const [[rating], recorded] = await Promise.all([
          db.select().from(ratings).where(eq(ratings.conversationId, id)).orderBy(desc(ratings.createdAt)).limit(1),
          // Only the conversation's own customer's signals count, as in the metrics.
          db
            .select({ type: signals.type, at: signals.at, data: signals.data })
            .from(signals)
            .where(and(eq(signals.customerId, conv.customerId), sql`${signals.data} ->> 'conversationId' = ${id}`))
            .orderBy(signals.at)
            .limit(100),
        ]);
        return {
          ...data,
          closedBy: conv.closedBy ?? 'system',
          closedAt: (conv.closedAt ?? new Date()).toISOString(),
          ...(rating && { rating: ratingOf(rating) }),
          signals: recorded.map((s) => ({ type: s.type, at: s.at.toISOString(), ...(s.data && { data: s.data }) })),
        };
      });
    },

    /** A rating that came after the close (one given before is in `conversation.closed`). */
    rated(id: string, rating: typeof ratings.$inferSelect) {
      send('conversation.rated', async () => {
        const found = await conversation(id);
        return found && { ...found.data, rating: ratingOf(rating) };
      });
    },

    ticketCreated(ticket: TicketRow) {
      send('ticket.created', async () => ticketOf(ticket));
    },

    ticketSolved(ticket: TicketRow) {
      send('ticket.solved', async () => ({ ...ticketOf(ticket), solvedAt: ticket.updatedAt.toISOString() }));
    },
  };
};

export type SiteEvents = ReturnType<typeof createSiteEvents>;
