// The metrics screen on the scripted desk API (src/test/metrics-backend.ts): what the real server cannot be
// steered into (a month of history, hostile query texts, a refused or broken answer). The journey that moves
// the figures on the real server is in desk.test.ts.
import { expect } from '@open-wc/testing';
import { expectAccessible } from '../test/axe.js';
import { sampleDeskData, scriptedDesk } from '../test/desk-backend.js';
import { deepQuery, deepQueryAll, deepText, waitFor } from '../test/dom.js';
import { miniBrowser, setViewport } from '../test/engine.js';
import { assertInert, hostileCorpus } from '../test/hostile.js';
import { sampleMetrics, withMetrics } from '../test/metrics-backend.js';
import type { Metrics } from '../core/metrics.js';
import type { DeskRootElement } from './desk.js';
import { recentDays } from './metrics-store.js';
import { defineDesk } from './register.js';
import { createDesk } from './store.js';

defineDesk();

let root: DeskRootElement | undefined;
afterEach(async () => {
  root?.desk.dispose();
  root?.remove();
  root = undefined;
  await setViewport({ width: 1280, height: 800 });
});

const today = recentDays(1).to;

/** A workbench on the scripted API with `answer` for `GET metrics`; `calls` lists the metrics requests. */
const mount = async (answer: Metrics | (() => Response), theme: 'light' | 'dark' = 'light', admin = true) => {
  const backend = scriptedDesk(sampleDeskData('en'));
  if (admin) withMetrics(backend, answer);
  const calls: URL[] = [];
  const desk = createDesk({
    fetch: (input, init) => {
      const url = new URL(String(input), location.href);
      if (url.pathname.endsWith('/metrics')) calls.push(url);
      return backend.fetch(input, init);
    },
  });
  root = document.createElement('sh-desk');
  root.desk = desk;
  root.theme = theme;
  root.setAttribute('locale', 'en');
  document.body.append(root);
  await desk.restore();
  await root.updateComplete;
  return { root, desk, calls };
};

const screen = () => deepQuery(root!, 'sh-desk-metrics')?.shadowRoot ?? document.createDocumentFragment();
const navButton = (name: string) =>
  deepQueryAll<HTMLButtonElement>(root!, 'nav button').find((b) => b.textContent!.trim() === name);

/** Opens the screen from the navigation, as an admin would, and waits for its figures. */
const open = async () => {
  const button = await waitFor(() => navButton('Metrics'), 'the Metrics button');
  button.click();
  await waitFor(() => deepQuery(screen(), '[part~="summary"]'), 'the figures', 8000);
};

