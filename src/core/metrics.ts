/**
 * The shapes of the team's metrics (`GET /api/desk/metrics`, docs/desk-api.md § Metrics): computed by the
 * reference server (server/services/metrics.ts), shown by the workbench's metrics screen. Types only.
 */

/** A share, with what it counts, so a reader can check it. `rate` is null when there is nothing to count. */
export interface Rate {
  count: number;
  of: number;
  rate: number | null;
}

export interface Percentiles {
  /** Seconds; null without any sample. */
  p50: number | null;
  p90: number | null;
  count: number;
}

export interface Figures {
  conversations: number;
  handedOff: number;
  csat: {
    /** 1–5, two decimals; null without ratings. */
    average: number | null;
    responses: number;
    distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
    /** Rated conversations among ended ones. */
    responseRate: Rate;
  };
  firstResponseSeconds: Percentiles;
  handlingSeconds: Percentiles;
  /** Team-wide figures: null when the metrics are for one agent (their conversations all had a human). */
  selfService: Rate | null;
  botToHuman: Rate | null;
  queueAbandon: Rate | null;
  reopen: Rate;
  unrated: Rate;
}

export interface DayFigures extends Figures {
  /** `YYYY-MM-DD` in the period's time zone. */
  day: string;
}

export interface ArticleHelpfulness {
  articleId: string;
  title: string | null;
  yes: number;
  no: number;
  helpful: Rate;
}

export interface KnowledgeGap {
  /** The grouping key: the normalized query. */
  query: string;
  count: number;
  customers: number;
  /** How many found no article, and how many ended in a hand-off (one query may do both). */
  noArticle: number;
  handedOff: number;
  /** Up to three of the customers' own wordings. */
  examples: string[];
  lastAt: string;
}

export interface Metrics {
  period: { from: string; to: string; tz: string; agent?: string };
  totals: Figures;
  days: DayFigures[];
  articles: ArticleHelpfulness[];
  knowledgeGaps: KnowledgeGap[];
}
