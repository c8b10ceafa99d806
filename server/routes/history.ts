/** The customer's past: their conversations and tickets, a ticket's thread, replying and reopening, their stream. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { invalid } from '../errors.js';
import { Attachments, strict, TEXT_MAX, Type } from '../schemas.js';
import { openSse } from '../services/hub.js';
import { apiBase, customerOf } from './index.js';

const ListQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  locale: Type.Optional(Type.String({ maxLength: 20 })),
});
const TicketParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 40 }) }, strict);
const ReplyBody = Type.Object(
  { text: Type.String({ maxLength: TEXT_MAX }), attachments: Type.Optional(Attachments) },
  strict,
);
const Empty = Type.Object({}, strict);
/** A fresh stream (no Last-Event-ID) replays the last few seconds, in case a change raced the client's list. */
const FRESH_REPLAY_US = 5_000_000;

export const historyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const history = app.history;

  app.get('/conversations', { schema: { querystring: ListQuery } }, async (request) =>
    history.listConversations(customerOf(request).id, request.query),
  );

  app.get('/tickets', { schema: { querystring: ListQuery } }, async (request) =>
    history.listTickets(customerOf(request).id, request.query),
  );

  app.get('/tickets/:id', { schema: { params: TicketParams } }, async (request) =>
    history.thread(customerOf(request).id, request.params.id, apiBase(request)),
  );

  app.post('/tickets/:id/replies', { schema: { params: TicketParams, body: ReplyBody } }, async (request) => {
    const { text, attachments = [] } = request.body;
    if (!text.trim() && !attachments.length) throw invalid('The reply is empty');
    const row = await history.reply(customerOf(request), request.params.id, { text: text.trim(), attachments });
    return history.replyOf(row, apiBase(request));
  });

  app.post('/tickets/:id/reopen', { schema: { params: TicketParams, body: Empty } }, async (request) =>
    history.reopen(customerOf(request), request.params.id),
  );

  app.get('/stream', async (request, reply) => {
    const customer = customerOf(request);
    const header = request.headers['last-event-id'];
    const given = /^\d{1,20}$/.test(String(header ?? '')) ? Number(header) : 0;
    const cursor = given > 0 ? given : Date.now() * 1000 - FRESH_REPLAY_US;
    let detach = () => {};
    const sse = openSse(request, reply, () => detach());
    detach = await app.hub.account(sse, customer.id, cursor);
    if (sse.closed) detach();
  });
};
