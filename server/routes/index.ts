/**
 * The customer API under /api/: docs/protocol.md. A bearer token, when present, must be valid (a site-signed
 * customer JWT or a visitor token); routes that store anything require one.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { unauthorized } from '../errors.js';
import type { CustomerIdentity } from '../services/identity.js';
import { actionRoutes } from './actions.js';
import { conversationRoutes } from './conversations.js';
import { hallRoutes } from './hall.js';
import { historyRoutes } from './history.js';
import { signalRoutes } from './signals.js';
import { ticketRoutes } from './tickets.js';
import { uploadRoutes } from './uploads.js';

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/;

/** The customer of a request that needs one; anonymous requests are told how to get a visitor token. */
export const customerOf = (request: FastifyRequest): CustomerIdentity => {
  if (!request.customer) throw unauthorized('Send a customer token, or get a visitor token first: POST visitors');
  return request.customer;
};

/** The API's absolute URL as this request reached it, for links in answers (signed attachment URLs). */
export const apiBase = (request: FastifyRequest): string => `${request.protocol}://${request.host}/api/`;

export const customerRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (!header) return;
    const token = BEARER.exec(header)?.[1];
    const customer = token ? await app.identity.verifyCustomer(token) : undefined;
    if (!customer) throw unauthorized('The customer token is not valid; sign in again');
    request.customer = customer;
  });

  app.post(
    '/visitors',
    { schema: { body: { type: 'object', additionalProperties: false, maxProperties: 0 } } },
    async () => {
      const { token, customer } = await app.identity.issueVisitor();
      return { token, id: customer.externalId };
    },
  );

  await app.register(hallRoutes);
  await app.register(conversationRoutes);
  await app.register(actionRoutes);
  await app.register(ticketRoutes);
  await app.register(historyRoutes);
  await app.register(uploadRoutes);
  await app.register(signalRoutes);
};
