// In-page instruments shared by every bench page. A classic script that loads before anything it measures,
// so that the long-task observer and the marks see the whole life of the widget under test.

const longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: 'longtask', buffered: true });

const rejections = [];
addEventListener('unhandledrejection', (event) => rejections.push(String(event.reason?.stack ?? event.reason)));

/** Every element matching `selector`, through open shadow roots. */
const deepAll = (selector, root = document, out = []) => {
  for (const el of root.querySelectorAll('*')) {
    if (el.matches(selector)) out.push(el);
    if (el.shadowRoot) deepAll(selector, el.shadowRoot, out);
  }
  return out;
};
const hasBox = (el) => {
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
};
/** The first element matching `selector` (through shadow roots) that has a non-empty box. */
const deepVisible = (selector) => deepAll(selector).find(hasBox) ?? null;

// A message posted from a requestAnimationFrame callback is handled after that frame has been painted.
const afterPaint = (resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve(performance.now());
  channel.port2.postMessage(0);
};

/** Resolves with the time just after the paint of the first frame in which `test()` holds. */
const paintedWhen = (test, timeoutMs = 30_000) =>
  new Promise((resolve, reject) => {
    const start = performance.now();
    const tick = () => {
      if (test()) return afterPaint(resolve);
      if (performance.now() - start > timeoutMs) return reject(new Error(`not painted within ${timeoutMs} ms`));
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });

/** Resolves with the time just after the next frame is painted. */
const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => afterPaint(resolve)));

/** Long tasks that started in `[from, to]` and their total blocking time (the part of each beyond 50 ms). */
const longTasksIn = (from, to = Infinity) => {
  const tasks = longTasks.filter((t) => t.start >= from && t.start <= to);
  return {
    count: tasks.length,
    tbt: tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
    longest: Math.max(0, ...tasks.map((t) => t.duration)),
  };
};

/** Collects frame durations (deltas between animation frames) until `stop()` is called. */
const recordFrames = () => {
  const frames = [];
  let last;
  let running = true;
  const tick = (now) => {
    if (last !== undefined) frames.push(now - last);
    last = now;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return () => {
    running = false;
    return frames;
  };
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves with the time when `root` and every Lit element under it have finished updating (the DOM is complete,
 * not yet painted). Elements created by an update are awaited in the next round.
 */
const rendered = async (root) => {
  for (;;) {
    const pending = [root, ...deepAll('*', root.shadowRoot ?? root)].filter((el) => el.isUpdatePending);
    if (!pending.length) return performance.now();
    await Promise.all(pending.map((el) => el.updateComplete));
  }
};

/**
 * Times each keystroke into `field` from its input event to the paint after `list` (default: the field's own
 * container) last changed for it; `component` is the Lit element whose update the keystroke starts, if any.
 */
const timeKeystrokes = (field, list = field.parentNode, component) => {
  const keys = [];
  const settle = (entry) => {
    entry.pending++;
    nextPaint().then((t) => {
      entry.end = Math.max(entry.end ?? 0, t);
      entry.options = list.querySelectorAll('[role="option"]').length;
      entry.pending--;
    });
  };
  field.addEventListener('input', (event) => {
    const entry = { start: event.timeStamp, pending: 0 };
    keys.push(entry);
    settle(entry);
    // This listener runs after the component's own, so this is the update that the keystroke asked for.
    if (component) component.updateComplete.then(() => (entry.rendered = performance.now()));
  });
  new MutationObserver(() => keys.length && settle(keys.at(-1))).observe(list, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
  });
  return keys;
};

window.probe = {
  deepAll,
  deepVisible,
  paintedWhen,
  nextPaint,
  longTasksIn,
  recordFrames,
  rendered,
  timeKeystrokes,
  sleep,
  rejections,
};
