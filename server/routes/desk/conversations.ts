/** An agent's conversations: take from the queue, read with the hand-off context, reply, transfer, end. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, arrayContains, desc, eq, ne, sql } from 'drizzle-orm';
import { createSearchIndex } from '../../../src/core/search.js';
import { tokens } from '../../../src/core/text.js';
import type { Order } from '../../../src/core/types.js';
import { conversations, customers, messageFields, messages, ratings, tickets } from '../../db/schema.js';
import { invalid, notFound } from '../../errors.js';
import { Attachments, Cards, Id, IdParams, strict, TEXT_MAX, Type } from '../../schemas.js';
import { localeOf } from '../../services/content.js';
import { isUuid, type ConversationRow } from '../../services/conversations.js';
import { lateOf, type Late } from '../../services/ola.js';
import { apiBase } from '../index.js';
import { receiveUpload } from '../uploads.js';
import { agentOf } from './index.js';

const DAY_MS = 86_400_000;
const ReplyBody = Type.Object(
  {
    clientId: Type.String({ minLength: 1, maxLength: 100 }),
    text: Type.String({ maxLength: TEXT_MAX }),
    cards: Type.Optional(Cards),
    attachments: Type.Optional(Attachments),
  },
  strict,
);
const DetailQuery = Type.Object({
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  after: Type.Optional(Type.Integer({ minimum: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
const ListQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('queued'), Type.Literal('closed')])),
});
const Empty = Type.Object({}, strict);
const TransferBody = Type.Object({ agentId: Id }, strict);
const TypingBody = Type.Object({ typing: Type.Boolean() }, strict);

export const deskConversationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.conversations;

  /** Everything the context panel shows, so the agent never asks again. */
  const context = async (conv: ConversationRow) => {
    const [customer] = await app.db.select().from(customers).where(eq(customers.id, conv.customerId));
    const since = new Date(conv.createdAt.getTime() - DAY_MS);
    const [pastConversations, pastTickets, [rating]] = await Promise.all([
      app.db
        .select({
          id: conversations.id,
          createdAt: conversations.createdAt,
          human: conversations.human,
          agentId: conversations.agentId,
        })
        .from(conversations)
        .where(and(eq(conversations.customerId, conv.customerId), ne(conversations.id, conv.id)))
        .orderBy(desc(conversations.createdAt))
        .limit(10),
      app.db
        .select({ id: tickets.id, createdAt: tickets.createdAt, status: tickets.status, category: tickets.category })
        .from(tickets)
        .where(eq(tickets.customerId, conv.customerId))
        .orderBy(desc(tickets.createdAt))
        .limit(10),
      app.db
        .select({ score: ratings.score, tags: ratings.tags, comment: ratings.comment, createdAt: ratings.createdAt })
        .from(ratings)
        .where(eq(ratings.conversationId, conv.id))
        .orderBy(desc(ratings.createdAt))
        .limit(1),
    ]);
    const locale = localeOf(conv.locale);
    let order: Order | undefined;
    const orderId = conv.context.orderId;
    if (orderId && customer?.kind === 'signed') {
      const who = {
        id: conv.customerId.slice(2),
        kind: 'signed' as const,
        name: customer.name ?? undefined,
        tier: customer.tier ?? undefined,
      };
      order = await app.provider
        .orders(who, locale)
        .then((list) => list.find((o) => o.id === orderId))
        .catch(() => undefined);
    }
    // What matches the customer's latest words: articles and actions, ready to send as cards.
    const [last] = await app.db
      .select({ text: messages.text })
      .from(messages)
      .where(and(eq(messages.conversationId, conv.id), eq(messages.role, 'customer'), ne(messages.text, '')))
      .orderBy(desc(messages.seq))
      .limit(1);
    const knowledge = await app.content.knowledge(locale);
    const actions = await app.content.actions(locale);
    const query = last?.text ?? '';
    const contacts = [
      ...pastConversations.map((c) => ({
        type: 'conversation' as const,
        id: c.id,
        createdAt: c.createdAt,
        status: c.human,
      })),
      ...pastTickets.map((t) => ({ type: 'ticket' as const, id: t.id, createdAt: t.createdAt, status: t.status })),
    ].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    return {
      customer: {
        id: conv.customerId,
        kind: customer?.kind,
        name: customer?.name ?? undefined,
        tier: customer?.tier ?? conv.context.tier,
      },
      pastContacts: contacts.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
      recontact: contacts.some((c) => c.createdAt >= since && c.createdAt <= conv.createdAt),
      order,
      orderId,
      page: conv.context.page,
      locale: conv.locale,
      sentiment: conv.sentiment ?? conv.context.sentiment ?? 'neutral',
      reason: conv.context.reason,
      priority: conv.priority ? 'high' : 'normal',
      transcript: conv.context.transcript ?? [],
      rating: rating && { ...rating, comment: rating.comment ?? undefined, createdAt: rating.createdAt.toISOString() },
      suggestions: {
        articles: knowledge.index.search(query, 5).map(({ item }) => ({
          type: 'article' as const,
          articleId: item.id,
          title: item.title,
          ...(item.summary && { summary: item.summary }),
        })),
        actions: createSearchIndex(actions)
          .search(query, 3)
          .map(({ item }) => ({ type: 'action' as const, actionId: item.id, title: item.title })),
      },
    };
  };

  /** A conversation as the desk lists it; `late`: its OLA marks, from `lateOf`. */
  const summary = (conv: ConversationRow, late?: Map<string, Late[]>) => ({
    id: conv.id,
    human: conv.human,
    agentId: conv.agentId ?? undefined,
    customerId: conv.customerId,
    locale: conv.locale,
    createdAt: conv.createdAt.toISOString(),
    updatedAt: conv.updatedAt.toISOString(),
    queuedAt: conv.queuedAt?.toISOString(),
    closedBy: conv.closedBy ?? undefined,
    lastSeq: conv.lastSeq,
    late: late?.get(conv.id),
  });

  app.get('/conversations', { schema: { querystring: ListQuery } }, async (request) => {
    const agent = agentOf(request);
    const status = request.query.status ?? 'mine';
    const where =
      status === 'mine'
        ? and(eq(conversations.agentId, agent.id), eq(conversations.human, 'connected'))
        : status === 'queued'
          ? eq(conversations.human, 'queued')
          : and(eq(conversations.agentId, agent.id), eq(conversations.human, 'closed'));
    const rows = await app.db
      .select()
      .from(conversations)
      .where(where)
      .orderBy(desc(conversations.updatedAt))
      .limit(100);
    const late = await lateOf(
      app.db,
      rows.map((r) => r.id),
    );
    return { conversations: rows.map((r) => summary(r, late)) };
  });

  app.get('/conversations/:id', { schema: { params: IdParams, querystring: DetailQuery } }, async (request) => {
    agentOf(request);
    if (!isUuid(request.params.id)) throw notFound('No such conversation');
    const [conv] = await app.db.select().from(conversations).where(eq(conversations.id, request.params.id));
    if (!conv) throw notFound('No such conversation');
    const { before, after, limit } = request.query;
    const rows = await service.page(conv.id, before !== undefined ? { before, limit } : { after: after ?? 0, limit });
    const base = apiBase(request);
    return {
      conversation: summary(conv, await lateOf(app.db, [conv.id])),
      messages: rows.map((r) => service.toMessage(r, base)),
      context: await context(conv),
    };
  });

  app.post('/conversations/:id/assign', { schema: { params: IdParams, body: Empty } }, async (request) => ({
    conversation: summary(await service.assign(agentOf(request), request.params.id)),
  }));

  /** Takes the next customer for this agent: one reserved for them first, then by priority and waiting time. */
  app.post('/queue/next', { schema: { body: Empty } }, async (request, reply) => {
    const agent = agentOf(request);
    const queue = await app.hub.queueSnapshot();
    const ordered = [
      ...queue.filter((q) => q.reservedFor?.agentId === agent.id),
      ...queue.filter((q) => q.reservedFor?.agentId !== agent.id),
    ];
    for (const entry of ordered) {
      try {
        return { conversation: summary(await service.assign(agent, entry.conversationId)) };
      } catch (error) {
        // Taken by someone else meanwhile, or reserved: try the next; the limit ends the search.
        if ((error as { code?: string }).code === 'limit') throw error;
      }
    }
    return reply.status(204).send();
  });

  app.post('/conversations/:id/messages', { schema: { params: IdParams, body: ReplyBody } }, async (request) => {
    const agent = agentOf(request);
    const conv = await service.assigned(agent, request.params.id);
    const { clientId, text, cards, attachments } = request.body;
    const existing = await app.db
      .select(messageFields)
      .from(messages)
      .where(and(eq(messages.conversationId, conv.id), eq(messages.clientId, clientId)));
    const base = apiBase(request);
    if (existing[0]) return service.toMessage(existing[0], base);
    if (!text.trim() && !cards?.length && !attachments?.length) throw invalid('The message is empty');
    const row = await app.db
      .transaction(async (tx) => {
        const files = await service.ownUploads(tx, attachments, { agentId: agent.id });
        return service.append(tx, conv.id, {
          role: 'agent',
          text,
          cards,
          attachments: files,
          clientId,
          author: { id: agent.id, name: agent.name, ...(agent.avatar && { avatar: agent.avatar }) },
        });
      })
      .catch(async (error: unknown) => {
        const [again] = await app.db
          .select(messageFields)
          .from(messages)
          .where(and(eq(messages.conversationId, conv.id), eq(messages.clientId, clientId)));
        if (again) return again;
        throw error;
      });
    return service.toMessage(row, base);
  });

  app.post('/conversations/:id/typing', { schema: { params: IdParams, body: TypingBody } }, async (request, reply) => {
    const agent = agentOf(request);
    const conv = await service.assigned(agent, request.params.id);
    await service.typing(conv.id, request.body.typing, 'agent', agent.name);
    return reply.status(204).send();
  });

  app.post('/conversations/:id/close', { schema: { params: IdParams, body: Empty } }, async (request, reply) => {
    const conv = await service.assigned(agentOf(request), request.params.id);
    await service.close(conv, 'agent');
    return reply.status(204).send();
  });

  app.post(
    '/conversations/:id/transfer',
    { schema: { params: IdParams, body: TransferBody } },
    async (request, reply) => {
      await service.transfer(agentOf(request), request.params.id, request.body.agentId);
      return reply.status(204).send();
    },
  );

  app.post('/conversations/:id/requeue', { schema: { params: IdParams, body: Empty } }, async (request, reply) => {
    await service.requeue(agentOf(request), request.params.id);
    return reply.status(204).send();
  });

  app.post('/uploads', async (request) => receiveUpload(app, request, { agentId: agentOf(request).id }));

  /** History search: Chinese by any two-character word (bigram terms), Latin by words, or by customer or order. */
  app.get(
    '/search',
    {
      schema: {
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          customer: Type.Optional(Type.String({ maxLength: 200 })),
          order: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (request) => {
      agentOf(request);
      const { q = '', customer, order } = request.query;
      const terms = [...new Set(tokens(q))].slice(0, 20);
      const base = apiBase(request);
      const messageHits = terms.length
        ? await app.db
            .select(messageFields)
            .from(messages)
            .where(arrayContains(messages.terms, terms))
            .orderBy(desc(messages.createdAt))
            .limit(50)
        : [];
      const conversationWhere = [
        customer
          ? sql`(${conversations.customerId} = ${customer} or ${conversations.customerId} in (select ${customers.id} from ${customers} where ${customers.name} ilike ${'%' + customer.replace(/[%_\\]/g, '\\$&') + '%'}))`
          : undefined,
        order ? sql`${conversations.context} ->> 'orderId' = ${order}` : undefined,
      ].filter(Boolean);
      const conversationHits = conversationWhere.length
        ? await app.db
            .select()
            .from(conversations)
            .where(and(...conversationWhere))
            .orderBy(desc(conversations.updatedAt))
            .limit(50)
        : [];
      const ticketWhere = [
        terms.length ? arrayContains(tickets.terms, terms) : undefined,
        customer ? eq(tickets.customerId, customer) : undefined,
        order ? eq(tickets.orderId, order) : undefined,
      ].filter(Boolean);
      const ticketHits = ticketWhere.length
        ? await app.db
            .select()
            .from(tickets)
            .where(and(...ticketWhere))
            .orderBy(desc(tickets.updatedAt))
            .limit(50)
        : [];
      return {
        messages: messageHits.map((r) => service.toMessage(r, base)),
        conversations: conversationHits.map((c) => summary(c)),
        tickets: ticketHits.map((t) => ({
          id: t.id,
          status: t.status,
          category: t.category,
          description: t.description,
          orderId: t.orderId ?? undefined,
          customerId: t.customerId,
          createdAt: t.createdAt.toISOString(),
        })),
      };
    },
  );
};
