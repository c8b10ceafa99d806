/** Tickets on the desk: the list by status, one ticket with its photos and replies, replying, changing status. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { asc, desc, eq, sql } from 'drizzle-orm';
import { customers, ticketReplies, tickets } from '../../db/schema.js';
import { invalid, notFound } from '../../errors.js';
import { Attachments, strict, TEXT_MAX, Type } from '../../schemas.js';
import { publish } from '../../services/bus.js';
import { apiBase } from '../index.js';
import { ticketLateSql, type Late } from '../../services/ola.js';
import { agentOf } from './index.js';

const Status = Type.Union([Type.Literal('open'), Type.Literal('pending'), Type.Literal('solved')]);
const TicketParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 40 }) }, strict);
const ListQuery = Type.Object({
  status: Type.Optional(Status),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  before: Type.Optional(Type.String({ maxLength: 40 })),
});
const Patch = Type.Object({ status: Status }, strict);
const ReplyBody = Type.Object(
  { text: Type.String({ maxLength: TEXT_MAX }), attachments: Type.Optional(Attachments) },
  strict,
);

export const deskTicketRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const sign = (base: string, list: { id: string }[]) =>
    list.map((a) => ({ ...a, url: base + app.conversations.signUpload(a.id) }));
  /** A ticket as the desk sees it, from `load` or the list: with its customer and its late mark. */
  const view = (
    { t, name, tier, late }: { t: typeof tickets.$inferSelect; name: string | null; tier: string | null; late: Late[] },
    base: string,
  ) => ({
    id: t.id,
    status: t.status,
    category: t.category,
    description: t.description,
    orderId: t.orderId ?? undefined,
    contact: t.contact,
    attachments: sign(base, t.attachments),
    context: t.context,
    customer: { id: t.customerId, name: name ?? undefined, tier: tier ?? undefined },
    agentId: t.agentId ?? undefined,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    ...(late.length && { late }),
  });
  const load = async (id: string) => {
    const [row] = await app.db
      .select({ t: tickets, name: customers.name, tier: customers.tier, late: sql<Late[]>`${ticketLateSql()}` })
      .from(tickets)
      .innerJoin(customers, eq(customers.id, tickets.customerId))
      .where(eq(tickets.id, id));
    if (!row) throw notFound('No such ticket');
    return row;
  };

  app.get('/tickets', { schema: { querystring: ListQuery } }, async (request) => {
    agentOf(request);
    const { status, limit = 50, before } = request.query;
    const rows = await app.db
      .select({ t: tickets, name: customers.name, tier: customers.tier, late: sql<Late[]>`${ticketLateSql()}` })
      .from(tickets)
      .innerJoin(customers, eq(customers.id, tickets.customerId))
      .where(
        sql`true ${status ? sql`and ${tickets.status} = ${status}` : sql``} ${before ? sql`and ${tickets.id} < ${before}` : sql``}`,
      )
      .orderBy(desc(tickets.id))
      .limit(limit);
    const base = apiBase(request);
    return { tickets: rows.map((r) => view(r, base)) };
  });

  app.get('/tickets/:id', { schema: { params: TicketParams } }, async (request) => {
    agentOf(request);
    const row = await load(request.params.id);
    const base = apiBase(request);
    const replies = await app.db
      .select()
      .from(ticketReplies)
      .where(eq(ticketReplies.ticketId, row.t.id))
      .orderBy(asc(ticketReplies.createdAt));
    return {
      ticket: view(row, base),
      replies: replies.map((r) => ({
        id: r.id,
        role: r.role,
        author: r.author ?? undefined,
        text: r.text,
        attachments: sign(base, r.attachments),
        createdAt: r.createdAt.toISOString(),
      })),
    };
  });

  app.patch('/tickets/:id', { schema: { params: TicketParams, body: Patch } }, async (request) => {
    const agent = agentOf(request);
    await load(request.params.id);
    const solved = await app.db.transaction(async (tx) => {
      // Locked, so that of two agents solving at once only one solves it (and tells the site).
      const [before] = await tx
        .select({ status: tickets.status })
        .from(tickets)
        .where(eq(tickets.id, request.params.id))
        .for('update');
      const [after] = await tx
        .update(tickets)
        .set({ status: request.body.status, agentId: agent.id, updatedAt: sql`now()` })
        .where(eq(tickets.id, request.params.id))
        .returning();
      await publish(tx, { k: 'k', t: request.params.id });
      return before?.status !== 'solved' && after?.status === 'solved' ? after : undefined;
    });
    if (solved) app.siteEvents.ticketSolved(solved);
    const row = await load(request.params.id);
    return { ticket: view(row, apiBase(request)) };
  });

  app.post('/tickets/:id/replies', { schema: { params: TicketParams, body: ReplyBody } }, async (request) => {
    const agent = agentOf(request);
    const row = await load(request.params.id);
    // Files alone are a reply: a photo of the label says enough.
    if (!request.body.text.trim() && !request.body.attachments?.length) throw invalid('The reply is empty');
    const reply = await app.db.transaction(async (tx) => {
      const files = await app.conversations.ownUploads(tx, request.body.attachments, { agentId: agent.id });
      const [created] = await tx
        .insert(ticketReplies)
        .values({
          ticketId: row.t.id,
          role: 'agent',
          author: { id: agent.id, name: agent.name },
          text: request.body.text,
          attachments: files,
        })
        .returning();
      // An answered ticket waits on the customer, unless the agent has already solved it.
      await tx
        .update(tickets)
        .set({
          agentId: agent.id,
          updatedAt: sql`now()`,
          ...(row.t.status === 'open' && { status: 'pending' as const }),
        })
        .where(eq(tickets.id, row.t.id));
      await publish(tx, { k: 'k', t: row.t.id });
      return created!;
    });
    return {
      id: reply.id,
      role: reply.role,
      author: reply.author,
      text: reply.text,
      attachments: sign(apiBase(request), reply.attachments),
      createdAt: reply.createdAt.toISOString(),
    };
  });
};
