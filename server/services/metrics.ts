/**
 * Service metrics, computed in SQL from what the server stores (conversations, messages, ratings, queries and
 * the widget's signals): no second analytics store to feed or to drift. docs/desk-api.md § Metrics defines
 * each figure; the tests check them against hand-computed numbers.
 */
import { sql, type SQL } from 'drizzle-orm';
import { normalize } from '../../src/core/text.js';
import type { Figures, Metrics, Rate } from '../../src/core/metrics.js';
import type { Db } from '../db/connect.js';
import { badRequest } from '../errors.js';

export type {
  ArticleHelpfulness,
  DayFigures,
  Figures,
  KnowledgeGap,
  Metrics,
  Percentiles,
  Rate,
} from '../../src/core/metrics.js';

/** Longest query text kept. */
export const QUERY_MAX = 500;

/**
 * The key that groups one question asked many ways: NFKC, lower case, punctuation and symbols folded into
 * spaces ("Where is my parcel?" and "where is my parcel" are one gap).
 */
export const queryKey = (text: string): string =>
  normalize(text)
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export interface MetricsQuery {
  /** `YYYY-MM-DD` (start of that day in `tz`) or an ISO date-time; default `to` minus 30 days. */
  from?: string;
  /** `YYYY-MM-DD` (the whole day is included) or an ISO date-time (excluded); default now. */
  to?: string;
  agent?: string;
  /** IANA time zone for days; default UTC. */
  tz?: string;
  /** Article titles in this locale when it has them. */
  locale?: string;
}

const DAY_MS = 86_400_000;
const MAX_DAYS = 366;
const GAPS_MAX = 50;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/;

const realDate = (y: string, m: string, d: string) => {
  const date = new Date(Date.UTC(+y, +m - 1, +d));
  return date.getUTCFullYear() === +y && date.getUTCMonth() === +m - 1 && date.getUTCDate() === +d;
};

/** Checks a bound's shape and calendar; Postgres would fail later on 2026-02-30 with a less useful message. */
const checkBound = (name: string, value: string) => {
  const match = DATE.exec(value) ?? DATE_TIME.exec(value);
  if (!match || !realDate(match[1]!, match[2]!, match[3]!))
    throw badRequest(`${name} must be a date (2026-11-01) or an ISO date-time (2026-11-01T08:00:00Z)`);
};

export const checkTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw badRequest(`tz must be an IANA time zone such as UTC or Asia/Shanghai`);
  }
};

/** A bound as SQL: a bare date or a date-time without offset is local to `tz`; `to` as a date ends that day. */
const boundSql = (value: string, tz: string, end: boolean): SQL => {
  if (DATE.test(value))
    return end
      ? sql`((${value}::date + 1)::timestamp at time zone ${tz})`
      : sql`(${value}::date::timestamp at time zone ${tz})`;
  return /(Z|[+-]\d{2}:?\d{2})$/.test(value)
    ? sql`${value}::timestamptz`
    : sql`(${value}::timestamp at time zone ${tz})`;
};

// Both drivers answer `execute` with `{ rows }` (node-postgres' QueryResult, PGlite's Results).
const rows = async <T>(db: Db, query: SQL): Promise<T[]> =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

const rate = (count: number, of: number): Rate => ({
  count,
  of,
  rate: of > 0 ? Math.round((count / of) * 10_000) / 10_000 : null,
});
const seconds = (value: number | string | null) => (value == null ? null : Math.round(Number(value) * 10) / 10);

interface FigureRow {
  day: string | null;
  conversations: number;
  handed: number;
  csat_avg: number | string | null;
  csat_n: number;
  r1: number;
  r2: number;
  r3: number;
  r4: number;
  r5: number;
  ended: number;
  frt50: number | null;
  frt90: number | null;
  frt_n: number;
  ht50: number | null;
  ht90: number | null;
  ht_n: number;
  self_service: number;
  bot: number;
  bot_handed: number;
  reopen: number;
  abandoned: number;
  unrated: number;
}

