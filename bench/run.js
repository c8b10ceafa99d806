// `npm run bench`: measures the quality bars of DESIGN.md section 6 (speed, size, delivery under faults) in
// headless Chromium, next to Typebot and deep-chat, and writes BENCHMARKS.md. `--quick` runs each figure once or
// twice, for working on the harness; only a full run is worth committing.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { serverSection } from './server-section.js';
import os from 'node:os';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launch } from '../scripts/chromium.js';
import { QUERIES } from './pages/articles.js';
import { serve } from '../scripts/static-server.js';

const QUICK = process.argv.includes('--quick');
// `--only=b,c` measures those sections and prints them, for working on one figure; BENCHMARKS.md is left alone.
const ONLY = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const RUNS = QUICK ? 1 : 5;
// At 100,000 articles one run of the widget takes seconds of setup; two keep the whole bench near ten minutes.
const RUNS_LARGE = QUICK ? 1 : 2;
const FAULT_MESSAGES = QUICK ? 100 : 500;
// The design's 0–2 s latency, scaled so that 500 messages sent one at a time fit in about a minute.
const FAULT_SCALE = 1 / 20;
const SIZES = [1_000, 10_000, 100_000];
// Plain fuse.js is timed on every n-th typed prefix: it takes ~0.3 s a search at 10,000 articles and seconds at 100,000.
const FUSE_EVERY = { 1_000: 1, 10_000: 2, 100_000: 10 };
const HISTORY = 2_000;
/** A returning customer's conversation on the server, of which the device kept the latest 100. */
const SERVER_HISTORY = 20_000;
const SERVER_WHEELS = 300;
const THROTTLE = 4;
/** The round trip of the link in the cold-open figures: a good mobile or a fixed connection. */
const RTT_MS = 20;
// How long after the launcher shows the host page keeps being watched: long enough for the idle-time panel preload.
const SETTLE_MS = 2_500;
const BUILD = '.bench';
const started = Date.now();

// ---------------------------------------------------------------------------------------------- numbers

const sorted = (values) => values.filter(Number.isFinite).sort((a, b) => a - b);
const percentile = (values, p) => {
  const s = sorted(values);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const median = (values) => percentile(values, 50);
/** Median, min and max of the runs' values. */
const stat = (values) => {
  const s = sorted(values);
  return { median: median(s), min: s[0] ?? NaN, max: s.at(-1) ?? NaN, runs: s.length };
};
const round = (n, digits) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const digitsFor = (n) => (Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2);
/** `12.3 ms (10.1–15.0)`: the median with the range of the runs, or the one value of a single run. */
const show = (s, unit = 'ms', digits) => {
  const d = digits ?? digitsFor(s.median);
  const range = s.runs > 1 ? ` (${round(s.min, d)}–${round(s.max, d)})` : '';
  return `${round(s.median, d)}${unit ? ` ${unit}` : ''}${range}`;
};
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes) => bytes / 2 ** 20;
const ratio = (ours, theirs) => (ours > 0 && Number.isFinite(theirs) ? `${(theirs / ours).toFixed(1)}×` : '–');
const mark = (ok) => (ok ? '✔' : '✘');

// ---------------------------------------------------------------------------------------------- browser

/**
 * The bench pages import the sources and the build, so they are bundled first, as an app's bundler would. The
 * app that only calls `init` is bundled on its own, so that it shares no chunk with the heavier pages.
 */
const buildPages = () =>
  Promise.all(
    [
      [['bench/pages/widget.js', 'bench/pages/search.js', 'bench/pages/faults.js'], BUILD],
      [['bench/pages/init.js'], `${BUILD}/init`],
    ].map(([entryPoints, outdir]) =>
      build({
        entryPoints,
        outdir,
        bundle: true,
        splitting: true,
        format: 'esm',
        minify: true,
        platform: 'browser',
        conditions: ['production'],
        define: { 'process.env.NODE_ENV': '"production"' },
        logLevel: 'error',
      }),
    ),
  );

const errors = [];
let browser;
let origin;

/** A fresh page (own context, so no cache or storage is shared between runs) with a CDP session. */
const openPage = async ({ throttle = 1 } = {}) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (throttle !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.goto(`${origin}/bench/pages/host.html`);
  const close = () => context.close();
  return { page, cdp, close };
};

/** JS heap in use and live DOM nodes, after a full garbage collection. */
const metrics = async (cdp) => {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const get = (name) => list.find((m) => m.name === name)?.value ?? NaN;
  return { heap: get('JSHeapUsedSize'), nodes: get('Nodes') };
};

const withPage = async (options, run) => {
  const handle = await openPage(options);
  try {
    return await run(handle);
  } finally {
    await handle.close();
  }
};

const repeat = async (times, run) => {
  const results = [];
  for (let i = 0; i < times; i++) results.push(await run(i));
  return results;
};

const collect = (results, key) => results.map((r) => r[key]);

// ---------------------------------------------------------------------------------------------- (a) sizes

