// Tests what ships: the built script-tag bundle (dist/service-hall.iife.js) in plain host pages —
// a blank page, a strict Content-Security-Policy with Trusted Types, and hostile host CSS.
import { expect } from '@open-wc/testing';
import { deepQuery, deepQueryAll, waitFor } from '../test/dom.js';

type PageWindow = Window & {
  ServiceHall?: { version: string; init: unknown };
  globalsBefore?: string[];
  cspViolations?: string[];
};

const frames: HTMLIFrameElement[] = [];

const load = async (page: string) => {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 1024px; height: 768px; border: 0';
  frame.src = `/test/pages/${page}`;
  frames.push(frame);
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as PageWindow;
  const root = await waitFor(() => win.document.querySelector('service-hall'), 'the widget element');
  await waitFor(() => deepQueryAll(root, '[part~="order-card"]').length > 0, 'the hall with orders', 8000);
  return { win, root };
};

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
    // No third-party request: everything came from this page's origin (or blob: previews).
    const origins = win.performance.getEntriesByType('resource').map((entry) => new URL(entry.name).origin);
    expect(origins.filter((origin) => origin !== win.location.origin)).to.deep.equal([]);
  });

  it('is harmless when the script is loaded twice: one widget, one global', async () => {
    const { win, root } = await load('twice.html');
    expect(win.document.querySelectorAll('service-hall')).to.have.length(1);
    expect(deepQueryAll(root, '[part~="launcher"]')).to.have.length(1);
    expect(deepQueryAll(root, '[part~="panel"]')).to.have.length(1);
  });

  it('works under a strict CSP with Trusted Types, with no violation', async () => {
    const { win, root } = await load('csp.html');
    const input = await waitFor(() => deepQuery<HTMLTextAreaElement>(root, '[part~="input"]'), 'the composer');
    input.value = 'Where is my package?';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const send = deepQuery<HTMLButtonElement>(root, '[part~="send"]')!;
    await waitFor(() => !send.disabled, 'the send button to enable');
    send.click();
    await waitFor(() => deepQueryAll(root, '[part~="message"]').length >= 2, 'the answer', 8000);
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