const figures = (r: FigureRow | undefined, perAgent: boolean): Figures => {
  const n = (v: number | undefined) => Number(v ?? 0);
  const total = n(r?.conversations);
  return {
    conversations: total,
    handedOff: n(r?.handed),
    csat: {
      average: r?.csat_avg == null ? null : Math.round(Number(r.csat_avg) * 100) / 100,
      responses: n(r?.csat_n),
      distribution: { 1: n(r?.r1), 2: n(r?.r2), 3: n(r?.r3), 4: n(r?.r4), 5: n(r?.r5) },
      responseRate: rate(n(r?.csat_n), n(r?.ended)),
    },
    firstResponseSeconds: { p50: seconds(r?.frt50 ?? null), p90: seconds(r?.frt90 ?? null), count: n(r?.frt_n) },
    handlingSeconds: { p50: seconds(r?.ht50 ?? null), p90: seconds(r?.ht90 ?? null), count: n(r?.ht_n) },
    selfService: perAgent ? null : rate(n(r?.self_service), total),
    botToHuman: perAgent ? null : rate(n(r?.bot_handed), n(r?.bot)),
    queueAbandon: perAgent ? null : rate(n(r?.abandoned), n(r?.handed)),
    reopen: rate(n(r?.reopen), total),
    unrated: rate(n(r?.unrated), n(r?.ended)),
  };
};

/** Every day of the period, as `YYYY-MM-DD` in `tz`. */
const daysOf = (from: Date, to: Date, tz: string): string[] => {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
  const first = format.format(from);
  const last = format.format(new Date(to.getTime() - 1));
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += DAY_MS)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

