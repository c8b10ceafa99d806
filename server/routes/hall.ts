/** The first screen, the knowledge index and articles (docs/protocol.md § 4). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { rankRecommendations } from '../../src/core/ranking.js';
import type { Order } from '../../src/core/types.js';
import { notFound } from '../errors.js';
import { IdParams, Type } from '../schemas.js';
import { localeOf, pick } from '../services/content.js';
import { ratings } from '../db/schema.js';
import { customerOf } from './index.js';

const HallQuery = Type.Object({
  locale: Type.Optional(Type.String({ maxLength: 20 })),
  page: Type.Optional(Type.String({ maxLength: 500 })),
  product: Type.Optional(Type.String({ maxLength: 500 })),
});
const LocaleQuery = Type.Object({ locale: Type.Optional(Type.String({ maxLength: 20 })) });
const SearchQuery = Type.Object({
  locale: Type.Optional(Type.String({ maxLength: 20 })),
  q: Type.String({ maxLength: 500 }),
});
const Rating = Type.Object(
  {
    score: Type.Number({ minimum: 0, maximum: 5 }),
    tags: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 }),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const hallRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { content } = app;

  app.get('/hall', { schema: { querystring: HallQuery } }, async (request) => {
    const locale = localeOf(request.query.locale);
    const site = await content.site();
    const customer = request.customer;
    let orders: Order[] = [];
    if (customer) {
      try {
        orders = await app.provider.orders(
          { id: customer.externalId, kind: customer.kind, name: customer.name, tier: customer.tier },
          locale,
        );
      } catch (error) {
        // The site's order system being down must not take the first screen with it.
        request.log.warn({ err: error }, 'provider orders failed');
      }
    }
    const [announcements, recommendations, actions, status] = await Promise.all([
      content.announcements(locale),
      content.recommendations(locale),
      content.actions(locale),
      app.conversations.availability(),
    ]);
    const greeting = pick(site.greeting, locale, site);
    const context = { page: request.query.page, product: request.query.product };
    return {
      greeting: customer?.name ? (greeting?.named ?? '').replace('{name}', customer.name) : (greeting?.anonymous ?? ''),
      ...(pick(site.company, locale, site) && { company: pick(site.company, locale, site) }),
      announcements,
      orders,
      recommendations: rankRecommendations(recommendations, { orders, context, tier: customer?.tier }, 10),
      actions,
      service: {
        humanAvailable: status.humanAvailable,
        ...(status.humanAvailable && { expectedWaitSeconds: status.expectedWaitSeconds }),
        ...(status.nextOpenAt && { nextOpenAt: status.nextOpenAt }),
      },
    };
  });

  app.get('/knowledge', { schema: { querystring: LocaleQuery } }, async (request, reply) => {
    const locale = localeOf(request.query.locale);
    const site = await content.site();
    // The content version changes with every seed: a cheap ETag that every instance agrees on.
    const etag = `"k${site.version}-${locale}"`;
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return { articles: await content.articles(locale) };
  });

  app.get('/articles', { schema: { querystring: SearchQuery } }, async (request) => {
    const knowledge = await content.knowledge(localeOf(request.query.locale));
    return { articles: knowledge.index.search(request.query.q, 20).map((hit) => hit.item) };
  });

  app.get('/articles/:id', { schema: { params: IdParams, querystring: LocaleQuery } }, async (request) => {
    const article = await content.article(request.params.id, localeOf(request.query.locale));
    if (!article) throw notFound('No such article');
    return article;
  });

  app.post('/articles/:id/rating', { schema: { params: IdParams, body: Rating } }, async (request, reply) => {
    const customer = customerOf(request);
    if (!(await content.article(request.params.id, 'zh-CN'))) throw notFound('No such article');
    await app.db.insert(ratings).values({
      customerId: customer.id,
      articleId: request.params.id,
      score: Math.round(request.body.score),
      tags: request.body.tags,
      comment: request.body.comment ?? null,
    });
    return reply.status(204).send();
  });
};