const compressed = (file) => {
  const code = readFileSync(file);
  return {
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};

const PEER_FILES = {
  typebot: 'node_modules/@typebot.io/js/dist/web.js',
  deepChat: 'node_modules/deep-chat/dist/deepChat.bundle.js',
};
const PEER_VERSIONS = {
  typebot: JSON.parse(readFileSync('node_modules/@typebot.io/js/package.json', 'utf8')).version,
  deepChat: JSON.parse(readFileSync('node_modules/deep-chat/package.json', 'utf8')).version,
};

const measureSizes = () => {
  // scripts/size.js is the gate's own measurement; its exit code only says whether a budget failed.
  let output;
  try {
    output = execFileSync('node', ['scripts/size.js'], { encoding: 'utf8' });
  } catch (error) {
    output = error.stdout;
  }
  const ours = [
    ...output.matchAll(
      /^(.) (.+?): ([\d.]+) KB gzip, ([\d.]+) KB brotli(?: \(limit [\d.]+ KB(?:, bar ([\d.]+) KB (?:met|NOT met))?\))?$/gm,
    ),
  ].map(([, , name, gzip, brotli, budget]) => ({
    name,
    gzip: Number(gzip) * 1024,
    brotli: Number(brotli) * 1024,
    budget: budget && Number(budget) * 1024,
  }));
  return { ours, peers: Object.fromEntries(Object.entries(PEER_FILES).map(([k, f]) => [k, compressed(f)])) };
};

// ---------------------------------------------------------------------------------------------- (b) init

/**
 * Each widget as its own docs embed it. `insert` runs in the page right after the `inject` mark; `visible`
 * selects what counts as shown (the launcher, or for deep-chat, which has none, its input); `file` is the
 * script whose arrival starts its execution.
 */
const WIDGETS = {
  ours: {
    name: 'Service Hall (script tag)',
    file: '/dist/service-hall.iife.js',
    visible: '[part~="launcher"]',
    insert: () => {
      window.ServiceHall =
        window.ServiceHall ||
        function () {
          (window.ServiceHall.q = window.ServiceHall.q || []).push(arguments);
        };
      // An unreachable backend, like the peers': the launcher path must not wait for any network.
      window.ServiceHall('init', { locale: 'en', endpoint: 'http://127.0.0.1:1/api/' });
      const script = document.createElement('script');
      script.async = true;
      script.src = '/dist/service-hall.iife.js';
      // A classic script's load event follows its execution: it splits our figure into running and painting.
      script.onload = () => performance.mark('ran');
      document.head.append(script);
    },
  },
  oursModule: {
    name: 'Service Hall (ES module, an app that calls init)',
    file: `/${BUILD}/init/init.js`,
    visible: '[part~="launcher"]',
    insert: () => {
      const script = document.createElement('script');
      script.type = 'module';
      script.src = '/.bench/init/init.js';
      // A module script's load event, too, follows its execution.
      script.onload = () => performance.mark('ran');
      document.head.append(script);
    },
  },
  typebot: {
    name: `Typebot bubble ${PEER_VERSIONS.typebot}`,
    file: '/node_modules/@typebot.io/js/dist/web.js',
    visible: 'button[part="button"]',
    insert: () => {
      const script = document.createElement('script');
      script.type = 'module';
      script.textContent = `import Typebot from '/node_modules/@typebot.io/js/dist/web.js';
        Typebot.initBubble({ typebot: 'x', apiHost: 'http://127.0.0.1:1' });`;
      document.head.append(script);
    },
  },
  deepChat: {
    name: `deep-chat ${PEER_VERSIONS.deepChat}`,
    file: '/node_modules/deep-chat/dist/deepChat.bundle.js',
    visible: '#text-input',
    insert: () => {
      const script = document.createElement('script');
      script.type = 'module';
      script.textContent = `import '/node_modules/deep-chat/dist/deepChat.bundle.js';
        const chat = document.createElement('deep-chat');
        chat.demo = true;
        document.body.append(chat);`;
      document.head.append(script);
    },
  },
};

const initRun = (widget, throttle) =>
  withPage({ throttle }, async ({ page, cdp }) => {
    const before = await metrics(cdp);
    await page.evaluate(`performance.mark('inject'); (${widget.insert})()`);
    const shown = await page.evaluate(
      async ({ visible, file }) => {
        const painted = await window.probe.paintedWhen(() => window.probe.deepVisible(visible));
        const inject = performance.getEntriesByName('inject')[0].startTime;
        const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith(file));
        const ran = performance.getEntriesByName('ran')[0]?.startTime;
        return {
          inject,
          fromInsert: painted - inject,
          fromScript: painted - script.responseEnd,
          running: ran === undefined ? NaN : ran - script.responseEnd,
        };
      },
      { visible: widget.visible, file: widget.file },
    );
    await page.waitForTimeout(SETTLE_MS);
    const after = await metrics(cdp);
    const tasks = await page.evaluate((from) => window.probe.longTasksIn(from), shown.inject);
    return {
      ...shown,
      longTasks: tasks.count,
      tbt: tasks.tbt,
      heap: mb(after.heap - before.heap),
      nodes: after.nodes - before.nodes,
    };
  });

const measureInit = async () => {
  const out = {};
  for (const throttle of [1, THROTTLE]) {
    for (const [key, widget] of Object.entries(WIDGETS)) {
      const runs = await repeat(RUNS, () => initRun(widget, throttle));
      out[`${key}@${throttle}`] = Object.fromEntries(
        ['fromInsert', 'fromScript', 'running', 'longTasks', 'tbt', 'heap', 'nodes'].map((k) => [
          k,
          stat(collect(runs, k)),
        ]),
      );
    }
  }
  return out;
};

// ---------------------------------------------------------------------------------------------- (c) open

/** Loads our widget into the page: the ES-module bench bundle or the script-tag file. */
const loadOurs = async (page, build) => {
  if (build === 'esm') await page.addScriptTag({ type: 'module', url: `/${BUILD}/widget.js` });
  else await page.addScriptTag({ url: '/dist/service-hall.iife.js' });
};

const openRun = (build, cold, rtt = 0) =>
  withPage({}, async ({ page, cdp }) => {
    if (rtt) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: rtt,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
    }
    await loadOurs(page, build);
    return page.evaluate(async (cold) => {
      const { probe } = window;
      const api = window.bench ?? window.ServiceHall;
      const handle = api.init({ adapter: api.createMemoryAdapter({ latency: 0 }), locale: 'en' });
      if (!cold) {
        // The real case: the panel and the first screen were fetched while the page was idle.
        while (handle.element.session?.$hall.get().status !== 'ready') await probe.sleep(10);
        await probe.sleep(200);
      }
      const start = performance.now();
      void handle.open();
      const painting = probe.paintedWhen(() => probe.deepVisible('[part~="order-card"]'));
      const rendered = await probe.rendered(handle.element);
      const painted = await painting;
      return { ms: painted - start, renderedMs: rendered - start, longTasks: probe.longTasksIn(start).count };
    }, cold);
  });

const typebotOpenRun = () =>
  withPage({}, async ({ page }) => {
    await page.evaluate(`(${WIDGETS.typebot.insert})()`);
    return page.evaluate(async () => {
      const { probe } = window;
      await probe.paintedWhen(() => probe.deepVisible('button[part="button"]'));
      await probe.sleep(1000);
      const start = performance.now();
      window.Typebot.open();
      const painted = await probe.paintedWhen(() => probe.deepVisible('[part="bot"]'));
      return { ms: painted - start, longTasks: probe.longTasksIn(start).count };
    });
  });

const measureOpen = async () => {
  const out = {};
  for (const build of ['esm', 'iife']) {
    for (const [name, cold, rtt] of [
      ['idle', false, 0],
      ['cold', true, 0],
      ['cold-rtt', true, RTT_MS],
    ]) {
      const runs = await repeat(RUNS, () => openRun(build, cold, rtt));
      out[`${build}-${name}`] = {
        ms: stat(collect(runs, 'ms')),
        renderedMs: stat(collect(runs, 'renderedMs')),
        longTasks: stat(collect(runs, 'longTasks')),
      };
    }
  }
  const runs = await repeat(RUNS, typebotOpenRun);
  out.typebot = { ms: stat(collect(runs, 'ms')), longTasks: stat(collect(runs, 'longTasks')) };
  return out;
};

