// The team's metrics on the scripted desk API (desk-backend.ts), for the metrics screen's stories and tests:
// 30 plausible days, knowledge gaps in the customers' own words, and article votes. The figures come from a
// fixed sequence, so that a story looks the same on every run.
import type { DayFigures, Figures, Metrics, Rate } from '../core/metrics.js';
import type { Locale } from '../core/types.js';
import type { ScriptedDesk } from './desk-backend.js';

const rate = (count: number, of: number): Rate => ({
  count,
  of,
  rate: of ? Math.round((count / of) * 10_000) / 10_000 : null,
});

/** A conversation count's figures, shaped by `k` in 0..1. */
const figuresOf = (conversations: number, k: number): Figures => {
  const handed = Math.round(conversations * (0.25 + 0.15 * k));
  const bot = Math.round(conversations * 0.9);
  const ended = Math.round(conversations * 0.8);
  const distribution = {
    1: Math.round(handed * 0.05),
    2: Math.round(handed * 0.1 * k),
    3: Math.round(handed * 0.15),
    4: Math.round(handed * 0.3),
    5: Math.round(handed * (0.4 - 0.1 * k)),
  };
  const responses = Object.values(distribution).reduce((a, b) => a + b, 0);
  const sum = Object.entries(distribution).reduce((a, [score, n]) => a + Number(score) * n, 0);
  return {
    conversations,
    handedOff: handed,
    csat: {
      average: responses ? Math.round((sum / responses) * 100) / 100 : null,
      responses,
      distribution,
      responseRate: rate(responses, ended),
    },
    firstResponseSeconds: { p50: Math.round(40 + 80 * k), p90: Math.round(150 + 200 * k), count: handed },
    handlingSeconds: { p50: Math.round(300 + 400 * k), p90: Math.round(900 + 600 * k), count: handed },
    selfService: rate(conversations - handed - Math.round(conversations * 0.03), conversations),
    botToHuman: rate(Math.round(bot * (0.22 + 0.15 * k)), bot),
    queueAbandon: rate(Math.round(handed * 0.05), handed),
    reopen: rate(Math.round(conversations * (0.04 + 0.04 * k)), conversations),
    unrated: rate(Math.round(ended * 0.2), ended),
  };
};

const sum = (days: Figures[]): Figures => {
  const all = (pick: (f: Figures) => number) => days.reduce((a, f) => a + pick(f), 0);
  const conversations = all((f) => f.conversations);
  const total = figuresOf(conversations, 0.5);
  const distribution = {
    1: all((f) => f.csat.distribution[1]),
    2: all((f) => f.csat.distribution[2]),
    3: all((f) => f.csat.distribution[3]),
    4: all((f) => f.csat.distribution[4]),
    5: all((f) => f.csat.distribution[5]),
  };
  const responses = all((f) => f.csat.responses);
  const scores = Object.entries(distribution).reduce((a, [score, n]) => a + Number(score) * n, 0);
  return {
    ...total,
    csat: {
      average: responses ? Math.round((scores / responses) * 100) / 100 : null,
      responses,
      distribution,
      responseRate: rate(
        responses,
        all((f) => f.csat.responseRate.of),
      ),
    },
  };
};

const gapWords = {
  'zh-CN': [
    ['可以开发票吗', ['可以开发票吗？', '怎么开发票', '能开增值税发票吗']],
    ['海外能寄吗', ['海外能寄吗', '可以寄到新加坡吗？']],
    ['耳机左耳没声音', ['耳机左耳没声音']],
  ],
  'zh-TW': [
    ['可以開發票嗎', ['可以開發票嗎？', '怎麼開發票', '能開統一編號嗎']],
    ['海外能寄嗎', ['海外能寄嗎', '可以寄到新加坡嗎？']],
    ['耳機左耳沒聲音', ['耳機左耳沒聲音']],
  ],
  en: [
    ['can i get an invoice', ['Can I get an invoice?', 'can i get an invoice', 'Can I get an INVOICE']],
    ['do you ship abroad', ['Do you ship abroad?', 'do you ship abroad']],
    ['left earbud has no sound', ['Left earbud has no sound']],
  ],
} as const;

const articleTitles = {
  'zh-CN': ['退款说明', '配送时效'],
  'zh-TW': ['退款說明', '配送時效'],
  en: ['Refunds', 'Delivery times'],
} as const;

/** Thirty days of metrics up to `today` (`YYYY-MM-DD`), with titles and gaps in `locale`. */
export const sampleMetrics = (locale: Locale, today: string, days = 30): Metrics => {
  const end = Date.parse(`${today}T00:00:00Z`);
  const list: DayFigures[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(end - i * 86_400_000).toISOString().slice(0, 10);
    // A weekly rhythm with a slow drift: busier mid-week, slower answers on busy days.
    const k = (Math.sin(i / 1.2) + 1) / 2;
    list.push({ day, ...figuresOf(20 + Math.round(25 * k) + (i % 3), k) });
  }
  const now = new Date(end + 12 * 3_600_000).toISOString();
  return {
    period: { from: `${list[0]!.day}T00:00:00.000Z`, to: new Date(end + 86_400_000).toISOString(), tz: 'UTC' },
    totals: sum(list),
    days: list,
    articles: [
      { articleId: 'refund-policy', title: articleTitles[locale][0], yes: 42, no: 5 },
      { articleId: 'shipping-times', title: articleTitles[locale][1], yes: 18, no: 11 },
    ].map((a) => ({ ...a, helpful: rate(a.yes, a.yes + a.no) })),
    knowledgeGaps: gapWords[locale].map(([query, examples], i) => ({
      query,
      count: 12 - i * 4,
      customers: 10 - i * 4,
      noArticle: 12 - i * 4,
      handedOff: 3 - i,
      examples: [...examples],
      lastAt: now,
    })),
  };
};

const none: Rate = { count: 0, of: 0, rate: null };
const noFigures = (): Figures => ({
  conversations: 0,
  handedOff: 0,
  csat: { average: null, responses: 0, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, responseRate: none },
  firstResponseSeconds: { p50: null, p90: null, count: 0 },
  handlingSeconds: { p50: null, p90: null, count: 0 },
  selfService: none,
  botToHuman: none,
  queueAbandon: none,
  reopen: none,
  unrated: none,
});

/** A period of `days` up to `today` in which nothing happened: every figure is "no data". */
export const quietMetrics = (today: string, days: number): Metrics => {
  const end = Date.parse(`${today}T00:00:00Z`);
  const list = Array.from({ length: days }, (_, i) => ({
    day: new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10),
    ...noFigures(),
  }));
  return {
    period: { from: `${list[0]!.day}T00:00:00.000Z`, to: new Date(end + 86_400_000).toISOString(), tz: 'UTC' },
    totals: noFigures(),
    days: list,
    articles: [],
    knowledgeGaps: [],
  };
};

/**
 * The scripted desk API with `GET metrics` answered by `answer` (the metrics, or a response such as a 403),
 * and the agent made an admin. Every other route is the scripted desk's.
 */
export const withMetrics = (backend: ScriptedDesk, answer: Metrics | (() => Response)): ScriptedDesk => {
  backend.data.agent = { ...backend.data.agent, role: 'admin' };
  const inner = backend.fetch;
  backend.fetch = async (input, init) => {
    const url = new URL(String(input), location.href);
    if (!url.pathname.endsWith('/api/desk/metrics') || !backend.signedIn) return inner(input, init);
    if (typeof answer === 'function') return answer();
    return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } });
  };
  return backend;
};
