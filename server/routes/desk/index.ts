/**
 * The agents' API under /api/desk/ (docs/desk-api.md): the workbench's only backend, and open to a site's own
 * tools. Everything but signing in needs the HttpOnly, SameSite=Strict session cookie; JSON bodies only, so a
 * cross-site form cannot post here.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { unauthorized } from '../../errors.js';
import type { AgentIdentity } from '../../services/identity.js';
import { deskConversationRoutes } from './conversations.js';
import { deskMetricsRoutes } from './metrics.js';
import { deskSessionRoutes } from './session.js';
import { deskTicketRoutes } from './tickets.js';

export const COOKIE = 'sh_desk';

export const agentOf = (request: FastifyRequest): AgentIdentity => {
  if (!request.agent) throw unauthorized('Sign in to the desk');
  return request.agent;
};

export const deskRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[COOKIE];
    if (token && token.length <= 100) request.agent = await app.identity.verifyAgent(token);
    if (!request.agent && !(request.method === 'POST' && request.url.split('?')[0]?.endsWith('/desk/session')))
      throw unauthorized('Sign in to the desk');
  });
  await app.register(deskSessionRoutes);
  await app.register(deskConversationRoutes);
  await app.register(deskTicketRoutes);
  await app.register(deskMetricsRoutes);
};
