/**
 * Content from a config file into the database: articles, announcements, actions, recommendations, canned
 * replies, agents and the site's settings (company, greetings, the bot's words, business hours). `--seed demo`
 * builds that config from the memory adapter's sample shop, so the demo has one source of truth.
 */
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { sampleArticles } from '../src/adapters/memory/articles.js';
import {
  sampleActions,
  sampleAnnouncements,
  sampleBot,
  sampleCannedReplies,
  sampleCompany,
  sampleGreeting,
  sampleRecommendations,
  type Lang,
} from '../src/adapters/memory/sample.js';
import type { BotPhrases } from '../src/core/bot.js';
import type { Action, Announcement, Article, Locale, Recommendation } from '../src/core/types.js';
import type { Db } from './db/connect.js';
import { actions, agents, announcements, articles, cannedReplies, recommendations, settings } from './db/schema.js';
import { hashPassword } from './services/identity.js';
import type { BusinessHours } from './services/hours.js';

export interface CannedReply {
  id: string;
  /** Typed after `/` in the reply box. */
  shortcut: string;
  title: string;
  text: string;
}

/** Per locale; a locale left out falls back to zh-CN (for zh-TW) and then to `defaultLocale`. */
type PerLocale<T> = Partial<Record<Locale, T>>;

/** What the site says and when it is open: settings that every instance reads from the database. */
export interface SiteSettings {
  defaultLocale: Locale;
  company: PerLocale<string>;
  /** `{name}` is replaced with the customer's name; `anonymous` is used when there is none. */
  greeting: PerLocale<{ named: string; anonymous: string }>;
  bot: PerLocale<BotPhrases>;
  /** Absent: always open (agents' presence still decides). */
  hours?: BusinessHours;
  /** Expected wait per place in the queue, divided by the agents online. Default 90. */
  secondsPerPlace?: number;
  /** How long a returning customer waits for their last agent before anyone may take them. Default 10. */
  preferAgentMinutes?: number;
}

export interface AgentSeed {
  id: string;
  email: string;
  name: string;
  /** Plain text, hashed with scrypt on seeding; or give `passwordHash` (`scrypt$salt$key`). */
  password?: string;
  passwordHash?: string;
  maxChats?: number;
  avatar?: string;
  /** `admin` also sees the metrics and sets alert thresholds; default `agent`. */
  role?: 'agent' | 'admin';
}

/** The seed config file's shape (JSON). */
export interface SeedConfig {
  site: SiteSettings;
  articles?: PerLocale<Article[]>;
  announcements?: PerLocale<Announcement[]>;
  actions?: PerLocale<Action[]>;
  recommendations?: PerLocale<Recommendation[]>;
  cannedReplies?: PerLocale<CannedReply[]>;
  agents?: AgentSeed[];
}

export const DEMO_PASSWORD = 'service-hall-demo';

/** The demo shop, in zh-CN and en (zh-TW falls back to zh-CN, as in the memory adapter). */
export const demoSeed = (): SeedConfig => {
  const both = <T>(make: (lang: Lang) => T): PerLocale<T> => ({ 'zh-CN': make(0), en: make(1) });
  return {
    site: {
      defaultLocale: 'zh-CN',
      company: both(sampleCompany),
      greeting: both((lang) => ({ named: sampleGreeting(lang, '{name}'), anonymous: sampleGreeting(lang, undefined) })),
      bot: both(sampleBot),
      secondsPerPlace: 90,
      preferAgentMinutes: 10,
    },
    articles: both(sampleArticles),
    announcements: both(sampleAnnouncements),
    actions: both(sampleActions),
    recommendations: both(sampleRecommendations),
    cannedReplies: both(sampleCannedReplies),
    agents: [
      { id: 'a-lina', email: 'lina@demo.test', name: '李娜 Lina', password: DEMO_PASSWORD, maxChats: 3, role: 'admin' },
      { id: 'a-wei', email: 'wei@demo.test', name: '王伟 Wei', password: DEMO_PASSWORD, maxChats: 3 },
    ],
  };
};

/** Reads a seed config file (JSON). */
export const readSeed = (path: string): SeedConfig => {
  const config = JSON.parse(readFileSync(path, 'utf8')) as SeedConfig;
  if (!config || typeof config !== 'object' || !config.site) throw new Error(`${path}: a seed config needs "site"`);
  return config;
};

const rows = <T, R>(
  perLocale: PerLocale<T[]> | undefined,
  map: (item: T, locale: string, position: number) => R,
): R[] =>
  Object.entries(perLocale ?? {}).flatMap(([locale, list]) => (list ?? []).map((item, i) => map(item as T, locale, i)));

/**
 * Replaces the content with the config's, in one transaction, and adds or updates its agents (a password is
 * set only for a new agent: a seed run again does not undo a changed password).
 */
export const applySeed = async (db: Db, config: SeedConfig): Promise<void> => {
  const agentRows = await Promise.all(
    (config.agents ?? []).map(async (a) => ({
      id: a.id,
      email: a.email.trim().toLowerCase(),
      name: a.name,
      avatar: a.avatar ?? null,
      maxChats: a.maxChats ?? 3,
      role: a.role ?? 'agent',
      passwordHash: a.passwordHash ?? (await hashPassword(a.password ?? '')),
    })),
  );
  await db.transaction(async (tx) => {
    for (const table of [articles, announcements, actions, recommendations, cannedReplies]) await tx.delete(table);
    const insert = async <R extends object>(table: Parameters<typeof tx.insert>[0], values: R[]) => {
      // Chunks keep each statement under Postgres' limit of 65535 parameters.
      for (let i = 0; i < values.length; i += 500) await tx.insert(table).values(values.slice(i, i + 500) as never);
    };
    await insert(
      articles,
      rows(config.articles, (a, locale, position) => ({
        id: a.id,
        locale,
        title: a.title,
        summary: a.summary ?? null,
        body: a.body ?? null,
        keywords: a.keywords ?? [],
        tags: a.tags ?? [],
        position,
      })),
    );
    await insert(
      announcements,
      rows(config.announcements, (data, locale, position) => ({ id: data.id, locale, data, position })),
    );
    await insert(
      actions,
      rows(config.actions, (data, locale, position) => ({ id: data.id, locale, data, position })),
    );
    await insert(
      recommendations,
      rows(config.recommendations, (data, locale, position) => ({ id: data.id, locale, data, position })),
    );
    await insert(
      cannedReplies,
      rows(config.cannedReplies, (c, locale, position) => ({ ...c, locale, position })),
    );
    for (const agent of agentRows) {
      await tx
        .insert(agents)
        .values(agent)
        .onConflictDoUpdate({
          target: agents.id,
          set: { email: agent.email, name: agent.name, maxChats: agent.maxChats, role: agent.role },
        });
    }
    const site = { ...config.site, version: Date.now() };
    await tx
      .insert(settings)
      .values({ key: 'site', value: site })
      .onConflictDoUpdate({ target: settings.key, set: { value: site } });
  });
};

/** Whether any content was ever seeded. */
export const isSeeded = async (db: Db): Promise<boolean> =>
  (
    await db
      .select({ n: sql<number>`1` })
      .from(settings)
      .where(eq(settings.key, 'site'))
  ).length > 0;