// ---------------------------------------------------------------------------------------------- (d) typing

/** Types the bench queries into the widget's composer, one real key event at a time, timing each suggestion paint. */
const typingRun = (count) =>
  withPage({}, async ({ page }) => {
    await loadOurs(page, 'esm');
    await page.evaluate(async (count) => {
      const { init, createMemoryAdapter, generateArticles } = window.bench;
      const adapter = createMemoryAdapter({ articles: generateArticles(count), latency: 0 });
      window.handle = init({ adapter, locale: 'en', open: true });
      await window.probe.paintedWhen(() => window.probe.deepVisible('[part~="input"]'));
    }, count);
    // The first focus loads the knowledge base and builds the index: a one-off cost, reported on its own.
    const start = await page.evaluate(() => performance.now());
    await page.locator('[part~="input"]').click();
    const ready = await page.evaluate(async (start) => {
      const { probe } = window;
      await window.handle.element.session.ensureKnowledge();
      // The index builds in slices after that; the page is idle again once the last one has run.
      await new Promise((resolve) => requestIdleCallback(resolve));
      const end = await probe.nextPaint();
      const tasks = probe.longTasksIn(start);
      return { ms: end - start, longest: tasks.longest };
    }, start);
    await page.evaluate(() => {
      const field = window.probe.deepVisible('[part~="input"]');
      const root = field.getRootNode();
      window.keys = window.probe.timeKeystrokes(field, root.querySelector('[role="listbox"]'), root.host);
    });
    return { ...(await typeQueries(page)), readyMs: ready.ms, readyLongest: ready.longest };
  });

/**
 * Types the bench queries into the focused field, waiting after each key for its paint; returns the p50 and p95
 * of input → painted (and → rendered, when known) and how many keystrokes showed suggestions.
 */
const typeQueries = async (page) => {
  const latencies = [];
  const rendered = [];
  let withSuggestions = 0;
  for (const query of QUERIES) {
    for (const char of query) {
      await page.keyboard.type(char);
      const entry = await (
        await page.waitForFunction(() => {
          const last = window.keys.at(-1);
          // Quiet for a few frames: any later (debounced or remote) update of the list would have started.
          return last && last.pending === 0 && performance.now() - last.end > 40 && last;
        })
      ).jsonValue();
      latencies.push(entry.end - entry.start);
      rendered.push(entry.rendered - entry.start);
      if (entry.options > 0) withSuggestions++;
    }
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(50);
  }
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    renderedP50: percentile(rendered, 50),
    renderedP95: percentile(rendered, 95),
    keystrokes: latencies.length,
    withSuggestions,
  };
};

/** The harness's own floor: the same typing into a bare textarea on the host page, input → next paint. */
const floorRun = () =>
  withPage({}, async ({ page }) => {
    await page.evaluate(() => {
      const field = document.createElement('textarea');
      document.body.append(field);
      window.keys = window.probe.timeKeystrokes(field);
    });
    await page.locator('textarea').click();
    return typeQueries(page);
  });

/**
 * The index and plain fuse.js side by side on the same articles: build time, heap, and search time per prefix.
 * Plain fuse takes seconds per search at 100,000 articles, so its searches are timed in one run only, and at the
 * larger sizes on a sample of the prefixes.
 */
const searchRun = (count, withFuse) =>
  withPage({}, async ({ page, cdp }) => {
    await page.addScriptTag({ type: 'module', url: `/${BUILD}/search.js` });
    await page.evaluate((count) => window.bench.articles(count), count);
    const m0 = await metrics(cdp);
    const indexMs = await page.evaluate(() => window.bench.buildIndex());
    const m1 = await metrics(cdp);
    const fuseMs = await page.evaluate(() => window.bench.buildFuse());
    const m2 = await metrics(cdp);
    // Repeats average out the timer's 0.1 ms resolution.
    const indexRepeat = count <= 1_000 ? 20 : count <= 10_000 ? 5 : 2;
    const index = await page.evaluate((r) => window.bench.searchTimes('index', r), indexRepeat);
    const fuse = withFuse ? await page.evaluate((e) => window.bench.searchTimes('fuse', 1, e), FUSE_EVERY[count]) : [];
    return {
      indexMs,
      fuseMs,
      indexHeap: mb(m1.heap - m0.heap),
      fuseHeap: mb(m2.heap - m1.heap),
      indexP50: percentile(index, 50),
      indexP95: percentile(index, 95),
      fuseP50: percentile(fuse, 50),
      fuseP95: percentile(fuse, 95),
    };
  });

const measureTyping = async () => {
  const floor = await repeat(RUNS, floorRun);
  const out = { floor: { p50: stat(collect(floor, 'p50')), p95: stat(collect(floor, 'p95')) } };
  for (const count of SIZES) {
    const runs = count >= 100_000 ? RUNS_LARGE : RUNS;
    const typing = await repeat(runs, () => typingRun(count));
    const search = await repeat(runs, (i) => searchRun(count, i === 0));
    out[count] = {
      runs,
      ...Object.fromEntries(
        ['p50', 'p95', 'renderedP50', 'renderedP95', 'keystrokes', 'withSuggestions', 'readyMs', 'readyLongest'].map(
          (k) => [k, stat(collect(typing, k))],
        ),
      ),
      ...Object.fromEntries(
        ['indexMs', 'fuseMs', 'indexHeap', 'fuseHeap', 'indexP50', 'indexP95', 'fuseP50', 'fuseP95'].map((k) => [
          k,
          stat(collect(search, k)),
        ]),
      ),
    };
  }
  return out;
};

// ---------------------------------------------------------------------------------------------- (e) history

