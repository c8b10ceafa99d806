import { css, html, nothing, type PropertyValues } from 'lit';
import type { ReadableAtom } from 'nanostores';
import uPlot from 'uplot';
import type { DayFigures, Figures, Metrics, Rate } from '../core/metrics.js';
import { DeskElement } from './base.js';
import type { DeskKey } from './i18n.js';
import { uplotStyles } from './metrics.styles.js';
import { recentDays, type MetricsPeriod } from './metrics-store.js';
import type { Desk } from './store.js';

/** The period shortcuts, in days up to today. */
const PRESETS = [7, 30, 90] as const;

/** A figure per day for a chart: its label key, the private colour variable it is drawn in, and its value. */
interface Line {
  key: DeskKey;
  colour: string;
  value: (day: DayFigures) => number | null;
}

interface Chart {
  id: string;
  title: DeskKey;
  lines: Line[];
  /** The value axis: a fixed range, and how a value reads on it. */
  range?: [number, number];
  unit: 'score' | 'percent' | 'minutes';
}

const percent = (rate: Rate | null) => (rate?.rate == null ? null : rate.rate * 100);
const minutes = (seconds: number | null) => (seconds == null ? null : seconds / 60);

const CHARTS: Chart[] = [
  {
    id: 'csat',
    title: 'chartCsat',
    unit: 'score',
    range: [1, 5],
    lines: [{ key: 'csat', colour: '--_brand', value: (d) => d.csat.average }],
  },
  {
    id: 'rates',
    title: 'chartRates',
    unit: 'percent',
    range: [0, 100],
    lines: [
      { key: 'botToHuman', colour: '--_brand', value: (d) => percent(d.botToHuman) },
      { key: 'selfService', colour: '--_link', value: (d) => percent(d.selfService) },
      { key: 'reopens', colour: '--_success', value: (d) => percent(d.reopen) },
    ],
  },
  {
    id: 'times',
    title: 'chartTimes',
    unit: 'minutes',
    lines: [
      { key: 'firstResponse', colour: '--_link', value: (d) => minutes(d.firstResponseSeconds.p50) },
      { key: 'handlingTime', colour: '--_brand', value: (d) => minutes(d.handlingSeconds.p50) },
    ],
  },
];

/** A day's midnight as uPlot's x value (seconds); the charts draw in UTC so that a day stays its own date. */
const dayX = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;

/**
 * The team's metrics, for admins: satisfaction (CSAT) large, the supporting figures beside it, trends per day
 * as charts with the same numbers in a table, the knowledge gaps (what customers asked that no article
 * answered) and article helpfulness. The period is chosen by dates or a shortcut; each table downloads as CSV.
 *
 * @tag sh-desk-metrics
 * @csspart summary - The headline figures.
 * @csspart chart - One chart.
 * @csspart days - The table of the figures per day.
 * @csspart gap - One knowledge gap.
 */
export class DeskMetricsElement extends DeskElement {
  static override styles = [
    DeskElement.styles,
    uplotStyles,
    css`
      :host {
        display: grid;
        gap: 16px;
      }
      h2 {
        margin: 0;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 8px 12px;
      }
      form input {
        inline-size: auto;
      }
      a.button {
        display: inline-flex;
        align-items: center;
        text-decoration: none;
      }
      .summary {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
        gap: 12px;
        margin: 0;
      }
      .summary > div {
        padding: 12px;
      }
      .summary dt {
        font-size: 13px;
        color: var(--_muted);
      }
      .summary dd {
        margin: 0;
      }
      .value {
        font-size: 22px;
        font-weight: 600;
      }
      .north {
        grid-row: span 2;
        border-color: var(--_brand);
      }
      .north .value {
        font-size: 44px;
        line-height: 1.1;
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
        gap: 12px;
      }
      figure {
        min-inline-size: 0;
        margin: 0;
        padding: 12px;
      }
      figcaption {
        font-weight: 600;
      }
      .plot {
        block-size: 200px;
        margin-block-start: 8px;
      }
      .key {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        font-size: 13px;
      }
      .swatch {
        inline-size: 12px;
        block-size: 3px;
      }
      .scroll {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        font-size: 14px;
        font-variant-numeric: tabular-nums;
      }
      caption {
        padding-block-end: 6px;
        font-weight: 600;
        text-align: start;
      }
      th,
      td {
        padding: 4px 10px;
        border-block-end: 1px solid var(--_border);
        text-align: end;
        white-space: nowrap;
      }
      th:first-child,
      td:first-child {
        text-align: start;
      }
      tfoot th,
      tfoot td {
        font-weight: 600;
      }
      .gaps {
        display: grid;
        gap: 8px;
      }
      .gaps > li {
        padding: 10px 12px;
      }
      .gaps ul {
        margin: 4px 0 0;
        padding-inline-start: 20px;
        list-style: disc;
      }
      section {
        display: grid;
        gap: 8px;
      }
      @media (max-width: 600px) {
        .north {
          grid-row: auto;
        }
        .north .value {
          font-size: 34px;
        }
      }
    `,
  ];

