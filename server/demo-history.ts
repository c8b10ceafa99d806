/**
 * The demo's past: a few hundred conversations over the last 30 days, so that `npm start` shows live-looking
 * metrics from the first minute. They are demo data and say so: their customers are `u:demo-history-*`,
 * named "(demo)", and the `demo_history` setting records when they were made. Made once per database.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { langOf, sampleBot } from '../src/adapters/memory/sample.js';
import type { Locale } from '../src/core/types.js';
import type { Db } from './db/connect.js';
import { articles, conversations, customers, messages, queries, ratings, settings, signals } from './db/schema.js';
import { queryKey } from './services/metrics.js';

const KEY = 'demo_history';
const DAY = 86_400_000;
const MINUTE = 60_000;

/** Questions no demo article answers: they become the knowledge gaps, each asked a few ways. */
const GAPS: Record<'zh-CN' | 'en', string[][]> = {
  'zh-CN': [
    ['可以开发票吗', '可以开发票吗？', '怎么开发票'],
    ['能寄到香港吗', '能寄到香港吗？'],
    ['学生有优惠吗', '学生有优惠吗?'],
    ['可以货到付款吗'],
  ],
  en: [
    ['Can I get an invoice?', 'can i get an invoice', 'How do I get an invoice?'],
    ['Do you ship to Hong Kong?', 'do you ship to hong kong'],
    ['Is there a student discount?'],
  ],
};

const NAMES = ['陈静', '刘洋', '张敏', '赵磊', 'Emma Li', 'Noah Chen', '黄婷', '周杰', 'Mia Wang', '吴昊'];

