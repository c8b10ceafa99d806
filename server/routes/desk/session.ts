/** Signing in and out, presence, the team, canned replies, and the desk's event stream. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { eq, sql } from 'drizzle-orm';
import { agents } from '../../db/schema.js';
import { unauthorized } from '../../errors.js';
import { strict, Type } from '../../schemas.js';
import { publish } from '../../services/bus.js';
import { localeOf } from '../../services/content.js';
import { openSse } from '../../services/hub.js';
import { apiBase } from '../index.js';
import { agentOf, COOKIE } from './index.js';

const SignIn = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  strict,
);
const Presence = Type.Object(
  { status: Type.Union([Type.Literal('online'), Type.Literal('away'), Type.Literal('offline')]) },
  strict,
);
const LocaleQuery = Type.Object({ locale: Type.Optional(Type.String({ maxLength: 20 })) });

export const deskSessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/session', { schema: { body: SignIn } }, async (request, reply) => {
    const session = await app.identity.signIn(request.body.email, request.body.password);
    if (!session) throw unauthorized('Wrong email or password');
    reply.setCookie(COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      path: '/api/desk',
      expires: session.expires,
    });
    return { agent: session.agent };
  });

  app.delete('/session', async (request, reply) => {
    const token = request.cookies[COOKIE];
    if (token) await app.identity.signOut(token);
    return reply.clearCookie(COOKIE, { path: '/api/desk' }).status(204).send();
  });

  app.get('/me', async (request) => {
    const agent = agentOf(request);
    const [row] = await app.db
      .select({ presence: agents.presence, maxChats: agents.maxChats })
      .from(agents)
      .where(eq(agents.id, agent.id));
    return { agent, presence: row?.presence ?? 'offline', maxChats: row?.maxChats ?? 0 };
  });

  app.put('/presence', { schema: { body: Presence } }, async (request) => {
    const agent = agentOf(request);
    await app.db.transaction(async (tx) => {
      await tx
        .update(agents)
        .set({ presence: request.body.status, seenAt: sql`now()` })
        .where(eq(agents.id, agent.id));
      await publish(tx, { k: 'a', a: agent.id });
    });
    return { status: request.body.status };
  });

  app.get('/agents', async () => ({ agents: await app.hub.agentsSnapshot() }));

  app.get('/canned-replies', { schema: { querystring: LocaleQuery } }, async (request) => ({
    replies: await app.content.cannedReplies(localeOf(request.query.locale)),
  }));

  app.get('/queue', async () => ({ queue: await app.hub.queueSnapshot() }));

  app.get('/events', async (request, reply) => {
    const agent = agentOf(request);
    let detach = () => {};
    const sse = openSse(request, reply, () => detach());
    detach = await app.hub.desk(sse, agent.id, apiBase(request));
    if (sse.closed) detach();
  });
};