/** Computes the metrics of a period; throws a 400 for a bad period, time zone or agent. */
export const computeMetrics = async (db: Db, query: MetricsQuery): Promise<Metrics> => {
  const tz = query.tz ?? 'UTC';
  checkTimeZone(tz);
  if (query.from) checkBound('from', query.from);
  if (query.to) checkBound('to', query.to);
  const toSql = query.to ? boundSql(query.to, tz, true) : sql`now()`;
  const fromSql = query.from ? boundSql(query.from, tz, false) : sql`(${toSql} - interval '30 days')`;
  const [bounds] = await rows<{ from: string | Date; to: string | Date; agent: boolean | null }>(
    db,
    sql`select ${fromSql} as "from", ${toSql} as "to",
      ${query.agent === undefined ? sql`null` : sql`exists (select 1 from agents where id = ${query.agent})`} as agent`,
  );
  const from = new Date(bounds!.from);
  const to = new Date(bounds!.to);
  if (!(from < to)) throw badRequest('from must be before to');
  if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS) throw badRequest(`A period spans at most ${MAX_DAYS} days`);
  if (bounds!.agent === false) throw badRequest(`No agent with the id ${JSON.stringify(query.agent)}`);
  const perAgent = query.agent !== undefined;
  const start = from.toISOString();
  const end = to.toISOString();
  const agentFilter = perAgent ? sql`and c.agent_id = ${query.agent}` : sql``;
  // Same order or same intent, within 24 h of the earlier contact's start: the widget's recontact rule.
  const sameTopic = (a: string, b: string) =>
    sql.raw(`${b}.customer_id = ${a}.customer_id and ${b}.id <> ${a}.id and (
      (${a}.context->>'orderId' is not null and ${b}.context->>'orderId' = ${a}.context->>'orderId')
      or (${a}.intent is not null and ${b}.intent = ${a}.intent))`);
  const signal = (type: string, extra: SQL) =>
    sql`exists (select 1 from signals s where s.type = ${type} and s.customer_id = c.customer_id and ${extra})`;

  const [figureRows, articleRows, gapRows] = await Promise.all([
    rows<FigureRow>(
      db,
      sql`
      with c as (
        select c.id, c.customer_id, c.queued_at, c.agent_id, c.closed_at, c.human,
          to_char(c.created_at at time zone ${tz}, 'YYYY-MM-DD') as day,
          c.queued_at is not null as handed,
          exists (select 1 from messages m where m.conversation_id = c.id and m.role = 'bot') as bot,
          (select min(m.created_at) from messages m
            where m.conversation_id = c.id and m.role = 'agent' and m.created_at >= c.queued_at) as first_reply_at,
          (select r.score from ratings r where r.conversation_id = c.id order by r.created_at desc, r.id desc limit 1)
            as rating,
          exists (select 1 from conversations p where ${sameTopic('c', 'p')}
              and p.created_at < c.created_at and p.created_at >= c.created_at - interval '24 hours')
            or ${signal('recontact', sql`s.data->>'conversationId' = c.id::text`)} as reopen,
          exists (select 1 from conversations n where ${sameTopic('c', 'n')}
              and n.created_at > c.created_at and n.created_at <= c.created_at + interval '24 hours') as recontacted,
          ${signal('unrated', sql`s.data->>'conversationId' = c.id::text`)} as unrated_signal,
          ${signal('queue-abandoned', sql`s.at >= c.queued_at`)} as abandon_signal
        from conversations c
        where c.created_at >= ${start}::timestamptz and c.created_at < ${end}::timestamptz ${agentFilter}
      ), f as (
        select *,
          extract(epoch from first_reply_at - queued_at) as frt,
          case when closed_at >= first_reply_at then extract(epoch from closed_at - first_reply_at) end as ht,
          closed_at is not null or rating is not null as ended,
          handed and agent_id is null and (human <> 'queued' or abandon_signal) as abandoned
        from c
      )
      select case when grouping(day) = 1 then null else day end as day,
        count(*)::int as conversations,
        count(*) filter (where handed)::int as handed,
        round(avg(rating), 2)::float8 as csat_avg,
        count(rating)::int as csat_n,
        count(*) filter (where rating = 1)::int as r1,
        count(*) filter (where rating = 2)::int as r2,
        count(*) filter (where rating = 3)::int as r3,
        count(*) filter (where rating = 4)::int as r4,
        count(*) filter (where rating = 5)::int as r5,
        count(*) filter (where ended)::int as ended,
        percentile_cont(0.5) within group (order by frt)::float8 as frt50,
        percentile_cont(0.9) within group (order by frt)::float8 as frt90,
        count(frt)::int as frt_n,
        percentile_cont(0.5) within group (order by ht)::float8 as ht50,
        percentile_cont(0.9) within group (order by ht)::float8 as ht90,
        count(ht)::int as ht_n,
        count(*) filter (where not handed and not recontacted)::int as self_service,
        count(*) filter (where bot)::int as bot,
        count(*) filter (where bot and handed)::int as bot_handed,
        count(*) filter (where reopen)::int as reopen,
        count(*) filter (where abandoned)::int as abandoned,
        count(*) filter (where ended and rating is null and unrated_signal)::int as unrated
      from f
      group by grouping sets ((day), ())`,
    ),
    rows<{ article_id: string; title: string | null; yes: number; no: number }>(
      db,
      sql`
      select r.article_id,
        (select a.title from articles a where a.id = r.article_id
          order by a.locale = ${query.locale ?? ''} desc, a.locale limit 1) as title,
        count(*) filter (where r.score > 0)::int as yes,
        count(*) filter (where r.score = 0)::int as no
      from ratings r
      where r.article_id is not null and r.created_at >= ${start}::timestamptz and r.created_at < ${end}::timestamptz
      group by r.article_id
      order by count(*) desc, r.article_id`,
    ),
    rows<{
      query: string;
      count: number;
      customers: number;
      no_article: number;
      handed_off: number;
      examples: string[];
      last_at: string | Date;
    }>(
      db,
      sql`
      with g as (
        select q.normalized, q.text, q.customer_id, q.created_at, q.article_id is null as no_article,
          c.queued_at is not null and c.queued_at >= q.created_at as handed_off
        from queries q join conversations c on c.id = q.conversation_id
        where q.created_at >= ${start}::timestamptz and q.created_at < ${end}::timestamptz
      )
      select normalized as query,
        count(*)::int as count,
        count(distinct customer_id)::int as customers,
        count(*) filter (where no_article)::int as no_article,
        count(*) filter (where handed_off)::int as handed_off,
        (array_agg(distinct text))[1:3] as examples,
        max(created_at) as last_at
      from g
      where no_article or handed_off
      group by normalized
      order by count(*) desc, max(created_at) desc
      limit ${GAPS_MAX}`,
    ),
  ]);

  const byDay = new Map(figureRows.filter((r) => r.day !== null).map((r) => [r.day as string, r]));
  return {
    period: { from: start, to: end, tz, ...(perAgent && { agent: query.agent }) },
    totals: figures(
      figureRows.find((r) => r.day === null),
      perAgent,
    ),
    days: daysOf(from, to, tz).map((day) => ({ day, ...figures(byDay.get(day), perAgent) })),
    articles: articleRows.map((r) => ({
      articleId: r.article_id,
      title: r.title,
      yes: r.yes,
      no: r.no,
      helpful: rate(r.yes, r.yes + r.no),
    })),
    knowledgeGaps: gapRows.map((r) => ({
      query: r.query,
      count: r.count,
      customers: r.customers,
      noArticle: r.no_article,
      handedOff: r.handed_off,
      examples: r.examples,
      lastAt: new Date(r.last_at).toISOString(),
    })),
  };
};