describe('the metrics screen on a scripted desk API', () => {
  it('shows CSAT large, the figures, three charts, the same numbers as a table, gaps and articles; axe light and dark', async function () {
    this.timeout(40_000);
    for (const theme of ['light', 'dark'] as const) {
      const metrics = sampleMetrics('en', today);
      await mount(metrics, theme);
      await open();
      const summary = deepText(deepQuery(screen(), '[part~="summary"]')!);
      expect(summary).to.include('Satisfaction (CSAT)').and.include(String(metrics.totals.csat.average));
      expect(summary).to.include('Bot to human').and.include('Self-service').and.include('Reopened within 24 h');
      expect(summary).to.include('First response').and.include('Handling time');
      // uPlot draws each chart on a canvas; the chart's name for assistive technology points at the table.
      const charts = deepQueryAll(screen(), '[part~="chart"]');
      expect(charts).to.have.length(3);
      for (const chart of charts) {
        const plot = chart.querySelector('[role="img"]')!;
        expect(plot.getAttribute('aria-label')).to.include('the table “Per day”');
        await waitFor(() => plot.querySelector('canvas'), 'a drawn chart');
      }
      const rows = deepQueryAll(screen(), '[part~="days"] tbody tr');
      expect(rows, 'a row per day').to.have.length(30);
      const last = metrics.days.at(-1)!;
      expect(deepText(rows[0]!), 'newest first').to.include(String(last.conversations));
      expect(deepText(deepQuery(screen(), '[part~="days"] tfoot')!)).to.include(String(metrics.totals.csat.average));
      const gaps = deepQueryAll(screen(), '[part~="gap"]');
      expect(gaps).to.have.length(3);
      expect(deepText(gaps[0]!)).to.include('can i get an invoice').and.include('Can I get an INVOICE');
      expect(deepText(screen())).to.include('Delivery times');
      await expectAccessible(root!, `metrics (${theme})`);
      root!.desk.dispose();
      root!.remove();
    }
  });

  it('a period, a shortcut and refresh ask the server again; a reversed period is an error without a request', async () => {
    const { calls } = await mount(sampleMetrics('en', today));
    await open();
    expect(calls).to.have.length(1);
    expect(calls[0]!.searchParams.get('from')).to.equal(recentDays(30).from);
    expect(calls[0]!.searchParams.get('to')).to.equal(today);
    expect(calls[0]!.searchParams.get('tz')).to.equal(Intl.DateTimeFormat().resolvedOptions().timeZone);

    const chip = deepQueryAll<HTMLButtonElement>(screen(), '.chip').find((b) => b.textContent!.includes('7 days'))!;
    chip.click();
    await waitFor(() => calls.length === 2, 'the 7-day request');
    expect(calls[1]!.searchParams.get('from')).to.equal(recentDays(7).from);
    await waitFor(() => chip.getAttribute('aria-pressed') === 'true', 'the shortcut pressed');

    const refresh = deepQueryAll<HTMLButtonElement>(screen(), 'button').find(
      (b) => b.textContent!.trim() === 'Refresh',
    )!;
    await waitFor(() => !refresh.disabled, 'the 7 days loaded');
    refresh.click();
    await waitFor(() => calls.length === 3, 'the refresh');
    await waitFor(() => /Updated at/.test(deepText(deepQuery(screen(), '[role="status"]')!)), 'the time');

    const form = deepQuery<HTMLFormElement>(screen(), 'form')!;
    form.querySelector<HTMLInputElement>('#from')!.value = '2026-11-20';
    form.querySelector<HTMLInputElement>('#to')!.value = '2026-11-10';
    form.requestSubmit();
    const alert = await waitFor(() => deepQuery(screen(), '[role="alert"]'), 'the period error');
    expect(deepText(alert)).to.include('start date on or before the end date');
    expect(calls, 'no request for a reversed period').to.have.length(3);
    // The CSV link follows the chosen period and asks the server for CSV.
    form.querySelector<HTMLInputElement>('#to')!.value = '2026-11-30';
    form.requestSubmit();
    await waitFor(() => calls.length === 4, 'the corrected request');
    const csv = new URL(
      deepQueryAll<HTMLAnchorElement>(screen(), 'a[download]').find((a) => a.textContent!.includes('CSV'))!.href,
    );
    expect(csv.pathname).to.match(/\/api\/desk\/metrics$/);
    expect(Object.fromEntries(csv.searchParams)).to.include({
      from: '2026-11-20',
      to: '2026-11-30',
      format: 'csv',
      table: 'days',
    });
    // Switching the workbench to dark draws the charts again, in the dark theme's colours.
    const canvas = await waitFor(() => deepQuery(screen(), '[part~="chart"] canvas'), 'a chart');
    root!.theme = 'dark';
    await waitFor(() => !canvas.isConnected && deepQuery(screen(), '[part~="chart"] canvas'), 'the charts redrawn');
  });

  it('a non-admin has no Metrics button; a refused or broken answer is an alert, not a broken screen', async () => {
    await mount(sampleMetrics('en', today), 'light', false);
    await waitFor(() => navButton('Search'), 'the navigation');
    expect(navButton('Metrics')).to.equal(undefined);
    root!.desk.dispose();
    root!.remove();

    const refused = () =>
      new Response(JSON.stringify({ error: { code: 'forbidden', message: 'Only an admin' } }), { status: 403 });
    await mount(refused);
    navButton('Metrics')!.click();
    const alert = await waitFor(() => deepQuery(screen(), '[role="alert"]'), 'the refusal', 8000);
    expect(deepText(alert)).to.include('Only admins can see');
    expect(root!.desk.$auth.get(), 'still signed in').to.equal('signed-in');
    root!.desk.dispose();
    root!.remove();

    await mount(() => new Response('<html>proxy error</html>', { status: 502 }));
    navButton('Metrics')!.click();
    const broken = await waitFor(() => deepQuery(screen(), '[role="alert"]'), 'the error', 8000);
    expect(deepText(broken)).to.include('could not be loaded').and.include('HTTP 502');
  });

  it('renders hostile queries, examples and titles as inert text, and fits a phone', async function () {
    this.timeout(20_000);
    const corpus = await hostileCorpus();
    const metrics = sampleMetrics('en', today);
    metrics.knowledgeGaps = corpus.slice(0, 50).map((query, i) => ({
      query,
      count: 50 - i,
      customers: 1,
      noArticle: 1,
      handedOff: 0,
      examples: [corpus[(i + 1) % corpus.length]!, corpus[(i + 2) % corpus.length]!],
      lastAt: query,
    }));
    metrics.articles = corpus.slice(0, 20).map((title, i) => ({
      articleId: `a${i}`,
      title,
      yes: 1,
      no: 1,
      helpful: { count: 1, of: 2, rate: 0.5 },
    }));
    await setViewport({ width: 390, height: 844 });
    await mount(metrics);
    await open();
    await waitFor(() => deepQueryAll(screen(), '[part~="gap"]').length === 50, 'the hostile gaps');
    assertInert(root!);
    expect(deepText(root!)).to.include(corpus[0]!.trim());
    // On a phone the page does not scroll sideways: the wide table scrolls inside its own region. MiniBrowser's
    // window cannot be sized to a phone over WebDriver (engine.ts): the page width is checked in the other engines.
    await waitFor(() => deepQueryAll(screen(), 'canvas').length === 3, 'the charts');
    if (!miniBrowser) expect(document.documentElement.scrollWidth).to.be.at.most(innerWidth + 1);
    const table = deepQuery(screen(), '[part~="days"]')!;
    expect(table.scrollWidth).to.be.greaterThan(table.clientWidth);
    expect(table.tabIndex, 'the table region scrolls from the keyboard').to.equal(0);
  });
});