/** Puts the mouse over the messages' scroller, wherever the widget puts it, so that the wheel scrolls them. */
const overMessages = async (page) => {
  const box = await page.evaluate(() => {
    let el = window.probe.deepVisible('[part~="message"]');
    while (el && !(el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(el).overflowY)))
      el = el.parentElement ?? el.getRootNode().host;
    const r = el.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  await page.mouse.move(box.x, box.y);
};

const historyRun = () =>
  withPage({}, async ({ page, cdp }) => {
    await loadOurs(page, 'esm');
    await page.evaluate(async (count) => {
      const { init, createMemoryAdapter, createHistoryAdapter } = window.bench;
      const adapter = createHistoryAdapter(createMemoryAdapter({ latency: 0 }), count);
      window.handle = init({ adapter, locale: 'en' });
      const session = await window.handle.element.whenReady();
      while (session.$hall.get().status !== 'ready') await window.probe.sleep(10);
    }, HISTORY);
    const before = await metrics(cdp);
    // The customer's message opens the conversation; its stream then delivers the whole history at once.
    const arrival = await page.evaluate(async (count) => {
      const { probe } = window;
      const session = window.handle.element.session;
      const start = performance.now();
      session.send('hi');
      while (session.$messages.get().length <= count) await probe.sleep(5);
      const end = await probe.nextPaint();
      return { ms: end - start, longTasks: probe.longTasksIn(start) };
    }, HISTORY);
    const loaded = await metrics(cdp);
    const open = await page.evaluate(async () => {
      const { probe } = window;
      const start = performance.now();
      void window.handle.open();
      const painted = await probe.paintedWhen(() => probe.deepVisible('[part~="message"]'));
      await probe.sleep(300);
      return {
        ms: painted - start,
        longTasks: probe.longTasksIn(start),
        rendered: probe.deepAll('[part~="message"]').length,
      };
    });
    const opened = await metrics(cdp);
    // The wheel goes to the scrolling ancestor of the messages, wherever the widget puts it.
    await overMessages(page);
    await page.evaluate(() => {
      window.scrollStart = performance.now();
      window.stopFrames = window.probe.recordFrames();
    });
    for (let i = 0; i < 60; i++) {
      await page.mouse.wheel(0, -300);
      await page.waitForTimeout(40);
    }
    const scroll = await page.evaluate(async () => {
      const { probe } = window;
      await probe.sleep(300);
      const frames = window.stopFrames();
      return {
        frames,
        longTasks: probe.longTasksIn(window.scrollStart),
        rendered: probe.deepAll('[part~="message"]').length,
      };
    });
    const scrolled = await metrics(cdp);
    return {
      arrivalMs: arrival.ms,
      arrivalLongTasks: arrival.longTasks.count,
      arrivalLongest: arrival.longTasks.longest,
      openMs: open.ms,
      openLongTasks: open.longTasks.count,
      openLongest: open.longTasks.longest,
      renderedOpen: open.rendered,
      frameP50: percentile(scroll.frames, 50),
      frameP95: percentile(scroll.frames, 95),
      frameMax: Math.max(...scroll.frames),
      scrollLongTasks: scroll.longTasks.count,
      renderedScrolled: scroll.rendered,
      heapLoaded: mb(loaded.heap - before.heap),
      heapOpen: mb(opened.heap - before.heap),
      nodesOpen: opened.nodes - before.nodes,
      nodesScrolled: scrolled.nodes - before.nodes,
    };
  });

const serverHistoryRun = () =>
  withPage({}, async ({ page, cdp }) => {
    await loadOurs(page, 'esm');
    await page.evaluate(async (count) => {
      const { init, createMemoryAdapter, createHistoryAdapter, keepOnDevice } = window.bench;
      keepOnDevice('bench-returning', count);
      const adapter = createHistoryAdapter(createMemoryAdapter({ latency: 0 }), count);
      const load = adapter.loadMessages;
      window.pages = 0;
      adapter.loadMessages = (request, ctx) => (window.pages++, load(request, ctx));
      window.handle = init({ adapter, locale: 'en', user: { id: 'bench-returning' } });
      const session = await window.handle.element.whenReady();
      while (session.$hall.get().status !== 'ready') await window.probe.sleep(10);
      // The customer writes again: the panel opens on the conversation, its latest 100 messages from the device.
      session.send('Any news?');
      void window.handle.open();
      await window.probe.paintedWhen(() => window.probe.deepVisible('[part~="message"]'));
      await window.probe.sleep(300);
    }, SERVER_HISTORY);
    const before = await metrics(cdp);
    await overMessages(page);
    await page.evaluate(() => {
      window.scrollStart = performance.now();
      window.stopFrames = window.probe.recordFrames();
      // Sampled cheaply, in the list's own shadow root, so that counting does not weigh on the frames it measures.
      const list = window.probe.deepAll('sh-messages')[0].shadowRoot;
      window.rendered = 0;
      window.watchRendered = setInterval(() => {
        window.rendered = Math.max(window.rendered, list.querySelectorAll('[part~="message"]').length);
      }, 100);
    });
    for (let i = 0; i < SERVER_WHEELS; i++) {
      await page.mouse.wheel(0, -300);
      await page.waitForTimeout(40);
    }
    const scroll = await page.evaluate(async () => {
      const { probe } = window;
      await probe.sleep(300);
      clearInterval(window.watchRendered);
      return {
        frames: window.stopFrames(),
        longTasks: probe.longTasksIn(window.scrollStart),
        pages: window.pages,
        held: window.handle.element.session.$messages.get().length,
        rendered: Math.max(window.rendered, probe.deepAll('[part~="message"]').length),
      };
    });
    const scrolled = await metrics(cdp);
    // The rest of the way, as fast as the backend answers: the session's own paging, with the panel open.
    const rest = await page.evaluate(async () => {
      const { probe } = window;
      const session = window.handle.element.session;
      const start = performance.now();
      while (session.$earlier.get() === 'more') await session.loadEarlier();
      const end = await probe.nextPaint();
      await probe.sleep(300);
      return {
        ms: end - start,
        longTasks: probe.longTasksIn(start),
        pages: window.pages,
        held: session.$messages.get().length,
        rendered: probe.deepAll('[part~="message"]').length,
      };
    });
    const all = await metrics(cdp);
    return {
      serverFrameP50: percentile(scroll.frames, 50),
      serverFrameP95: percentile(scroll.frames, 95),
      serverFrameMax: Math.max(...scroll.frames),
      serverScrollLongTasks: scroll.longTasks.count,
      serverScrollPages: scroll.pages,
      serverScrollHeld: scroll.held,
      serverScrollRendered: scroll.rendered,
      serverNodesScrolled: scrolled.nodes - before.nodes,
      serverRestMs: rest.ms,
      serverRestLongTasks: rest.longTasks.count,
      serverRestLongest: rest.longTasks.longest,
      serverPages: rest.pages,
      serverHeld: rest.held,
      serverRendered: rest.rendered,
      serverHeapAll: mb(all.heap - before.heap),
    };
  });

const measureHistory = async () => {
  const runs = await repeat(RUNS, async () => ({ ...(await historyRun()), ...(await serverHistoryRun()) }));
  return Object.fromEntries(Object.keys(runs[0]).map((k) => [k, stat(collect(runs, k))]));
};

// ---------------------------------------------------------------------------------------------- (f) faults

const measureFaults = () =>
  withPage({}, async ({ page }) => {
    await page.addScriptTag({ type: 'module', url: `/${BUILD}/faults.js` });
    const result = await page.evaluate(({ messages, scale }) => window.bench.run({ messages, scale }), {
      messages: FAULT_MESSAGES,
      scale: FAULT_SCALE,
    });
    const rejections = await page.evaluate(() => window.probe.rejections.length);
    return { ...result, rejections, p50: percentile(result.delays, 50), p95: percentile(result.delays, 95) };
  });

// ---------------------------------------------------------------------------------------------- report

const section = async (name, measure) => {
  if (ONLY && !ONLY.includes(name.slice(1, 2))) return undefined;
  const t = Date.now();
  process.stdout.write(`${name}… `);
  try {
    const value = await measure();
    console.log(`${((Date.now() - t) / 1000).toFixed(0)} s`);
    return value;
  } catch (error) {
    console.log(`failed: ${error.message}`);
    errors.push(`${name}: ${error.message.split('\n')[0]}`);
    // The report is still written, but a harness that could not measure must not pass for a good run.
    process.exitCode = 1;
    return undefined;
  }
};

const table = (head, rows) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

/** Every bar of DESIGN.md section 6 that the bench checks, with its figure and, when it is not met, why. */
const bars = [];
const bar = (what, figure, ok, why) => {
  bars.push({ what, figure, ok, why });
  return mark(ok);
};

const notMeasured = (what) => `_Not measured in this run: ${what} failed (see the errors at the end)._`;
const plain = (s) => show(s, '', 0);

const reportSizes = (sizes) => {
  if (!sizes) return notMeasured('the size measurement');
  // The peers' single files hold their whole widgets: they compare with everything our script tag can load.
  const iife = sizes.ours.find((r) => r.name.startsWith('Script tag, everything it can ever load'));
  const rows = sizes.ours.map((r) => [
    r.name,
    kb(r.gzip),
    kb(r.brotli),
    r.budget ? `≤ ${kb(r.budget)}` : 'reported',
    r.budget
      ? bar(
          `Size (${r.name}) ≤ ${kb(r.budget)} gzip`,
          kb(r.gzip),
          r.gzip <= r.budget,
          r.name.includes('hall shows')
            ? 'the other screens and fuse.js already come after the hall; what is left before it is the loader, ' +
                'Lit, the session state, the hall and the composer (the panel chunk), a chunk the panel shares with ' +
                'the adapters, one language and the adapter'
            : r.name.includes('ever load')
              ? 'everything together: Lit, the session, every screen, rich text, fuse.js and its index, the HTTP ' +
                'client and three languages; split into chunks, it compresses about 2 KB worse than as one file'
              : 'see scripts/size.js for what this entry includes',
        )
      : '',
  ]);
  for (const [key, size] of Object.entries(sizes.peers)) {
    rows.push([
      `${WIDGETS[key].name}: \`${PEER_FILES[key].replace('node_modules/', '')}\` (${kb(size.raw)} minified)`,
      kb(size.gzip),
      kb(size.brotli),
      iife ? `${ratio(iife.gzip, size.gzip)} our script tag` : '',
      '',
    ]);
  }
  return table(['what', 'gzip', 'brotli', 'bar (gzip)', ''], rows);
};

const reportInit = (init) => {
  if (!init) return notMeasured('the init measurement');
  const keys = Object.keys(WIDGETS);
  const blocks = [];
  for (const throttle of [1, THROTTLE]) {
    const at = (w) => init[`${w}@${throttle}`];
    const ours = at('ours');
    const speed = throttle === 1 ? 'normal speed' : `${throttle}× CPU throttling`;
    // The bars are the script tag's, at each speed (DESIGN section 6 and the loader's issue).
    const row = (label, key, format, check) => [
      label,
      ...keys.map((w) => (Number.isFinite(at(w)[key].median) ? format(at(w)[key]) : 'n/a')),
      check ? check.bar : 'reported',
      check ? bar(`${check.what} (${speed})`, format(ours[key]), check.ok(ours[key]), check.why) : '',
      ['typebot', 'deepChat'].map((w) => ratio(ours[key].median, at(w)[key].median)).join(' / '),
    ];
    const visibleBar = throttle === 1 ? 20 : 60;
    const deepChatTbt = at('deepChat').tbt;
    const rows = [
      row('long tasks from insertion to 2.5 s after', 'longTasks', plain, {
        bar: '0',
        what: 'Host-page long tasks caused by init: 0 in every run',
        ok: (s) => s.max === 0,
        why:
          `the longest init task runs past 50 ms on this machine in some runs: at ${speed} the loader's parse, ` +
          'compile and first render take one task, and each chunk of the idle-time panel preload another',
      }),
      row(
        'total blocking time',
        'tbt',
        (s) => show(s),
        throttle === 1
          ? undefined
          : {
              bar: `≤ deep-chat's (${show(deepChatTbt)})`,
              what: "Total blocking time ≤ deep-chat's",
              ok: (s) => s.median <= deepChatTbt.median,
              why: `the long tasks above, ${show(ours.tbt)} beyond their first 50 ms`,
            },
      ),
      row('launcher visible after the script arrives', 'fromScript', (s) => show(s), {
        bar: `≤ ${visibleBar} ms`,
        what: `Launcher visible ≤ ${visibleBar} ms after the script arrives`,
        ok: (s) => s.median <= visibleBar,
        why:
          `of the ${show(ours.fromScript)} from the script's arrival to the painted launcher, ` +
          `${show(ours.running)} is the loader itself (parse, compile and run) and the rest is waiting for and ` +
          'producing the next frame',
      }),
      row('… of which the script runs (arrival → executed)', 'running', (s) => show(s)),
      row('launcher visible after the script tag is inserted', 'fromInsert', (s) => show(s)),
      row('JS heap added (after GC)', 'heap', (s) => show(s, 'MB', 2)),
      row('DOM nodes added', 'nodes', plain),
    ];
    blocks.push(
      `**${throttle === 1 ? 'Normal speed' : `${throttle}× CPU throttling`}**\n\n` +
        table(['figure', ...keys.map((w) => WIDGETS[w].name), 'bar', '', 'Typebot / deep-chat ÷ ours'], rows),
    );
  }
  return blocks.join('\n\n');
};

const reportOpen = (open) => {
  if (!open) return notMeasured('the open measurement');
  const rendering = (s) =>
    `the panel, the hall and the composer finish rendering ${show(s.renderedMs)} after open() (their first ` +
    'Lit updates, in the task that called it), and the wait for the next frame, the style, layout and paint of ' +
    `the new shadow trees take the remaining ${round(s.ms.median - s.renderedMs.median, 0)} ms`;
  // `limit`: the bar in ms, with why it is missed; preloaded rows show the render part, which cold ones do not
  // have on its own (open() first waits for the panel's session there).
  const row = (label, s, limit, why, preloaded = false) => [
    label,
    show(s.ms),
    preloaded ? show(s.renderedMs) : '',
    plain(s.longTasks),
    limit ? `≤ ${limit} ms` : 'reported',
    limit ? bar(`Open → hall painted ≤ ${limit} ms (${label})`, show(s.ms), s.ms.median <= limit, why(s)) : '',
  ];
  const cold = () =>
    'before the hall can render, the panel, the language and the sample backend (which builds its sample data ' +
    `and bot) are fetched and run: ${show(open['iife-cold'].ms)} of it with no latency at all; the ${RTT_MS} ms ` +
    'link adds the rest, as the language is fetched once the panel has run, and the backend once the session ' +
    'has started';
  return table(
    ['open → painted', 'time', 'of which: rendered (DOM complete)', 'long tasks', 'bar', ''],
    [
      row('ES module, panel preloaded at idle (the usual case)', open['esm-idle'], 50, rendering, true),
      row('script tag, panel preloaded at idle', open['iife-idle'], 50, rendering, true),
      row('ES module, cold: panel chunk not loaded yet', open['esm-cold']),
      row('script tag, cold: panel and sample backend not loaded yet', open['iife-cold']),
      row(`ES module, cold, on a ${RTT_MS} ms RTT link`, open['esm-cold-rtt']),
      row(`script tag, cold, on a ${RTT_MS} ms RTT link`, open['iife-cold-rtt'], 150, cold),
      row(`${WIDGETS.typebot.name}: its empty window shown (content needs its backend; not comparable)`, open.typebot),
      [WIDGETS.deepChat.name, 'n/a: an inline element without a launcher, always open', '', '', '', ''],
    ],
  );
};

const runsOf = (n) => `${n} run${n === 1 ? '' : 's'}`;

const reportTyping = (typing) => {
  if (!typing) return notMeasured('the typing measurement');
  const { floor } = typing;
  const sizes = SIZES.filter((n) => typing[n]);
  const t = (n) => typing[n];
  const cells = (format) => sizes.map((n) => format(t(n)));
  const pair = (a, b) => (x) => `${show(x[a], 'ms', 2)} / ${show(x[b], 'ms', 2)}`;
  const rows = [
    ['keystroke → suggestions painted, p50', ...cells((x) => show(x.p50))],
    ['keystroke → suggestions painted, p95', ...cells((x) => show(x.p95))],
    ['… of which keystroke → list rendered, p50 / p95', ...cells(pair('renderedP50', 'renderedP95'))],
    [
      'keystrokes timed per run / with suggestions shown',
      ...cells((x) => `${plain(x.keystrokes)} / ${plain(x.withSuggestions)}`),
    ],
    ['first focus → index ready in the widget', ...cells((x) => show(x.readyMs))],
    ['… its longest task', ...cells((x) => show(x.readyLongest))],
    ['index build, alone', ...cells((x) => show(x.indexMs))],
    ['index heap', ...cells((x) => show(x.indexHeap, 'MB', 1))],
    ['index search per prefix, p50 / p95', ...cells(pair('indexP50', 'indexP95'))],
    ['plain fuse.js build', ...cells((x) => show(x.fuseMs))],
    ['plain fuse.js heap', ...cells((x) => show(x.fuseHeap, 'MB', 1))],
    ['plain fuse.js search per prefix, p50 / p95 (one run)', ...cells(pair('fuseP50', 'fuseP95'))],
    ['plain fuse.js ÷ index, search p95', ...cells((x) => ratio(x.indexP95.median, x.fuseP95.median))],
  ];
  const lines = [
    table(['', ...sizes.map((n) => `${n.toLocaleString('en')} articles (${runsOf(t(n).runs)})`)], rows),
    '',
    `For reference, the same typing into a bare \`<textarea>\` on the host page (no work at all), timed the same ` +
      `way: p50 ${show(floor.p50)}, p95 ${show(floor.p95)}. That is this harness's floor in headless Chromium: ` +
      'the wait for the next frame and the occasional late frame.',
  ];
  const blocking = sizes.filter((n) => t(n).readyLongest.median > 50);
  if (blocking.length)
    lines.push(
      '',
      `The first focus blocks the page while the widget indexes the knowledge base: ` +
        blocking.map((n) => `${show(t(n).readyLongest)} at ${n.toLocaleString('en')} articles`).join(', ') +
        '.',
    );
  const ten = t(10_000);
  if (ten) {
    lines.push(
      '',
      `Bar: keystroke → suggestions p95 ≤ 16 ms over 10,000 articles: **${show(ten.p95)}** ${bar(
        'Keystroke → suggestions p95 ≤ 16 ms over 10,000 articles',
        show(ten.p95),
        ten.p95.median <= 16,
        `the suggestion list is rendered ${show(ten.renderedP95)} (p95) after the keystroke, its search alone ` +
          `${show(ten.indexP95, 'ms', 2)} p95; the rest is the wait for the next frame and its paint, where a bare ` +
          `textarea timed the same way has a p95 of ${show(floor.p95)}` +
          (floor.p95.median >= 16 ? ', so in headless Chromium the painted p95 cannot reach 16 ms' : ''),
      )}` + (t(100_000) ? `; at 100,000 articles (reported): **${show(t(100_000).p95)}**.` : '.'),
    );
  }
  return lines.join('\n');
};

const reportHistory = (h) => {
  if (!h) return notMeasured('the history measurement');
  const none = (label, s, why) =>
    bar(`${HISTORY.toLocaleString('en')}-message history: no long task ${label}`, plain(s), s.max === 0, why);
  const both = (a, b, unit = '') => `${unit ? show(a, unit) : plain(a)} / ${unit ? show(b, unit) : plain(b)}`;
  const bounded = h.renderedOpen.max < HISTORY / 10 && h.renderedScrolled.max < HISTORY;
  return table(
    ['figure', 'value', 'bar', ''],
    [
      [
        `${HISTORY.toLocaleString('en')} messages arrive, panel closed: until all are in the list`,
        show(h.arrivalMs),
        'reported',
        '',
      ],
      [
        '… long tasks / the longest',
        both(h.arrivalLongTasks, h.arrivalLongest, ''),
        'no long task',
        none(
          'while it arrives',
          h.arrivalLongTasks,
          `each of the ${HISTORY} replayed messages is merged into the list and the stored history is written again, in one task`,
        ),
      ],
      ['open → messages painted', show(h.openMs), 'reported', ''],
      [
        '… long tasks / the longest',
        both(h.openLongTasks, h.openLongest, ''),
        'no long task',
        none(
          'on open',
          h.openLongTasks,
          'the first render of the conversation (its latest page of messages) is one task, its layout the next ' +
            `frame's; in some runs the render alone reaches 50 ms (the longest: ${show(h.openLongest)})`,
        ),
      ],
      [
        'scrolling up, 60 wheel steps: frame p50 / p95 / max',
        `${show(h.frameP50)} / ${show(h.frameP95)} / ${show(h.frameMax)}`,
        'reported',
        '',
      ],
      [
        '… long tasks while scrolling',
        plain(h.scrollLongTasks),
        'no long task',
        none(
          'while scrolling',
          h.scrollLongTasks,
          'in at least one run a task ran past 50 ms while scrolling, the only work then being the page of ' +
            'earlier messages rendered when the list reaches its top',
        ),
      ],
      [
        'message elements rendered after open / after scrolling',
        both(h.renderedOpen, h.renderedScrolled),
        `bounded, ≪ ${HISTORY.toLocaleString('en')}`,
        bar(
          `${HISTORY.toLocaleString('en')}-message history: the DOM bounded`,
          both(h.renderedOpen, h.renderedScrolled),
          bounded,
          'the conversation renders every message instead of a window of the latest ones',
        ),
      ],
      ['DOM nodes added, open / after scrolling', both(h.nodesOpen, h.nodesScrolled), 'reported', ''],
      [
        'JS heap added, history loaded / panel open',
        `${show(h.heapLoaded, 'MB', 1)} / ${show(h.heapOpen, 'MB', 1)}`,
        'reported',
        '',
      ],
      [
        `${SERVER_HISTORY.toLocaleString('en')} on the server, 100 kept: ${SERVER_WHEELS} wheel steps up, frame p50 / p95 / max`,
        `${show(h.serverFrameP50)} / ${show(h.serverFrameP95)} / ${show(h.serverFrameMax)}`,
        'reported',
        '',
      ],
      [
        '… server pages fetched / messages held / message elements rendered at most',
        `${plain(h.serverScrollPages)} / ${plain(h.serverScrollHeld)} / ${plain(h.serverScrollRendered)}`,
        'rendered bounded',
        bar(
          `${SERVER_HISTORY.toLocaleString('en')}-message server history: the DOM bounded while paging`,
          plain(h.serverScrollRendered),
          h.serverScrollRendered.max <= 200 && h.serverScrollPages.min > 0,
          'scrolling up either fetched no page from the server or rendered more than a window of messages',
        ),
      ],
      [
        '… long tasks while scrolling',
        plain(h.serverScrollLongTasks),
        'no long task',
        bar(
          `${SERVER_HISTORY.toLocaleString('en')}-message server history: no long task while scrolling`,
          plain(h.serverScrollLongTasks),
          h.serverScrollLongTasks.max === 0,
          'a page from the server and its render took more than 50 ms in one task',
        ),
      ],
      [
        `… then the rest, page after page to the first message: time / pages in all / long tasks, the longest`,
        `${show(h.serverRestMs)} / ${plain(h.serverPages)} / ${plain(h.serverRestLongTasks)}, ${show(h.serverRestLongest)}`,
        'reported',
        '',
      ],
      [
        '… messages held / message elements rendered / JS heap added',
        `${plain(h.serverHeld)} / ${plain(h.serverRendered)} / ${show(h.serverHeapAll, 'MB', 1)}`,
        'all held, rendered bounded',
        bar(
          `${SERVER_HISTORY.toLocaleString('en')}-message server history: all of it reached, the DOM bounded`,
          plain(h.serverHeld),
          h.serverHeld.min === SERVER_HISTORY + 1 && h.serverRendered.max <= 200,
          'the session did not page back to the first message, or rendered more than a window',
        ),
      ],
    ],
  );
};

const reportFaults = (f) => {
  if (!f) return notMeasured('the delivery measurement');
  const check = (label, value, ok) => bar(`Delivery under faults: ${label}`, String(value), ok, 'see the run above');
  return table(
    ['figure', 'value', 'bar', ''],
    [
      ['messages sent', String(f.messages), '', ''],
      ['lost', String(f.lost), '0', check('no message lost', f.lost, f.lost === 0)],
      [
        'duplicated (stored or shown twice)',
        String(f.duplicated),
        '0',
        check('no message duplicated', f.duplicated, f.duplicated === 0),
      ],
      [
        'stored and shown in the order sent',
        f.inOrder ? 'yes' : 'no',
        'yes',
        check('order kept', f.inOrder ? 'yes' : 'no', f.inOrder),
      ],
      [
        'not confirmed at the end',
        String(f.failedShown),
        '0',
        check('every message confirmed', f.failedShown, f.failedShown === 0),
      ],
      [
        'unhandled rejections',
        String(f.rejections),
        '0',
        check('no unhandled rejection', f.rejections, f.rejections === 0),
      ],
      [
        'delivery delay (sent → confirmed, including the wait behind earlier messages), p50 / p95',
        `${round(f.p50, 0)} ms / ${round(f.p95, 0)} ms`,
        'reported',
        '',
      ],
      ['whole run', `${(f.ms / 1000).toFixed(1)} s`, '', ''],
    ],
  );
};

const machine = (chromium) => {
  const cpus = os.cpus();
  return (
    `${cpus[0].model}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB memory, ` +
    `${os.type()} ${os.release()}, Node ${process.version}, Chromium ${chromium} (headless)`
  );
};

const write = (results, chromium) => {
  const runs = QUICK ? 'one run (`--quick`: not for committing)' : `${RUNS} runs`;
  const sections = [
    reportSizes(results.sizes),
    reportInit(results.init),
    reportOpen(results.open),
    reportTyping(results.typing),
    reportHistory(results.history),
    reportFaults(results.faults),
  ];
  const failed = bars.filter((b) => !b.ok);
  const md = `# Benchmarks

Written by \`npm run bench\` (bench/run.js) on ${new Date().toISOString().slice(0, 10)}: ${machine(chromium)}.
Each figure is the median of ${runs} with the range (min–max) in brackets, unless its row says otherwise. The bars
are those of DESIGN.md section 6. Peers: Typebot \`@typebot.io/js\` ${PEER_VERSIONS.typebot} (bubble) and deep-chat
${PEER_VERSIONS.deepChat}, as their own docs embed them; their backends are unreachable (Typebot) or absent
(deep-chat in demo mode), so what is compared is what happens on the host page before any conversation.
The whole run took ${((Date.now() - started) / 60_000).toFixed(1)} minutes.

## Bars

${table(
  ['bar', 'measured', ''],
  bars.map((b) => [b.what, b.figure, mark(b.ok)]),
)}

${
  failed.length
    ? `Not met:\n\n${failed.map((b) => `- **${b.what}**: ${b.figure}. Why: ${b.why}.`).join('\n')}`
    : 'Every bar is met.'
}

## (a) Size

Gzip level 9 and brotli quality 11, as \`node scripts/size.js\` (the \`npm test\` gate) computes them; the peers'
files are the ones their script-tag embeds load, compressed the same way.

${sections[0]}

## (b) Host-page cost of init

A blank host page; a \`performance.mark\` just before the widget's script tag is inserted (ours: the documented
queue stub and \`init\`, then the script-tag bundle; and an app's module that imports \`init\` from the ES-module
build and calls it, bundled by esbuild with the panel as a lazy chunk). The bars are the script tag's. "Visible" is the first painted frame (requestAnimationFrame,
then a task after the paint) in which the launcher (\`[part~=launcher]\`; Typebot's bubble button; deep-chat, which
has no launcher, its input) has a box. "After the script arrives" counts from the script's \`responseEnd\` in
Resource Timing, where its execution can start. Long tasks (PerformanceObserver \`longtask\`), total blocking time,
and the JS heap (CDP \`Performance.getMetrics\` after \`HeapProfiler.collectGarbage\`) and DOM nodes are taken from
the insertion to ${SETTLE_MS / 1000} s after the launcher shows, which includes our idle-time preload of the panel. Throttling
is CDP \`Emulation.setCPUThrottlingRate\`.

${sections[1]}

## (c) Open → hall painted

The memory adapter with no latency and its sample data; from \`handle.open()\` to the first painted frame with an
order card (\`[part~=order-card]\`) on screen. "Preloaded at idle" opens once the panel and the first screen were
fetched while the page was idle, as they are on a real page; "cold" opens right after \`init\`. "On a ${RTT_MS} ms RTT
link" adds that latency to every request (CDP \`Network.emulateNetworkConditions\`), from the loader's own on.

${sections[2]}

## (d) Keystroke → suggestions

Generated help centres of 1,000, 10,000 and 100,000 zh/en articles (bench/pages/articles.js), served by
\`createMemoryAdapter({ articles, latency: 0 })\`. The composer (\`[part~=input]\`) is focused by a click; then
${results.typing ? Object.values(results.typing)[0].keystrokes.median : 51} characters of five queries are typed as real key
events (Chinese characters as text input), each timed from its \`input\` event to the paint after the suggestion
list last changed. "Rendered" is when the composer's update for that keystroke completed. Below, the index
(\`createSearchIndex\`) and plain fuse.js (\`new Fuse(articles)\` over title, keywords, tags and summary) are timed
alone on every typed prefix, in the same page; plain fuse.js searches are timed in one run, on every
${FUSE_EVERY[10_000] === 1 ? '' : `${FUSE_EVERY[10_000]}nd `}prefix at 10,000 and every ${FUSE_EVERY[100_000]}th at 100,000, as each takes a
large fraction of a second to seconds there. At 100,000 articles: ${runsOf(RUNS_LARGE)}.

${sections[3]}

## (e) A ${HISTORY.toLocaleString('en')}-message history

An adapter (src/test/history.ts) whose first sent message opens a conversation whose stream then replays
${HISTORY.toLocaleString('en')} earlier customer, bot and agent messages in one batch, as a backfill does. It is sent
with the panel closed; then the panel opens on the conversation and the message list is scrolled up with 60 mouse
wheel steps of 300 px, 40 ms apart, recording every frame's duration (requestAnimationFrame deltas). Heap and
DOM nodes are relative to the page with the closed widget, after GC.

Then a returning customer: the device kept the latest 100 of a ${SERVER_HISTORY.toLocaleString('en')}-message
conversation the backend holds whole (the same adapter, with \`loadMessages\` serving pages of 50 at once). The
customer writes again, the panel opens on the conversation, and ${SERVER_WHEELS} wheel steps of 300 px, 40 ms apart,
scroll up through the kept messages into the server's pages; then the session pages the rest of the way to the
first message as fast as the backend answers, with the panel open. Heap is relative to the open panel.

${sections[4]}

## (f) Delivery under faults

${FAULT_MESSAGES} messages, sent in bursts of 20 by a session over the HTTP adapter to msw (the demo's
mockServiceWorker.js) in front of a memory backend, with: 20 % of POSTs failed before the backend and 1 in 8 of
the rest cut after storing (30 % in all); latency 0–${2000 * FAULT_SCALE} ms (the design's 0–2 s scaled by
${FAULT_SCALE}, so that the run takes about a minute); every event stream dropped after 1.5 s; one second offline
(requests fail, streams cut, the browser's offline event); and a reload after a fifth of the messages (the session
destroyed and created again over the same localStorage, which is what a reload leaves; a real reload would also
lose the in-page backend). Lost and duplicated are counted in the backend's own conversation and in what the
widget shows. One run: the delay percentiles are over its ${FAULT_MESSAGES} messages. The outbox sends one message at a
time, in order, so a message's delay includes the wait behind those queued before it in its burst.

${sections[5]}
${errors.length ? `\n## Errors during the run\n\n${[...new Set(errors)].map((e) => `- ${e}`).join('\n')}\n` : ''}`;
  writeFileSync('BENCHMARKS.md', md + serverSection());
  return failed;
};

// ---------------------------------------------------------------------------------------------- main

const server = await serve({
  mounts: { '/': '.', '/mockServiceWorker.js': 'demo/public/mockServiceWorker.js' },
});
origin = server.url;
rmSync(BUILD, { recursive: true, force: true });
try {
  await buildPages();
  browser = await launch();
  const results = {
    sizes: await section('(a) sizes', measureSizes),
    init: await section('(b) init cost', measureInit),
    open: await section('(c) open', measureOpen),
    typing: await section('(d) typing', measureTyping),
    history: await section('(e) history', measureHistory),
    faults: await section('(f) delivery under faults', measureFaults),
  };
  if (ONLY) {
    console.log(JSON.stringify(results, null, 1));
  } else {
    const failed = write(results, browser.version());
    console.log(`\nBENCHMARKS.md written in ${((Date.now() - started) / 60_000).toFixed(1)} min.`);
    for (const b of failed) console.log(`✘ ${b.what}: ${b.figure}`);
    if (errors.length) console.log(`${errors.length} error(s) during the run; see BENCHMARKS.md.`);
  }
} finally {
  await browser?.close();
  await server.close();
  rmSync(BUILD, { recursive: true, force: true });
}
