import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { AdapterError } from '../../core/adapter.js';
import type { Order } from '../../core/types.js';
import { createMemoryAdapter, init, type MemoryData, type ServiceHallHandle } from '../../index.js';
import { deepActiveElement } from '../focus.js';
import { deepQuery, deepQueryAll, waitFor } from '../../test/dom.js';
import { chord, itWhen, miniBrowser, setViewport } from '../../test/engine.js';

const FAST = { latency: 0 } as const;
const now = new Date().toISOString();

describe('<sh-hall>, the first screen', () => {
  let handle: ServiceHallHandle | undefined;
  const open = async (data: MemoryData = {}, options: Parameters<typeof init>[0] = {}) => {
    handle = init({ adapter: createMemoryAdapter({ ...FAST, ...data }), locale: 'en', ...options });
    await handle.open();
    return handle.element;
  };
  const cards = (root: Element) => deepQueryAll(root, '[part~="order-card"]');
  const ready = (root: Element) =>
    waitFor(() => deepQuery(root, '[part~="hall"][aria-busy="false"] .greeting'), 'hall');

  afterEach(async () => {
    handle?.destroy();
    handle = undefined;
    localStorage.clear();
    await setViewport({ width: 1024, height: 768 });
  });

  it('shows the greeting, orders with status, amount and date, questions and tiles', async () => {
    const root = await open();
    await ready(root);
    const first = cards(root)[0]!;
    expect(first.textContent).to.match(/Order /);
    expect(first.textContent).to.match(/¥|CN¥/);
    expect(deepQueryAll(root, '[part~="recommendation"]').length).to.be.within(1, 6);
    expect(deepQueryAll(root, '[part~="action-tile"]').length).to.be.at.least(6);
  });

  it('open() moves focus into the dialog, unless the host has put it in a field meanwhile', async () => {
    const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    let root = await open();
    await frames();
    expect(deepActiveElement()?.getAttribute('part')).to.equal('panel');
    handle!.destroy();

    root = await open();
    const field = await waitFor(() => deepQuery<HTMLTextAreaElement>(root, '[part~="input"]'), 'the composer');
    field.focus();
    await frames();
    expect(deepActiveElement() === field, 'focus stays in the field').to.equal(true);
  });

  it('lists an order’s items in each language’s list style, and hosts can restyle it', async () => {
    const items = (...names: string[]) => names.map((name, i) => ({ name, quantity: i === 0 ? 2 : 1 }));
    const orders: Order[] = [
      { id: 'A', status: 'paid', title: 'Three', createdAt: now, items: items('Tea', 'Cups', '{b}') },
      { id: 'B', status: 'paid', title: 'Two', createdAt: now, items: items('Kettle', 'Filter') },
      { id: 'C', status: 'paid', title: 'Lamp', createdAt: now, items: [{ name: 'Lamp', quantity: 1 }] },
    ];
    const itemLine = (root: Element, i: number) => cards(root)[i]!.querySelector('p.muted')!.textContent!.trim();
    let root = await open({ orders });
    await ready(root);
    // A hostile name that looks like a placeholder stays text.
    expect(itemLine(root, 0)).to.equal('Tea ×2, Cups, and {b}');
    expect(itemLine(root, 1)).to.equal('Kettle ×2 and Filter');
    // One item that is the order's title is not said twice: the muted line under it is the meta line.
    expect(cards(root)[2]!.querySelectorAll('p.muted')).to.have.length(1);
    handle!.destroy();

    root = await open({ orders }, { locale: 'zh-CN' });
    await ready(root);
    expect(itemLine(root, 0)).to.equal('Tea ×2、Cups和{b}');
    handle!.destroy();

    root = await open({ orders }, { strings: { listEnd: '{a} & {b}' } });
    await ready(root);
    expect(itemLine(root, 0)).to.equal('Tea ×2, Cups & {b}');
  });

  it('writes an order’s date in each language’s own style, and hosts can restyle it', async () => {
    // Local time, as the customer reads it: 2 December 2026 is a Wednesday.
    const createdAt = new Date(2026, 11, 2, 15, 45).toISOString();
    const orders: Order[] = [{ id: 'A', status: 'paid', title: 'Lamp', createdAt, total: 10 }];
    const date = (root: Element) => cards(root)[0]!.querySelector('.meta span:nth-child(2)')!.textContent;
    for (const [locale, text] of [
      ['en', 'Dec 2, 2026'],
      ['zh-CN', '2026年12月2日'],
      ['zh-TW', '2026年12月2日'],
    ] as const) {
      const root = await open({ orders }, { locale });
      await ready(root);
      expect(date(root)).to.equal(text);
      handle!.destroy();
    }
    const root = await open(
      { orders: [...orders, { ...orders[0]!, id: 'B', createdAt: 'not a date' }] },
      { strings: { dateFull: '{day}/{month}/{year} ({weekday})', weekdays: 'S|M|T|W|T|F|S' } },
    );
    await ready(root);
    expect(date(root)).to.equal('2/12/2026 (W)');
    // An unparsable date from the backend shows nothing rather than "Invalid Date".
    expect(cards(root)[1]!.querySelector('.meta span:nth-child(2)')!.textContent).to.equal('');
  });

  it('puts actions that fit each order’s status on its card', async () => {
    const orders: Order[] = [
      { id: 'S1', status: 'shipped', title: 'Headphones', createdAt: now },
      { id: 'U1', status: 'unpaid', title: 'Kettle', createdAt: now },
    ];
    const root = await open({ orders });
    await ready(root);
    const [shipped, unpaid] = cards(root);
    const labels = (card: Element) => Array.from(card.querySelectorAll('button')).map((b) => b.textContent!.trim());
    expect(labels(shipped!).join('|')).to.match(/track/i);
    expect(labels(unpaid!).join('|')).not.to.match(/track/i);
  });

  it('"Ask about this order" sets the order as the conversation’s context and opens the conversation', async () => {
    const root = await open({ orders: [{ id: 'S1', status: 'shipped', title: 'Headphones', createdAt: now }] });
    await ready(root);
    cards(root)[0]!.querySelector<HTMLButtonElement>('button.primary')!.click();
    expect(root.session!.$conversation.get().orderId).to.equal('S1');
    await waitFor(() => deepQuery(root, 'sh-messages'), 'the conversation screen');
  });

  it('shows critical announcements first, and remembers a dismissal', async () => {
    const announcements = [
      { id: 'a-info', level: 'info' as const, title: 'New returns policy' },
      { id: 'a-crit', level: 'critical' as const, title: 'Payments are down' },
    ];
    const root = await open({ announcements });
    await ready(root);
    const banners = deepQueryAll(root, '[part~="announcement"]');
    expect(banners.map((b) => b.textContent!.trim().slice(0, 17))).to.deep.equal([
      'Payments are down',
      'New returns polic',
    ]);
    expect(banners[0]!.getAttribute('role')).to.equal('alert');
    banners[0]!.querySelector('button')!.click();
    await waitFor(() => deepQueryAll(root, '[part~="announcement"]').length === 1, 'dismissed');
    handle!.destroy();
    const again = await open({ announcements });
    await ready(again);
    expect(deepQueryAll(again, '[part~="announcement"]')).to.have.length(1);
  });

  it('has an empty state for a customer with no orders', async () => {
    const root = await open({ orders: [] });
    await ready(root);
    expect(cards(root)).to.have.length(0);
    expect(deepQuery(root, '[part~="hall"]')!.textContent).to.contain('No orders yet');
  });

  it('shows three of 500 orders, the rest on request', async () => {
    const orders = Array.from({ length: 500 }, (_, i) => ({
      id: `O${i}`,
      status: 'completed',
      title: `Order item ${i}`,
      createdAt: new Date(Date.now() - i * 60_000).toISOString(),
    }));
    const root = await open({ orders });
    await ready(root);
    expect(cards(root)).to.have.length(3);
    deepQuery<HTMLButtonElement>(root, 'button.link')!.click();
    await waitFor(() => cards(root).length === 500, 'all orders');
  });

  it('renders bad order data sensibly: unknown status, missing fields, very long and RTL names', async () => {
    const long = 'Ultra-wide curved gaming monitor with a very long product name '.repeat(6);
    const orders = [
      { id: 'X1', status: 'lost-in-space', title: long, createdAt: 'not a date', total: Number.NaN },
      { id: 'X2', status: 'shipped', title: 'سماعات لاسلكية', createdAt: now, currency: 'NOPE', total: 12 },
    ] as Order[];
    const root = await open({ orders });
    await ready(root);
    const [first, second] = cards(root);
    expect(first!.textContent).to.contain('lost-in-space');
    expect(first!.querySelector('.order-title')!.getAttribute('title')).to.equal(long);
    expect(first!.getBoundingClientRect().width).to.be.below(400);
    expect(second!.textContent).to.contain('12.00 NOPE');
  });

  it('shows a skeleton while loading and an error with retry when loading fails', async () => {
    const adapter = createMemoryAdapter(FAST);
    let fail = true;
    const loadHall = adapter.loadHall;
    adapter.loadHall = async (request, ctx) => {
      await new Promise((r) => setTimeout(r, 50));
      if (fail) throw new AdapterError('server', 'unavailable', 503);
      return loadHall(request, ctx);
    };
    handle = init({ adapter, locale: 'en' });
    await handle.open();
    const root = handle.element;
    await waitFor(() => deepQuery(root, '[part~="hall"] .skeleton'), 'the skeleton');
    const retry = await waitFor(() => deepQuery<HTMLButtonElement>(root, '[part~="hall"] .empty button'), 'the error');
    fail = false;
    retry.click();
    await waitFor(() => cards(root).length > 0, 'orders after retry');
  });

  it('speaks each locale', async () => {
    for (const [locale, heading] of [
      ['zh-CN', '我的订单'],
      ['zh-TW', '我的訂單'],
      ['en', 'Your orders'],
    ] as const) {
      const root = await open({}, { locale });
      await ready(root);
      expect(deepQuery(root, '#orders-title')!.textContent).to.equal(heading);
      handle!.destroy();
    }
    handle = undefined;
  });

  it('keeps keyboard focus inside the panel: Tab from the last control wraps to the first', async () => {
    const root = await open();
    await ready(root);
    const escalate = deepQuery<HTMLButtonElement>(root, '[part~="escalate"]')!;
    escalate.focus();
    await chord(['Shift', 'Tab']);
    const last = deepActiveElement();
    expect(last).not.to.equal(escalate);
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(escalate);
  });

  itWhen(!miniBrowser)('fills the screen on a phone', async () => {
    await setViewport({ width: 375, height: 667 });
    const root = await open();
    const panel = await waitFor(() => deepQuery(root, '[part~="panel"]'), 'panel');
    const box = panel.getBoundingClientRect();
    expect(window.innerWidth).to.equal(375);
    expect(box.width).to.equal(document.documentElement.clientWidth);
    expect(box.left).to.equal(0);
  });

  it('on a phone, keeps the panel inside the visual viewport when the keyboard shrinks it', async () => {
    await setViewport({ width: 375, height: 667 });
    const root = await open();
    const panel = await waitFor(() => deepQuery(root, '[part~="panel"]'), 'panel');
    // An on-screen keyboard leaves less of the visual viewport; a smaller window does the same here.
    await setViewport({ width: 375, height: 420 });
    await waitFor(() => Math.round(panel.getBoundingClientRect().height) === Math.round(visualViewport!.height), 'fit');
    // The panel rises into place; measure where it settles.
    await Promise.all(panel.getAnimations().map((a) => a.finished));
    const composer = deepQuery(root, '[part~="composer"]')!.getBoundingClientRect();
    expect(composer.bottom).to.be.at.most(visualViewport!.height + 1);
  });
});
