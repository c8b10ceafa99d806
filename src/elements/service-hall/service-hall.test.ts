import { expect } from '@open-wc/testing';
import { createMemoryAdapter, init, type ServiceHallHandle } from '../../index.js';
import { deepQuery, deepQueryAll, waitFor } from '../../test/dom.js';

const FAST = { latency: 0, timing: { queueStepMs: 10, agentJoinMs: 10, typingMs: 5, botDelayMs: 5 } } as const;

describe('<service-hall> walking skeleton', () => {
  let handle: ServiceHallHandle;
  afterEach(() => {
    handle?.destroy();
    localStorage.clear();
  });

  it('init returns a handle whose element shows a launcher that opens the hall', async () => {
    handle = init({ adapter: createMemoryAdapter(FAST), locale: 'en' });
    const { element } = handle;
    expect(element.isConnected).to.equal(true);
    await element.updateComplete;
    const launcher = deepQuery<HTMLButtonElement>(element, '[part~="launcher"]');
    expect(launcher, 'launcher').to.exist;
    expect(launcher!.getAttribute('aria-expanded')).to.equal('false');

    launcher!.click();
    const panel = await waitFor(() => deepQuery(element, '[part~="panel"]'), 'panel');
    expect(panel.getAttribute('role')).to.equal('dialog');
    const cards = await waitFor(() => {
      const found = deepQueryAll(element, '[part~="order-card"]');
      return found.length ? found : undefined;
    }, 'order cards');
    expect(cards.length).to.be.greaterThan(0);
    expect(deepQuery(element, '[part~="hall"]')!.textContent).to.match(/order/i);
    expect(launcher!.getAttribute('aria-expanded')).to.equal('true');
  });

  it('Escape closes the panel and returns focus to the launcher', async () => {
    handle = init({ adapter: createMemoryAdapter(FAST), locale: 'en' });
    const { element } = handle;
    await element.updateComplete;
    const launcher = deepQuery<HTMLButtonElement>(element, '[part~="launcher"]')!;
    launcher.focus();
    await handle.open();
    const panel = await waitFor(() => deepQuery(element, '[part~="panel"]'), 'panel');
    const closed = new Promise((resolve) => handle.on('close', resolve));
    panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await closed;
    await element.updateComplete;
    expect(deepQuery(element, '[part~="panel"]')).to.equal(undefined);
    await waitFor(() => element.shadowRoot!.activeElement === launcher, 'focus back on the launcher');
  });

  it('emits typed events through on() and as sh-* DOM events', async () => {
    handle = init({ adapter: createMemoryAdapter(FAST), locale: 'en' });
    const seen: string[] = [];
    handle.on('open', () => seen.push('on:open'));
    document.addEventListener('sh-open', (e) => seen.push(`dom:${e.type}:${e.composed}`), { once: true });
    const ready = new Promise((resolve) => handle.on('ready', resolve));
    await handle.open();
    await ready;
    expect(seen).to.include('on:open');
    expect(seen).to.include('dom:sh-open:true');
  });

  it('follows the locale: zh-CN by default, en on request', async () => {
    handle = init({ adapter: createMemoryAdapter(FAST), locale: 'zh-CN' });
    await handle.element.updateComplete;
    expect(deepQuery(handle.element, '[part~="launcher"]')!.getAttribute('aria-label')).to.equal('客服');
    await handle.setLocale('en');
    await handle.element.updateComplete;
    expect(deepQuery(handle.element, '[part~="launcher"]')!.getAttribute('aria-label')).to.equal('Help');
  });

  it('destroy removes the element', async () => {
    handle = init({ adapter: createMemoryAdapter(FAST) });
    await handle.open();
    handle.destroy();
    expect(document.querySelector('service-hall')).to.equal(null);
  });
});