  #charts: uPlot[] = [];
  #drawn?: Metrics;
  #resize = new ResizeObserver(() => this.#fit());
  #scheme = matchMedia('(prefers-color-scheme: dark)');
  #redraw = () => this.#draw();
  // The canvas takes its colours when drawn: a change of the workbench's theme or the system's draws again.
  #theme = new MutationObserver(this.#redraw);

  protected override watch(desk: Desk): ReadableAtom<unknown>[] {
    return [desk.metrics.$metrics];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#scheme.addEventListener('change', this.#redraw);
    const host = (this.getRootNode() as Partial<ShadowRoot>).host;
    if (host) this.#theme.observe(host, { attributeFilter: ['data-theme'] });
    const { loading } = this.desk.metrics.$metrics.get();
    // Opening the screen shows the current figures: what was loaded earlier may be stale.
    if (!loading) void this.desk.metrics.load(undefined, this.locale);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#scheme.removeEventListener('change', this.#redraw);
    this.#theme.disconnect();
    this.#resize.disconnect();
    this.#destroy();
  }

  protected override updated(changed: PropertyValues<this>): void {
    const { data } = this.desk.metrics.$metrics.get();
    if (data !== this.#drawn || changed.has('locale')) this.#draw();
  }

  #destroy() {
    for (const chart of this.#charts) chart.destroy();
    this.#charts = [];
  }

  /** Draws the charts of the loaded figures, in the colours the workbench's theme gives now. */
  #draw() {
    this.#destroy();
    this.#resize.disconnect();
    const data = this.desk.metrics.$metrics.get().data;
    this.#drawn = data;
    if (!data) return;
    const style = getComputedStyle(this);
    const colour = (name: string) => style.getPropertyValue(name).trim();
    const font = `12px ${colour('--_font') || 'sans-serif'}`;
    const dates = new Intl.DateTimeFormat(this.locale, { month: 'numeric', day: 'numeric', timeZone: 'UTC' });
    const xs = data.days.map((d) => dayX(d.day));
    for (const chart of CHARTS) {
      const target = this.renderRoot.querySelector<HTMLElement>(`#plot-${chart.id}`);
      if (!target) continue;
      const axis = {
        stroke: colour('--_muted'),
        font,
        grid: { stroke: colour('--_border'), width: 1 },
        ticks: { stroke: colour('--_border'), width: 1 },
      };
      const plot = new uPlot(
        {
          width: Math.max(200, target.clientWidth),
          height: target.clientHeight || 200,
          legend: { show: false },
          // A day's value as a point too, so that a lone day between empty ones still shows.
          series: [
            {},
            ...chart.lines.map((line) => ({
              label: this.t(line.key),
              stroke: colour(line.colour),
              width: 2,
              points: { show: true, size: 5 },
            })),
          ],
          scales: {
            x: { time: true },
            y: chart.range ? { range: chart.range } : { range: (_u, _min, max) => [0, Math.max(1, max)] },
          },
          tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'UTC'),
          axes: [
            { ...axis, values: (_u, splits) => splits.map((s) => dates.format(new Date(s * 1000))) },
            {
              ...axis,
              size: 48,
              values: (_u, splits) => splits.map((s) => this.#axisValue(chart, s)),
            },
          ],
        },
        [xs, ...chart.lines.map((line) => data.days.map(line.value))] as uPlot.AlignedData,
        target,
      );
      this.#charts.push(plot);
      this.#resize.observe(target);
    }
  }