/** A small seeded generator (mulberry32): the same history on every fresh demo database. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

/** Adds the demo history unless this database has it; answers how many conversations it added. */
export const addDemoHistory = async (db: Db, now = Date.now(), count = 300): Promise<number> => {
  const [done] = await db.select().from(settings).where(eq(settings.key, KEY));
  if (done) return 0;
  const rand = random(17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const known = await db
    .select({ id: articles.id, locale: articles.locale, title: articles.title })
    .from(articles)
    .where(inArray(articles.locale, ['zh-CN', 'en']));

  const customerRows = Array.from({ length: 120 }, (_, i) => ({
    id: `u:demo-history-${i}`,
    kind: 'signed' as const,
    name: `${NAMES[i % NAMES.length]} (demo)`,
    tier: i % 9 === 0 ? 'vip' : 'member',
    createdAt: new Date(now - 31 * DAY),
  }));
  const conversationRows: (typeof conversations.$inferInsert)[] = [];
  const messageRows: (typeof messages.$inferInsert)[] = [];
  const queryRows: (typeof queries.$inferInsert)[] = [];
  const ratingRows: (typeof ratings.$inferInsert)[] = [];
  const signalRows: (typeof signals.$inferInsert)[] = [];

  let last: { customer: (typeof customerRows)[number]; locale: Locale; question: string; start: number } | undefined;
  for (let n = 0; n < count; n++) {
    // Now and then the last customer comes back within hours about the same thing: a reopen.
    const again = last && last.start < now - 8 * 60 * MINUTE && rand() < 0.1 ? last : undefined;
    const locale: Locale = again?.locale ?? (rand() < 0.7 ? 'zh-CN' : 'en');
    const bot = sampleBot(langOf(locale));
    const customer = again?.customer ?? customerRows[Math.floor(rand() * customerRows.length)]!;
    // Busier towards today; all within the last 30 days, and over before now.
    const start = again
      ? again.start + 60 * MINUTE + Math.floor(rand() * 6 * 60 * MINUTE)
      : now - 30 * MINUTE - Math.floor(rand() ** 1.3 * (30 * DAY - 60 * MINUTE));
    const at = (ms: number) => new Date(Math.min(start + ms, now - MINUTE));
    const id = randomUUID();
    const inLocale = known.filter((a) => a.locale === locale);
    const before = again && inLocale.find((a) => a.title === again.question);
    const gap = again ? !before : rand() < 0.18 || !inLocale.length;
    const wording = gap ? (again ? [again.question] : pick(GAPS[locale === 'en' ? 'en' : 'zh-CN'])) : undefined;
    const article = gap ? undefined : (before ?? pick(inLocale));
    const question = wording ? pick(wording) : article!.title;
    last = { customer, locale, question, start };
    const answer = article
      ? { text: article.title, cards: [{ type: 'article' as const, articleId: article.id, title: article.title }] }
      : { text: bot.notFound };
    const handed = gap ? rand() < 0.7 : rand() < 0.22;
    const agentId = rand() < 0.5 ? 'a-lina' : 'a-wei';
    let seq = 0;
    const message = (role: 'customer' | 'bot' | 'agent', text: string, ms: number, extra = {}) =>
      messageRows.push({ id: randomUUID(), conversationId: id, seq: ++seq, role, text, createdAt: at(ms), ...extra });
    message('customer', question, 0, { customerId: customer.id, clientId: `demo-${n}` });
    message('bot', answer.text, 2000, {
      author: { id: 'bot', name: bot.name },
      ...(answer.cards && { cards: answer.cards }),
    });
    queryRows.push({
      conversationId: id,
      customerId: customer.id,
      text: question,
      normalized: queryKey(question),
      articleId: article?.id ?? null,
      locale,
      createdAt: at(0),
    });
    let closedAt: number;
    let queuedAt: number | undefined;
    if (handed) {
      queuedAt = 30_000 + Math.floor(rand() * 90_000);
      const firstReply = queuedAt + 20_000 + Math.floor(rand() * rand() * 8 * MINUTE);
      message('agent', locale === 'en' ? 'Hello, let me check that for you.' : '您好，我帮您查一下。', firstReply, {
        author: { id: agentId, name: agentId === 'a-lina' ? '李娜 Lina' : '王伟 Wei' },
      });
      closedAt = firstReply + 2 * MINUTE + Math.floor(rand() * 18 * MINUTE);
    } else closedAt = 3 * MINUTE + Math.floor(rand() * 5 * MINUTE);
    conversationRows.push({
      id,
      customerId: customer.id,
      locale,
      lastSeq: seq,
      human: handed ? 'closed' : 'none',
      ...(queuedAt !== undefined && { queuedAt: at(queuedAt), agentId }),
      closedBy: handed ? 'agent' : 'customer',
      intent: article ? `article:${article.id}` : `q:${queryKey(question)}`,
      createdAt: at(0),
      updatedAt: at(closedAt),
      closedAt: at(closedAt),
    });
    // Those helped by a person rate more often, and gap questions leave them less happy.
    if (rand() < (handed ? 0.7 : 0.35)) {
      const score = Math.min(5, Math.max(1, Math.round(4.4 - (gap ? 1.2 : 0) + (rand() - 0.5) * 2.6)));
      ratingRows.push({ customerId: customer.id, conversationId: id, score, createdAt: at(closedAt + 20_000) });
    } else if (rand() < 0.5) {
      signalRows.push({
        customerId: customer.id,
        type: 'unrated',
        at: at(closedAt + 30_000),
        data: { conversationId: id },
      });
    }
    if (article && rand() < 0.3)
      ratingRows.push({
        customerId: customer.id,
        articleId: article.id,
        score: rand() < 0.8 ? 1 : 0,
        createdAt: at(10_000),
      });
  }

  await db.transaction(async (tx) => {
    await tx.insert(settings).values({ key: KEY, value: { at: new Date(now).toISOString(), conversations: count } });
    await tx.insert(customers).values(customerRows).onConflictDoNothing();
    // In slices: one statement's parameters stay well under Postgres' limit of 65,535.
    for (let i = 0; i < conversationRows.length; i += 200)
      await tx.insert(conversations).values(conversationRows.slice(i, i + 200));
    for (let i = 0; i < messageRows.length; i += 500) await tx.insert(messages).values(messageRows.slice(i, i + 500));
    await tx.insert(queries).values(queryRows);
    if (ratingRows.length) await tx.insert(ratings).values(ratingRows);
    if (signalRows.length) await tx.insert(signals).values(signalRows);
  });
  return count;
};
