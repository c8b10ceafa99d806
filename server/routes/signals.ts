/** Analytics and implicit satisfaction signals, batched by the widget (sent with keepalive). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { signals } from '../db/schema.js';
import { strict, Type } from '../schemas.js';

const EventsBody = Type.Object(
  {
    events: Type.Array(
      Type.Object({
        type: Type.String({ minLength: 1, maxLength: 100 }),
        at: Type.String({ maxLength: 40 }),
        data: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { maxProperties: 30 })),
      }),
      { maxItems: 100 },
    ),
  },
  strict,
);

export const signalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/events', { schema: { body: EventsBody } }, async (request, reply) => {
    const rows = request.body.events.map((e) => {
      const at = new Date(e.at);
      // A device with a wrong clock still counts: the time of arrival stands in for a bad one.
      return {
        customerId: request.customer?.id ?? null,
        type: e.type,
        at: Number.isNaN(at.getTime()) ? new Date() : at,
        data: e.data ?? null,
      };
    });
    if (rows.length) await app.db.insert(signals).values(rows);
    return reply.status(204).send();
  });
};
