// The script tag's loader (dist/service-hall.iife.js) and its chunks in a host page: where the chunks come
// from, what is fetched when, integrity, and what the customer sees when a chunk cannot load.
import { expect } from '@open-wc/testing';
import { createMemoryAdapter } from '../adapters/memory/index.js';
import { zhTW } from '../i18n/zh-TW.js';
import { startMockServer } from '../mocks/browser.js';
import { deepQuery, deepQueryAll, waitFor } from '../test/dom.js';

type PageWindow = Window & {
  ServiceHall: ((command: string, ...args: unknown[]) => unknown) & { init(options: object): unknown };
  altered?: boolean;
  workers: { url: string; done: boolean }[];
};

const frames: HTMLIFrameElement[] = [];

const visit = async (query: Record<string, string>) => {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 1024px; height: 768px; border: 0';
  frame.src = `/test/pages/loader.html?${new URLSearchParams(query)}`;
  frames.push(frame);
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as PageWindow;
  const root = await waitFor(() => win.document.querySelector('service-hall'), 'the widget element');
  const errors: { error: Error; operation: string }[] = [];
  root.addEventListener('sh-error', (e) => errors.push((e as CustomEvent).detail));
  return { win, root, errors };
};

const hallShown = (root: Element) =>
  waitFor(() => deepQueryAll(root, '[part~="order-card"]').length > 0, 'the hall with orders', 8000);

/** The script-tag files the page fetched, by URL. */
const chunksFetched = (win: Window) =>
  win.performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => /service-hall\.[\w-]+\.js(\?retry=\d)?$/.test(url) && !url.endsWith('service-hall.iife.js'));

/** The chunks that come after the hall: the knowledge search and the screens the hall does not show. */
const LATER = /service-hall\.(search|screens)-/;

/** This test server under its other name: localhost and 127.0.0.1 are two origins. */
const otherOrigin = () =>
  `${location.protocol}//${location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${location.port}`;

