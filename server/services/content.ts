/**
 * The site's content as the database holds it, per locale with fallbacks, and the search index the bot and
 * the desk's suggestions use. Every instance reads the same rows; what it caches here is keyed by the
 * content version that each seed writes, and re-read at most every {@link SITE_TTL_MS}.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { popularQuestions, type BotKnowledge } from '../../src/core/bot.js';
import { createSearchIndex } from '../../src/core/search.js';
import type { Action, Announcement, Article, Locale, Recommendation } from '../../src/core/types.js';
import type { Db } from '../db/connect.js';
import { actions, announcements, articles, cannedReplies, recommendations, settings } from '../db/schema.js';
import type { CannedReply, SiteSettings } from '../seed.js';

const SITE_TTL_MS = 2000;
export const LOCALES: readonly Locale[] = ['zh-CN', 'zh-TW', 'en'];

/** A locale from a query string or a body; anything else is the site's default. */
export const localeOf = (value: unknown, fallback: Locale = 'zh-CN'): Locale =>
  LOCALES.includes(value as Locale) ? (value as Locale) : fallback;

export type Site = SiteSettings & { version: number };

const EMPTY_SITE: Site = { defaultLocale: 'zh-CN', company: {}, greeting: {}, bot: {}, version: 0 };

/** The locales to try, best first: zh-TW falls back to zh-CN, everything to the site's default. */
const chain = (locale: Locale, site: Site): string[] => [
  ...new Set([locale, ...(locale === 'zh-TW' ? ['zh-CN'] : []), site.defaultLocale, 'zh-CN', 'en']),
];

/** The value for a locale from a per-locale record, with the same fallbacks. */
export const pick = <T>(values: Partial<Record<string, T>>, locale: Locale, site: Site): T | undefined => {
  for (const l of chain(locale, site)) if (values[l] !== undefined) return values[l];
  return undefined;
};

/** Of rows in several locales, those of the best locale that has any. */
const best = <R extends { locale: string }>(rows: R[], order: string[]): R[] => {
  const found = order.find((l) => rows.some((r) => r.locale === l));
  return rows.filter((r) => r.locale === found);
};

export const createContent = (db: Db) => {
  let site: { value: Site; at: number } | undefined;
  const indexes = new Map<string, { version: number; knowledge: BotKnowledge }>();

  const loadSite = async (): Promise<Site> => {
    if (site && Date.now() - site.at < SITE_TTL_MS) return site.value;
    const [row] = await db.select().from(settings).where(eq(settings.key, 'site'));
    site = { value: (row?.value as Site | undefined) ?? EMPTY_SITE, at: Date.now() };
    return site.value;
  };

  const articleRows = async (locale: Locale, s: Site) => {
    const order = chain(locale, s);
    return best(
      await db.select().from(articles).where(inArray(articles.locale, order)).orderBy(asc(articles.position)),
      order,
    );
  };
  const toArticle = (r: typeof articles.$inferSelect, full: boolean): Article => ({
    id: r.id,
    title: r.title,
    ...(r.summary != null && { summary: r.summary }),
    ...(full && r.body != null && { body: r.body }),
    keywords: r.keywords,
    tags: r.tags,
  });

  /** Rows of one JSON content table (announcements, actions, recommendations) for a locale. */
  const data = async <T>(
    table: typeof announcements | typeof actions | typeof recommendations,
    locale: Locale,
  ): Promise<T[]> => {
    const s = await loadSite();
    const order = chain(locale, s);
    const rows = await db.select().from(table).where(inArray(table.locale, order)).orderBy(asc(table.position));
    return best(rows as { locale: string; data: unknown; active?: boolean }[], order)
      .filter((r) => r.active !== false)
      .map((r) => r.data as T);
  };

  return {
    site: loadSite,
    /** All articles of a locale, without bodies unless asked. */
    async articles(locale: Locale, full = false): Promise<Article[]> {
      const s = await loadSite();
      return (await articleRows(locale, s)).map((r) => toArticle(r, full));
    },
    async article(id: string, locale: Locale): Promise<Article | undefined> {
      const s = await loadSite();
      const order = chain(locale, s);
      const rows = await db.select().from(articles).where(eq(articles.id, id));
      const row = order.map((l) => rows.find((r) => r.locale === l)).find(Boolean);
      return row && toArticle(row, true);
    },
    announcements: (locale: Locale) => data<Announcement>(announcements, locale),
    actions: (locale: Locale) => data<Action>(actions, locale),
    recommendations: (locale: Locale) => data<Recommendation>(recommendations, locale),
    async cannedReplies(locale: Locale): Promise<CannedReply[]> {
      const s = await loadSite();
      const order = chain(locale, s);
      const rows = await db
        .select()
        .from(cannedReplies)
        .where(inArray(cannedReplies.locale, order))
        .orderBy(asc(cannedReplies.position));
      return best(rows, order).map(({ id, shortcut, title, text }) => ({ id, shortcut, title, text }));
    },
    /** The search index and popular questions of a locale, built once per content version. */
    async knowledge(locale: Locale): Promise<BotKnowledge> {
      const s = await loadSite();
      const known = indexes.get(locale);
      if (known && known.version === s.version) return known.knowledge;
      const [list, recs] = await Promise.all([this.articles(locale, false), this.recommendations(locale)]);
      const byId = new Map(list.map((a) => [a.id, a]));
      const knowledge: BotKnowledge = {
        index: createSearchIndex(list),
        article: (id) => byId.get(id),
        popular: popularQuestions(recs, list),
      };
      indexes.set(locale, { version: s.version, knowledge });
      return knowledge;
    },
  };
};

export type Content = ReturnType<typeof createContent>;
