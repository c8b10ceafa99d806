// Tests what ships: the built script-tag bundle (dist/service-hall.iife.js) in plain host pages —
// a blank page, a strict Content-Security-Policy with Trusted Types, and hostile host CSS — and what a
// developer builds by following the docs: the README's quickstart page, and the Vite and webpack examples.
import { expect } from '@open-wc/testing';
import { createMemoryAdapter } from '../adapters/memory/index.js';
import { startMockServer } from '../mocks/browser.js';
import { deepQuery, deepQueryAll, waitFor } from '../test/dom.js';

type PageWindow = Window & {
  ServiceHall?: { version: string; init: unknown };
  globalsBefore?: string[];
  cspViolations?: string[];
};

const frames: HTMLIFrameElement[] = [];

const visit = async (src: string) => {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 1024px; height: 768px; border: 0';
  frame.src = src;
  frames.push(frame);
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as PageWindow;
  const root = await waitFor(() => win.document.querySelector('service-hall'), 'the widget element');
  return { win, root };
};

const hallShown = (root: Element) =>
  waitFor(() => deepQueryAll(root, '[part~="order-card"]').length > 0, 'the hall with orders', 8000);

const load = async (page: string) => {
  const loaded = await visit(`/test/pages/${page}`);
  await hallShown(loaded.root);
  return loaded;
};

const ask = async (root: Element, text: string) => {
  const input = await waitFor(() => deepQuery<HTMLTextAreaElement>(root, '[part~="input"]'), 'the composer');
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  const send = deepQuery<HTMLButtonElement>(root, '[part~="send"]')!;
  await waitFor(() => !send.disabled, 'the send button to enable');
  send.click();
  await waitFor(() => deepQueryAll(root, '[part~="message"]').length >= 2, 'the answer', 8000);
};

const thirdPartyOrigins = (win: Window) =>
  win.performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).origin)
    .filter((origin) => origin !== win.location.origin);

describe('the script-tag bundle in host pages', () => {
  afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));

  it('replays the queued init and open on a blank page, adding only the ServiceHall global', async () => {
    const { win, root } = await load('iife.html');
    expect(win.ServiceHall?.version).to.match(/^\d+\.\d+\.\d+/);
    expect(typeof win.ServiceHall?.init).to.equal('function');
    // The stub itself defined `ServiceHall` (and the test's `globalsBefore`) before the bundle ran.
    const added = Object.keys(win).filter((key) => !win.globalsBefore!.includes(key) && key !== 'globalsBefore');
    expect(added).to.deep.equal([]);
    expect(deepQuery(root, '[part~="panel"]')).to.exist;
    // No third-party request: everything came from this page's origin.
    expect(thirdPartyOrigins(win)).to.deep.equal([]);
  });

  it('is harmless when the script is loaded twice: one widget, one global', async () => {
    const { win, root } = await load('twice.html');
    expect(win.document.querySelectorAll('service-hall')).to.have.length(1);
    expect(deepQueryAll(root, '[part~="launcher"]')).to.have.length(1);
    expect(deepQueryAll(root, '[part~="panel"]')).to.have.length(1);
  });

  it('registers <service-hall> as it loads: markup alone, with an endpoint, shows the launcher and opens the hall', async () => {
    // msw in this page answers the iframe's requests too: its worker serves every page of the origin.
    const server = await startMockServer('/api/declarative-page/', createMemoryAdapter({ latency: 0 }));
    try {
      const { win, root } = await visit('/test/pages/declarative.html');
      expect(win.ServiceHall?.version).to.match(/^\d+\.\d+\.\d+/);
      const launcher = await waitFor(() => deepQuery<HTMLButtonElement>(root, '[part~="launcher"]'), 'the launcher');
      expect(deepQuery(root, '[part~="panel"]')).to.equal(undefined);
      launcher.click();
      await hallShown(root);
    } finally {
      server.stop();
    }
  });

  it('works under a strict CSP with Trusted Types, with no violation', async () => {
    const { win, root } = await load('csp.html');
    await ask(root, 'Where is my package?');
    expect(win.cspViolations).to.deep.equal([]);
  });

  it('keeps its look under hostile host CSS', async () => {
    const { win, root } = await load('hostile.html');
    const launcher = deepQuery(root, '[part~="launcher"]')!;
    const panel = deepQuery(root, '[part~="panel"]')!;
    const style = win.getComputedStyle(panel);
    expect(launcher.getBoundingClientRect().width).to.equal(56);
    expect(style.fontSize).to.equal('14px');
    expect(style.fontFamily).not.to.contain('Comic Sans');
    expect(style.color).not.to.equal('rgb(255, 0, 0)');
    expect(panel.getBoundingClientRect().width).to.be.within(370, 390);
  });
});

describe('what a developer builds from the docs', () => {
  afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));

  it("runs the README's quickstart page as written: launcher, hall with the sample orders, an answer", async () => {
    const { win, root } = await visit('/quickstart/');
    const launcher = await waitFor(() => deepQuery<HTMLButtonElement>(root, '[part~="launcher"]'), 'the launcher');
    expect(deepQuery(root, '[part~="panel"]')).to.equal(undefined);
    launcher.click();
    await hallShown(root);
    await ask(root, 'where is my package');
    expect(thirdPartyOrigins(win)).to.deep.equal([]);
  });

  for (const bundler of ['vite', 'webpack']) {
    it(`works in the ${bundler} example app, opened from the app's own button`, async () => {
      const page = `/dist/${bundler}-example/index.html`;
      expect((await fetch(page)).ok, `${page} is missing: \`npm run examples\` builds it`).to.equal(true);
      const { win, root } = await visit(page);
      expect(deepQuery(root, '[part~="launcher"]')).to.equal(undefined);
      win.document.querySelector<HTMLButtonElement>('#help')!.click();
      await hallShown(root);
      expect(thirdPartyOrigins(win)).to.deep.equal([]);
    });
  }
});
