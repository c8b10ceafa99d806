/** Leave-a-message tickets, for when no agent can answer (docs/protocol.md § 4). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'drizzle-orm';
import { tokens } from '../../src/core/text.js';
import { validateField } from '../../src/core/validate.js';
import { tickets } from '../db/schema.js';
import { invalid } from '../errors.js';
import { Attachments, ConversationContext, strict, TEXT_MAX, Type } from '../schemas.js';
import { publish } from '../services/bus.js';
import { customerOf } from './index.js';

const TicketBody = Type.Object(
  {
    category: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.String({ minLength: 1, maxLength: TEXT_MAX }),
    orderId: Type.Optional(Type.String({ maxLength: 200 })),
    contact: Type.String({ minLength: 1, maxLength: 200 }),
    attachments: Attachments,
    context: ConversationContext,
  },
  strict,
);

export const ticketRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/tickets', { schema: { body: TicketBody } }, async (request) => {
    const customer = customerOf(request);
    const body = request.body;
    if (!body.description.trim()) throw invalid('Describe the problem');
    if (validateField({ name: 'contact', type: 'contact', label: 'contact', required: true }, body.contact))
      throw invalid('Leave a phone number or an email address');
    const ticket = await app.db.transaction(async (tx) => {
      const files = await app.conversations.ownUploads(tx, body.attachments, { customerId: customer.id });
      // The receipt number: the date, then a sequence shared by every instance.
      const [row] = await tx
        .insert(tickets)
        .values({
          id: sql`'T' || to_char(now() at time zone 'UTC', 'YYYYMMDD') || lpad((nextval('ticket_numbers') % 1000000)::text, 6, '0')`,
          customerId: customer.id,
          category: body.category,
          description: body.description,
          orderId: body.orderId ?? null,
          contact: body.contact.trim(),
          attachments: files,
          context: body.context,
          terms: [...new Set([...tokens(body.description), ...tokens(body.orderId ?? '')])].slice(0, 500),
        })
        .returning();
      await publish(tx, { k: 'k', t: row!.id });
      return row!;
    });
    app.siteEvents.ticketCreated(ticket);
    return { id: ticket.id, status: ticket.status };
  });
};
