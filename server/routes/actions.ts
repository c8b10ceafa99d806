/** Self-service actions: validated against the action's own form, run by the site's provider. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { validateFields, type FieldValue } from '../../src/core/validate.js';
import type { Attachment, Order } from '../../src/core/types.js';
import { invalid, notFound } from '../errors.js';
import { Id, IdParams, strict, Type } from '../schemas.js';
import { localeOf, pick } from '../services/content.js';
import { customerOf } from './index.js';

const ActionBody = Type.Object(
  {
    input: Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { maxProperties: 30 }),
    conversationId: Type.Optional(Id),
  },
  strict,
);
const LocaleQuery = Type.Object({ locale: Type.Optional(Type.String({ maxLength: 20 })) });

export const actionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/actions/:id',
    { schema: { params: IdParams, body: ActionBody, querystring: LocaleQuery } },
    async (request) => {
      const customer = customerOf(request);
      const { input, conversationId } = request.body;
      const conv = conversationId ? await app.conversations.own(customer.id, conversationId) : undefined;
      const locale = localeOf(request.query.locale ?? conv?.locale);
      const action = (await app.content.actions(locale)).find((a) => a.id === request.params.id);
      if (!action) throw notFound('No such action');
      for (const [name, value] of Object.entries(input)) {
        const field = action.fields.find((f) => f.name === name);
        if (!field) throw invalid(`Unknown field: ${name.slice(0, 100)}`);
        const ok = field.type === 'images' ? Array.isArray(value) : typeof value === 'string' && value.length <= 5000;
        if (!ok) throw invalid(`${field.label}: wrong type`);
      }
      const problems = validateFields(action.fields, input as Record<string, FieldValue>);
      const first = Object.entries(problems)[0];
      if (first) throw invalid(`${first[0]}: ${first[1].key}`);
      const who = { id: customer.externalId, kind: customer.kind, name: customer.name, tier: customer.tier };
      let order: Order | undefined;
      const orderField = action.fields.find((f) => f.type === 'order');
      if (orderField && input[orderField.name]) {
        order = (await app.provider.orders(who, locale)).find((o) => o.id === input[orderField.name]);
        if (!order) throw invalid('That order was not found.');
      }
      const checked = { ...input };
      for (const field of action.fields.filter((f) => f.type === 'images')) {
        const list = (input[field.name] ?? []) as Attachment[];
        checked[field.name] = await app.conversations.ownUploads(app.db, list, { customerId: customer.id });
      }
      const result = await app.provider.runAction({ action, input: checked, customer: who, order, locale });
      if (conv) {
        const site = await app.content.site();
        const name = pick(site.bot, locale, site)?.name ?? action.title;
        await app.db.transaction((tx) =>
          app.conversations.append(tx, conv.id, {
            role: 'bot',
            author: { id: 'bot', name },
            text: result.message,
            cards: [result.card ?? { type: 'result', ok: result.ok, title: action.title }],
          }),
        );
      }
      return result;
    },
  );
};
