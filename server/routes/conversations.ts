/** Messages, the event stream, backfill and history, the hand-off, closing and rating a conversation. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ratings } from '../db/schema.js';
import { publish } from '../services/bus.js';
import { openSse } from '../services/hub.js';
import { Attachments, ConversationContext, Id, IdParams, Role, strict, TEXT_MAX, Type } from '../schemas.js';
import { apiBase, customerOf } from './index.js';

const SendBody = Type.Object(
  {
    clientId: Type.String({ minLength: 1, maxLength: 100 }),
    conversationId: Type.Optional(Id),
    text: Type.String({ maxLength: TEXT_MAX }),
    attachments: Type.Optional(Attachments),
    context: ConversationContext,
  },
  strict,
);
const Receipt = Type.Object({
  conversationId: Type.String(),
  id: Type.String(),
  clientId: Type.String(),
  seq: Type.Integer(),
  createdAt: Type.String(),
});
const PageQuery = Type.Object({
  after: Type.Optional(Type.Integer({ minimum: 0 })),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  locale: Type.Optional(Type.String({ maxLength: 20 })),
});
const HumanBody = Type.Object(
  {
    reason: Type.String({ maxLength: 500 }),
    priority: Type.Union([Type.Literal('normal'), Type.Literal('high')]),
    context: ConversationContext,
    transcript: Type.Array(
      Type.Object({
        role: Role,
        text: Type.String({ maxLength: TEXT_MAX }),
        createdAt: Type.String({ maxLength: 40 }),
      }),
      { maxItems: 100 },
    ),
    preferredAgentId: Type.Optional(Id),
  },
  strict,
);
const RatingBody = Type.Object(
  {
    score: Type.Integer({ minimum: 1, maximum: 5 }),
    tags: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 }),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  strict,
);
const Empty = Type.Object({}, strict);
/** Above any seq: the `integer` column's largest value. */
const SEQ_MAX = 2 ** 31 - 1;
const TypingBody = Type.Object({ typing: Type.Boolean() }, strict);

export const conversationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.conversations;

  app.post('/conversations/messages', { schema: { body: SendBody, response: { 200: Receipt } } }, async (request) => {
    const { attachments = [], ...body } = request.body;
    return service.send(customerOf(request), { ...body, attachments });
  });

  app.get('/conversations/:id/messages', { schema: { params: IdParams, querystring: PageQuery } }, async (request) => {
    const conv = await service.own(customerOf(request).id, request.params.id);
    const { after, before, limit } = request.query;
    // Without a cursor, a `limit` asks for the newest page of the history (the adapter's loadMessages without before).
    const back = before !== undefined || (after === undefined && limit !== undefined);
    const rows = await service.page(
      conv.id,
      back ? { before: before ?? SEQ_MAX, limit } : { after: after ?? 0, limit },
    );
    const base = apiBase(request);
    return { messages: rows.map((row) => service.toMessage(row, base)) };
  });

  app.get('/conversations/:id/events', { schema: { params: IdParams } }, async (request, reply) => {
    const conv = await service.own(customerOf(request).id, request.params.id);
    const header = Number(request.headers['last-event-id']);
    const cursor = Number.isSafeInteger(header) && header > 0 ? header : 0;
    let detach = () => {};
    const sse = openSse(request, reply, () => detach());
    detach = await app.hub.customer(sse, conv, cursor, apiBase(request));
    if (sse.closed) detach();
  });

  app.post('/conversations/:id/human', { schema: { params: IdParams, body: HumanBody } }, async (request) =>
    service.requestHuman(customerOf(request), request.params.id, request.body),
  );

  app.delete('/conversations/:id/human', { schema: { params: IdParams } }, async (request, reply) => {
    await service.cancelHuman(customerOf(request), request.params.id);
    return reply.status(204).send();
  });

  app.post('/conversations/:id/close', { schema: { params: IdParams, body: Empty } }, async (request, reply) => {
    const conv = await service.own(customerOf(request).id, request.params.id);
    await service.close(conv, 'customer');
    return reply.status(204).send();
  });

  app.post('/conversations/:id/typing', { schema: { params: IdParams, body: TypingBody } }, async (request, reply) => {
    const conv = await service.own(customerOf(request).id, request.params.id);
    await service.typing(conv.id, request.body.typing, 'customer');
    return reply.status(204).send();
  });

  app.post('/conversations/:id/rating', { schema: { params: IdParams, body: RatingBody } }, async (request, reply) => {
    const customer = customerOf(request);
    const conv = await service.own(customer.id, request.params.id);
    const rating = await app.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(ratings)
        .values({
          customerId: customer.id,
          conversationId: conv.id,
          score: request.body.score,
          tags: request.body.tags,
          comment: request.body.comment ?? null,
        })
        .returning();
      await publish(tx, { k: 'r', c: conv.id });
      return row!;
    });
    // A rating given before the end goes out with `conversation.closed`.
    if (conv.human === 'closed') app.siteEvents.rated(conv.id, rating);
    return reply.status(204).send();
  });
};
