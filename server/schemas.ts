/**
 * The protocol's shapes as JSON Schema (TypeBox), shared by the routes. A route's schema is its contract:
 * Fastify validates bodies and params with it, and the TypeScript types of handlers derive from it.
 * Bodies reject unknown top-level fields; nested `page` context is the host's own data and stays open.
 */
import { Type, type Static } from 'typebox';

/** Strings a customer or agent types. */
export const TEXT_MAX = 5000;
const Id = Type.String({ minLength: 1, maxLength: 200 });
export const Locale = Type.Union([Type.Literal('zh-CN'), Type.Literal('zh-TW'), Type.Literal('en')]);
export const Sentiment = Type.Union([Type.Literal('neutral'), Type.Literal('anxious'), Type.Literal('angry')]);
export const Role = Type.Union([
  Type.Literal('customer'),
  Type.Literal('bot'),
  Type.Literal('agent'),
  Type.Literal('system'),
]);

export const Attachment = Type.Object({
  id: Id,
  name: Type.String({ maxLength: 300 }),
  size: Type.Integer({ minimum: 0 }),
  type: Type.String({ maxLength: 200 }),
  url: Type.Optional(Type.String({ maxLength: 2000 })),
});
export const Attachments = Type.Array(Attachment, { maxItems: 10 });

export const PageContext = Type.Object(
  { page: Type.Optional(Type.String({ maxLength: 500 })), product: Type.Optional(Type.String({ maxLength: 500 })) },
  { maxProperties: 30 },
);

export const ConversationContext = Type.Object({
  locale: Locale,
  page: Type.Optional(PageContext),
  orderId: Type.Optional(Type.String({ maxLength: 200 })),
  tier: Type.Optional(Type.String({ maxLength: 50 })),
  sentiment: Type.Optional(Sentiment),
});
export type ConversationContext = Static<typeof ConversationContext>;

const Order = Type.Object({ id: Type.String(), status: Type.String(), title: Type.String(), createdAt: Type.String() });

export const Card = Type.Union([
  Type.Object({
    type: Type.Literal('article'),
    articleId: Id,
    title: Type.String({ maxLength: 500 }),
    summary: Type.Optional(Type.String({ maxLength: 2000 })),
  }),
  Type.Object({ type: Type.Literal('order'), order: Order }),
  Type.Object({ type: Type.Literal('action'), actionId: Id, title: Type.String({ maxLength: 500 }) }),
  Type.Object({
    type: Type.Literal('result'),
    ok: Type.Boolean(),
    title: Type.String({ maxLength: 500 }),
    lines: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 20 })),
  }),
  Type.Object({
    type: Type.Literal('replies'),
    replies: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 10 }),
  }),
]);
export const Cards = Type.Array(Card, { maxItems: 10 });

export const ErrorBody = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export const LocaleQuery = Type.Object({ locale: Type.Optional(Locale) });

export const strict = { additionalProperties: false } as const;
export { Id, Type };