/** A spreadsheet-safe CSV cell: quoted when needed, and a leading = + - @ defused (CSV formula injection). */
const cell = (value: unknown): string => {
  if (value == null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const csv = (header: string[], lines: unknown[][]) =>
  [header, ...lines].map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';

const figureColumns = [
  'conversations',
  'handed_off',
  'csat_average',
  'csat_responses',
  'csat_response_rate',
  'first_response_p50_s',
  'first_response_p90_s',
  'handling_p50_s',
  'handling_p90_s',
  'self_service_rate',
  'bot_to_human_rate',
  'reopen_rate',
  'queue_abandon_rate',
  'unrated_rate',
];
const figureCells = (f: Figures) => [
  f.conversations,
  f.handedOff,
  f.csat.average,
  f.csat.responses,
  f.csat.responseRate.rate,
  f.firstResponseSeconds.p50,
  f.firstResponseSeconds.p90,
  f.handlingSeconds.p50,
  f.handlingSeconds.p90,
  f.selfService?.rate,
  f.botToHuman?.rate,
  f.reopen.rate,
  f.queueAbandon?.rate,
  f.unrated.rate,
];

export type CsvTable = 'days' | 'articles' | 'gaps';

/** One table of the metrics as CSV: the days (and a `total` row), article helpfulness, or knowledge gaps. */
export const metricsCsv = (metrics: Metrics, table: CsvTable): string => {
  if (table === 'articles')
    return csv(
      ['article_id', 'title', 'yes', 'no', 'helpful_rate'],
      metrics.articles.map((a) => [a.articleId, a.title, a.yes, a.no, a.helpful.rate]),
    );
  if (table === 'gaps')
    return csv(
      ['query', 'count', 'customers', 'no_article', 'handed_off', 'examples', 'last_at'],
      metrics.knowledgeGaps.map((g) => [
        g.query,
        g.count,
        g.customers,
        g.noArticle,
        g.handedOff,
        g.examples.join(' | '),
        g.lastAt,
      ]),
    );
  return csv(
    ['day', ...figureColumns],
    [...metrics.days.map((d) => [d.day, ...figureCells(d)]), ['total', ...figureCells(metrics.totals)]],
  );
};