describe('the script-tag loader and its chunks', () => {
  afterEach(() => {
    frames.splice(0).forEach((frame) => frame.remove());
    localStorage.clear();
  });

  it('fetches only the language in use, and another one when setLocale asks for it', async () => {
    const { win, root } = await visit({ open: '1' });
    await hallShown(root);
    const fetched = chunksFetched(win);
    expect(fetched.some((url) => /service-hall\.en-/.test(url))).to.equal(true);
    expect(fetched.some((url) => /service-hall\.zh-(CN|TW)-/.test(url))).to.equal(false);
    await win.ServiceHall('setLocale', 'zh-TW');
    expect(chunksFetched(win).some((url) => /service-hall\.zh-TW-/.test(url))).to.equal(true);
    expect(chunksFetched(win).some((url) => /service-hall\.zh-CN-/.test(url))).to.equal(false);
    await waitFor(() => deepQuery(root, '[part~="escalate"]')?.textContent?.includes(zhTW.human), 'the zh-TW panel');
  });

  it('loads nothing but the loader until the launcher is hovered or focused, then the panel', async () => {
    const { win, root } = await visit({});
    const launcher = await waitFor(() => deepQuery<HTMLButtonElement>(root, '[part~="launcher"]'), 'the launcher');
    // The idle-time preload may start any moment: what matters is that intent starts it at once.
    launcher.dispatchEvent(new PointerEvent('pointerenter'));
    await waitFor(() => chunksFetched(win).some((url) => /service-hall\.panel-/.test(url)), 'the panel chunk');
    launcher.click();
    await hallShown(root);
  });

  it("shows the hall without the knowledge search or the other screens; the customer's first move in the composer fetches them", async () => {
    // A backend over HTTP: the sample backend, in the page, would bring the search along for its own answers.
    const server = await startMockServer('/api/loader-later/', createMemoryAdapter({ latency: 0 }));
    try {
      const { win, root } = await visit({ open: '1', idle: 'never', endpoint: '/api/loader-later/' });
      await hallShown(root);
      expect(chunksFetched(win).filter((url) => LATER.test(url))).to.deep.equal([]);
      const field = deepQuery<HTMLTextAreaElement>(root, '[part~="input"]')!;
      field.dispatchEvent(new FocusEvent('focus'));
      field.value = 'refund';
      field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await waitFor(() => deepQueryAll(root, '[part~="suggestion"]').length > 0, 'suggestions', 8000);
      // The screens come along, for the message the customer is about to send (a resource is listed once loaded).
      await waitFor(() => chunksFetched(win).filter((url) => LATER.test(url)).length === 2, 'the screens too');
    } finally {
      server.stop();
    }
  });

  it('fetches the knowledge search and the other screens when the page is idle with the hall shown', async () => {
    const { win, root } = await visit({ open: '1' });
    await hallShown(root);
    await waitFor(() => chunksFetched(win).filter((url) => LATER.test(url)).length === 2, 'the idle-time fetch');
  });

  it('shows a screen whose chunk cannot load as the error with a retry, and the screen once the retry succeeds', async function () {
    this.timeout(20_000);
    const { win, root, errors } = await visit({ open: '1', idle: 'never', assetsUrl: '/quickstart/altered-screens/' });
    await hallShown(root);
    const field = deepQuery<HTMLTextAreaElement>(root, '[part~="input"]')!;
    field.value = 'Where is my package?';
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const send = deepQuery<HTMLButtonElement>(root, '[part~="send"]')!;
    await waitFor(() => !send.disabled, 'the send button to enable');
    send.click();
    await waitFor(
      () => deepQueryAll(root, '[role="status"]').some((s) => s.textContent?.includes('Loading…')),
      'the screen loading',
    );
    const alert = await waitFor(
      () =>
        deepQueryAll(root, '[role="alert"]').find((a) => a.textContent?.includes('We could not load the help centre.')),
      'the error',
      10_000,
    );
    expect(win.altered).to.equal(undefined);
    expect(errors.map((e) => e.operation)).to.deep.equal(['load']);
    // With the chunks from the real host, "Try again" brings the conversation, the message in it.
    win.ServiceHall.init({ assetsUrl: '/dist/' });
    alert.querySelector('button')!.click();
    await waitFor(() => deepQueryAll(root, '[part~="message"]').length >= 1, 'the conversation');
  });

  it('builds the Intl data in a worker when its files are on the page’s origin, and in the page when not', async () => {
    let { win, root } = await visit({ open: '1' });
    await hallShown(root);
    await waitFor(() => win.workers.some((w) => w.done), 'the worker done');
    expect(win.workers.map((w) => /\/dist\/service-hall\.intl-[\w-]+\.js$/.test(w.url))).to.deep.equal([true]);
    // A browser starts no worker from another origin: the amounts are formatted all the same.
    ({ win, root } = await visit({ open: '1', assetsUrl: `${otherOrigin()}/dist/` }));
    await hallShown(root);
    expect(deepQuery(root, '[part~="order-card"] .amount')!.textContent).to.match(/CN¥|¥/);
    expect(win.workers).to.deep.equal([]);
  });

  it('takes its chunks from another origin with assetsUrl', async () => {
    const assetsUrl = `${otherOrigin()}/dist/`;
    const { win, root } = await visit({ open: '1', assetsUrl });
    await hallShown(root);
    const fetched = chunksFetched(win);
    expect(fetched.length).to.be.greaterThan(0);
    expect(fetched.every((url) => url.startsWith(assetsUrl))).to.equal(true);
  });

  it('finds its chunks beside itself when the script comes from another origin, into a sub-path', async () => {
    const base = `${otherOrigin()}/quickstart/`;
    const { win, root } = await visit({ open: '1', script: `${base}service-hall.iife.js` });
    await hallShown(root);
    expect(chunksFetched(win).every((url) => url.startsWith(base))).to.equal(true);
  });

  it('retries a chunk that failed to load', async () => {
    // This host fails the first request for each file (scripts/readme-quickstart.js).
    const assetsUrl = `/quickstart/flaky-${Math.random().toString(36).slice(2)}/`;
    const { win, root, errors } = await visit({ open: '1', assetsUrl });
    await hallShown(root);
    const panel = chunksFetched(win).filter((url) => /service-hall\.panel-/.test(url));
    expect(panel).to.have.length(2);
    expect(errors).to.deep.equal([]);
  });

  it('does not run a chunk whose bytes differ from the build (Subresource Integrity); the launcher keeps working', async function () {
    // Two rounds of three attempts, with the pauses between them.
    this.timeout(30_000);
    // This host adds a line to every file (scripts/readme-quickstart.js).
    const { win, root, errors } = await visit({ open: '1', assetsUrl: '/quickstart/altered/' });
    const alert = await waitFor(() => deepQuery(root, '[role="alert"]'), 'the error', 10_000);
    expect(alert.textContent).to.contain('We could not load the help centre.');
    expect(win.altered).to.equal(undefined);
    expect(errors.map((e) => [e.operation, e.error.name])).to.deep.equal([['load', 'AdapterError']]);
    // The launcher still closes, and opens again: the chunk is tried again, and fails again.
    const launcher = deepQuery<HTMLButtonElement>(root, '[part~="launcher"]')!;
    launcher.click();
    await waitFor(() => launcher.getAttribute('aria-expanded') === 'false', 'closed');
    expect(deepQuery(root, '[role="alert"]')).to.equal(undefined);
    launcher.click();
    await waitFor(() => launcher.getAttribute('aria-expanded') === 'true', 'open again');
    const retry = await waitFor(
      () => deepQueryAll<HTMLButtonElement>(root, '[role="alert"] button').find((b) => b.textContent === 'Try again'),
      'the error again, with its retry button',
      10_000,
    );
    // With the chunks from the real host, "Try again" brings the hall.
    win.ServiceHall.init({ assetsUrl: '/dist/' });
    retry.click();
    await hallShown(root);
  });
});
