/**
 * The metrics screen's state: the chosen period and the team's figures for it (`GET metrics`, admins only).
 * A failure stays on the screen as its error, with the period kept, so that the admin can correct or retry.
 */
import { atom, type ReadableAtom } from 'nanostores';
import type { Metrics } from '../core/metrics.js';
import { DeskError, type DeskApi } from './api.js';

/** A period of whole days, both included, as `YYYY-MM-DD` in the agent's time zone. */
export interface MetricsPeriod {
  from: string;
  to: string;
}

/** The CSV tables the server exports. */
export type MetricsTable = 'days' | 'gaps' | 'articles';

export interface MetricsState {
  period: MetricsPeriod;
  /** The figures of the last period that loaded. */
  data?: Metrics;
  loading: boolean;
  /** Why the last load failed: `forbidden` (not an admin), `bad_period`, or the server's error code. */
  error?: { code: string; message: string };
  /** When the figures were loaded (ms since the epoch). */
  loadedAt?: number;
}

export interface DeskMetrics {
  $metrics: ReadableAtom<MetricsState>;
  /** Loads the figures of `period` (default: the current one, which is a refresh); titles in `locale`. */
  load(period?: MetricsPeriod, locale?: string): Promise<void>;
  /** The address of one table of the current period as a CSV file (the server sets its file name). */
  csvUrl(table: MetricsTable, locale?: string): string;
  /** Forgets the figures (on signing out: the next admin must not see them). */
  reset(): void;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const isoDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** The last `days` days up to today, in the browser's time zone. */
export const recentDays = (days: number, now = new Date()): MetricsPeriod => {
  const from = new Date(now);
  from.setDate(from.getDate() - (days - 1));
  return { from: isoDay(from), to: isoDay(now) };
};

/** The browser's IANA time zone, so that "a day" is the admin's day. */
const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The metrics screen's state against the desk API; `onUnauthorized` returns the workbench to sign-in. */
export const createDeskMetrics = (api: DeskApi, onUnauthorized: () => void): DeskMetrics => {
  const initial = (): MetricsState => ({ period: recentDays(30), loading: false });
  const $metrics = atom<MetricsState>(initial());
  let latest = 0;

  const query = (period: MetricsPeriod, locale?: string) => {
    const params = new URLSearchParams({ from: period.from, to: period.to, tz: timeZone() });
    if (locale) params.set('locale', locale);
    return params;
  };

  return {
    $metrics,

    async load(period = $metrics.get().period, locale) {
      const call = ++latest;
      if (!DAY.test(period.from) || !DAY.test(period.to) || period.from > period.to) {
        // Checked here too so that the admin learns it without a round trip; the server says the same with a 400.
        $metrics.set({
          ...$metrics.get(),
          period,
          loading: false,
          error: { code: 'bad_period', message: `${period.from} – ${period.to}` },
        });
        return;
      }
      $metrics.set({ ...$metrics.get(), period, loading: true, error: undefined });
      try {
        const data = await api.call<Metrics>('GET', `metrics?${query(period, locale)}`);
        if (call !== latest) return;
        if (!data.totals || !Array.isArray(data.days) || !Array.isArray(data.knowledgeGaps)) {
          throw new DeskError(200, 'bad_response', 'The metrics answer lacks its figures');
        }
        $metrics.set({ period, data, loading: false, loadedAt: Date.now() });
      } catch (error) {
        if (!(error instanceof DeskError)) throw error;
        if (call !== latest) return;
        $metrics.set({ ...$metrics.get(), loading: false, error: { code: error.code, message: error.message } });
        if (error.status === 401) onUnauthorized();
      }
    },

    csvUrl(table, locale) {
      const params = query($metrics.get().period, locale);
      params.set('format', 'csv');
      params.set('table', table);
      // Absolute, for a link: the same address whatever page the workbench is in.
      return new URL(api.url(`metrics?${params}`), globalThis.location?.href).href;
    },

    reset() {
      latest++;
      $metrics.set(initial());
    },
  };
};