  #fit() {
    for (const chart of this.#charts) {
      const target = chart.root.parentElement;
      if (target && target.clientWidth && chart.width !== target.clientWidth)
        chart.setSize({ width: target.clientWidth, height: target.clientHeight || 200 });
    }
  }

  #axisValue(chart: Chart, value: number) {
    const number = new Intl.NumberFormat(this.locale, { maximumFractionDigits: 1 }).format(value);
    return chart.unit === 'percent' ? `${number}%` : number;
  }

  // Formatting: a missing figure (nothing to count) reads as "no data", never as 0.

  #number(value: number, digits = 0) {
    return new Intl.NumberFormat(this.locale, { maximumFractionDigits: digits }).format(value);
  }

  #rate(rate: Rate | null | undefined) {
    return rate?.rate == null
      ? this.t('noData')
      : new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate.rate);
  }

  #duration(seconds: number | null) {
    const { t } = this;
    if (seconds == null) return t('noData');
    if (seconds < 60) return t('seconds', { count: Math.round(seconds) });
    if (seconds < 3600) return t('minutes', { count: this.#number(seconds / 60, 1) });
    return t('hours', { count: this.#number(seconds / 3600, 1) });
  }

  #csat(figures: Figures) {
    return figures.csat.average == null ? this.t('noData') : this.#number(figures.csat.average, 2);
  }

  #choose(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    void this.desk.metrics.load({ from: value('from'), to: value('to') }, this.locale);
  }

  #preset(period: MetricsPeriod) {
    void this.desk.metrics.load(period, this.locale);
  }

  #summary(totals: Figures) {
    const { t } = this;
    const rateCard = (key: DeskKey, rate: Rate | null) =>
      html`<div class="card">
        <dt>${t(key)}</dt>
        <dd class="value">${this.#rate(rate)}</dd>
        ${rate ? html`<dd class="muted">${t('rateOf', { count: rate.count, of: rate.of })}</dd>` : nothing}
      </div>`;
    const timeCard = (key: DeskKey, p: { p50: number | null; p90: number | null }) =>
      html`<div class="card">
        <dt>${t(key)}</dt>
        <dd class="value">${this.#duration(p.p50)}</dd>
        <dd class="muted">${t('p90', { value: this.#duration(p.p90) })}</dd>
      </div>`;
    return html`<dl class="summary" part="summary">
      <div class="card north">
        <dt>${t('csat')}</dt>
        <dd class="value">${this.#csat(totals)}</dd>
        <dd class="muted">${t('csatOf')}</dd>
        <dd class="muted">
          ${t('csatResponses', { count: totals.csat.responses, rate: this.#rate(totals.csat.responseRate) })}
        </dd>
        <dd class="muted">${t('metricsConversations', { count: totals.conversations })}</dd>
      </div>
      ${rateCard('botToHuman', totals.botToHuman)} ${rateCard('selfService', totals.selfService)}
      ${rateCard('reopens', totals.reopen)} ${timeCard('firstResponse', totals.firstResponseSeconds)}
      ${timeCard('handlingTime', totals.handlingSeconds)}
    </dl>`;
  }

  #chartFigures() {
    const { t } = this;
    return html`<div class="charts">
      ${CHARTS.map(
        (chart) =>
          html`<figure class="card" part="chart">
            <figcaption>${t(chart.title)}</figcaption>
            <div class="row">
              ${chart.lines.map(
                (line) =>
                  html`<span class="key"
                    ><span class="swatch" style="background: var(${line.colour})"></span>${t(line.key)}</span
                  >`,
              )}
            </div>
            <div
              class="plot"
              id=${`plot-${chart.id}`}
              role="img"
              aria-label=${t('chartAlt', { title: t(chart.title), table: t('perDay') })}
            ></div>
          </figure>`,
      )}
    </div>`;
  }

  #row(figures: Figures) {
    return html`<td>${this.#number(figures.conversations)}</td>
      <td>${this.#csat(figures)}</td>
      <td>${this.#number(figures.csat.responses)}</td>
      <td>${this.#rate(figures.botToHuman)}</td>
      <td>${this.#rate(figures.selfService)}</td>
      <td>${this.#rate(figures.reopen)}</td>
      <td>${this.#duration(figures.firstResponseSeconds.p50)}</td>
      <td>${this.#duration(figures.handlingSeconds.p50)}</td>`;
  }

  #days(data: Metrics) {
    const { t } = this;
    const long = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const columns: DeskKey[] = [
      'metricsConversationsCol',
      'csat',
      'csatResponsesCol',
      'botToHuman',
      'selfService',
      'reopens',
      'firstResponse',
      'handlingTime',
    ];
    // Newest first: the day an admin looks for is usually today or yesterday.
    const days = [...data.days].reverse();
    return html`<div class="scroll" part="days" tabindex="0" role="region" aria-labelledby="days-caption">
      <table>
        <caption id="days-caption">
          ${t('perDay')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('day')}</th>
            ${columns.map((c) => html`<th scope="col">${t(c)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${days.map(
            (d) =>
              html`<tr>
                <th scope="row">${long.format(new Date(dayX(d.day) * 1000))}</th>
                ${this.#row(d)}
              </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">${t('total')}</th>
            ${this.#row(data.totals)}
          </tr>
        </tfoot>
      </table>
    </div>`;
  }

  #gaps(data: Metrics) {
    const { t } = this;
    return html`<section>
      <h2 id="gaps-title">${t('knowledgeGaps')}</h2>
      <p class="muted">${t('gapsHint')}</p>
      ${
        data.knowledgeGaps.length
          ? html`<ol class="gaps list">
              ${data.knowledgeGaps.map(
                (gap) =>
                  html`<li class="card" part="gap">
                    <div class="row">
                      <strong class="pre">${gap.query}</strong>
                      <span class="badge">${t('gapTimes', { count: gap.count })}</span>
                    </div>
                    <div class="muted">
                      ${t('gapCustomers', { count: gap.customers })} · ${t('gapNoArticle', { count: gap.noArticle })} ·
                      ${t('gapHandedOff', { count: gap.handedOff })}
                    </div>
                    <ul aria-label=${t('gapExamples')}>
                      ${gap.examples.map((example) => html`<li class="pre">${example}</li>`)}
                    </ul>
                  </li>`,
              )}
            </ol>`
          : html`<p class="empty">${t('noGaps')}</p>`
      }
      <a class="link" href=${this.desk.metrics.csvUrl('gaps', this.locale)} download>${t('csvGaps')}</a>
    </section>`;
  }

  #articles(data: Metrics) {
    const { t } = this;
    return html`<section>
      <h2 id="articles-title">${t('articleHelpfulness')}</h2>
      ${
        data.articles.length
          ? html`<div class="scroll" tabindex="0" role="region" aria-labelledby="articles-title">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t('article')}</th>
                    <th scope="col">${t('helpfulYes')}</th>
                    <th scope="col">${t('helpfulNo')}</th>
                    <th scope="col">${t('helpfulRate')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${data.articles.map(
                    (a) =>
                      html`<tr>
                        <th scope="row" class="pre">${a.title ?? a.articleId}</th>
                        <td>${this.#number(a.yes)}</td>
                        <td>${this.#number(a.no)}</td>
                        <td>${this.#rate(a.helpful)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="empty">${t('noArticleVotes')}</p>`
      }
    </section>`;
  }

  #status() {
    const { t } = this;
    const { loading, error, loadedAt } = this.desk.metrics.$metrics.get();
    if (error) {
      const message =
        error.code === 'forbidden'
          ? t('metricsForbidden')
          : error.code === 'bad_period'
            ? t('metricsBadPeriod')
            : t('metricsError', { message: error.message });
      return html`<p class="banner" role="alert">${message}</p>`;
    }
    const time = loadedAt
      ? new Intl.DateTimeFormat(this.locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(loadedAt)
      : '';
    return html`<p class="muted" role="status">
      ${loading ? t('loadingDesk') : time ? t('metricsUpdated', { time }) : nothing}
    </p>`;
  }

  protected override render() {
    const { t, desk } = this;
    const { period, data, loading } = desk.metrics.$metrics.get();
    return html`<div class="row">
        <h2 id="metrics-title">${t('metricsTitle')}</h2>
      </div>
      <form @submit=${this.#choose} aria-labelledby="metrics-title">
        <div>
          <label for="from">${t('metricsFrom')}</label>
          <input id="from" name="from" type="date" required .value=${period.from} />
        </div>
        <div>
          <label for="to">${t('metricsTo')}</label>
          <input id="to" name="to" type="date" required .value=${period.to} />
        </div>
        <button class="button primary" type="submit">${t('metricsShow')}</button>
        <div class="chips" role="group" aria-label=${t('metricsPresets')}>
          ${PRESETS.map((days) => {
            const preset = recentDays(days);
            const pressed = preset.from === period.from && preset.to === period.to;
            return html`<button
              class="chip"
              type="button"
              aria-pressed=${pressed ? 'true' : 'false'}
              @click=${() => this.#preset(preset)}
            >
              ${t('lastDays', { count: days })}
            </button>`;
          })}
        </div>
        <button
          class="button"
          type="button"
          part="refresh"
          ?disabled=${loading}
          @click=${() => desk.metrics.load(undefined, this.locale)}
        >
          ${t('metricsRefresh')}
        </button>
        <a class="button" href=${desk.metrics.csvUrl('days', this.locale)} download>${t('csvDays')}</a>
      </form>
      ${this.#status()}
      ${
        data
          ? html`${this.#summary(data.totals)} ${this.#chartFigures()} ${this.#days(data)} ${this.#gaps(data)}
            ${this.#articles(data)}`
          : nothing
      }`;
  }
}
