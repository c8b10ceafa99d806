import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';
import {
  AdapterError,
  createMemoryAdapter,
  init,
  type Adapter,
  type Message,
  type ServiceHallHandle,
  type StreamSink,
} from '../../index.js';
import { launcherStrings } from '../../i18n/base.js';
import { en } from '../../i18n/en.js';
import { zhCN } from '../../i18n/zh-CN.js';
import { deepQuery, deepQueryAll, waitFor } from '../../test/dom.js';

// Test files run side by side on one origin: a user of their own keeps their stored conversations apart.
const USER = { id: 'test-messages' };

const FAST = { latency: 0, timing: { queueStepMs: 10, agentJoinMs: 10, typingMs: 5, botDelayMs: 5 } } as const;

const messagesOf = (handle: ServiceHallHandle) => deepQuery<LitElement>(handle.element, 'sh-messages')!;
/** Text of an element including the shadow roots inside it, whitespace collapsed. */
const textOf = (el: Node | undefined): string => {
  const walk = (node: Node): string =>
    node.nodeType === Node.TEXT_NODE
      ? node.textContent!
      : [...((node as Element).shadowRoot?.childNodes ?? []), ...node.childNodes].map(walk).join(' ');
  return el ? walk(el).replace(/\s+/g, ' ').trim() : '';
};
const button = (root: Element, text: string) =>
  deepQueryAll<HTMLButtonElement>(root, 'button').find((b) => textOf(b).includes(text));
const live = (handle: ServiceHallHandle) => textOf(messagesOf(handle).shadowRoot!.querySelector('.live')!);

/**
 * A memory adapter whose conversation is scripted: sending opens conversation `c-test`, and subscribing
 * replays `history` and then delivers whatever the test pushes, numbered after `lastSeq`.
 */
const scripted = (history: Message[] = [], lastSeq = history.length) => {
  const memory = createMemoryAdapter(FAST);
  let sink: StreamSink | undefined;
  let seq = lastSeq;
  const adapter: Adapter = {
    ...memory,
    sendMessage: async ({ clientId }) => ({
      conversationId: 'c-test',
      id: `m-${clientId}`,
      clientId,
      seq: ++seq,
      createdAt: new Date().toISOString(),
    }),
    subscribe: (_request, s) => {
      for (const message of history) s.event({ type: 'message', message });
      sink = s;
      return () => (sink = undefined);
    },
  };
  const push = (fields: Partial<Message>) =>
    sink!.event({
      type: 'message',
      message: {
        id: `m${++seq}`,
        seq,
        conversationId: 'c-test',
        role: 'agent',
        text: '',
        createdAt: new Date().toISOString(),
        ...fields,
      } as Message,
    });
  return { adapter, push, connected: () => !!sink };
};

/** `count` messages a minute apart, from `start`; `today` of them at the start of today, a second apart. */
const history = (count: number, start = Date.now() - count * 60_000, today = 0): Message[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `h${i + 1}`,
    seq: i + 1,
    conversationId: 'c-test',
    role: i % 2 ? 'agent' : 'customer',
    author: i % 2 ? { name: 'Mia' } : undefined,
    text: `history message ${i + 1}`,
    createdAt: new Date(
      i < count - today ? start + i * 60_000 : new Date().setHours(0, 0, 0, 0) + (i - count + today) * 1000,
    ).toISOString(),
  }));

describe('<sh-messages>', () => {
  let handle: ServiceHallHandle;
  afterEach(() => {
    handle?.destroy();
    localStorage.clear();
  });

  it('walks the journey: answer, "no", queue, agent, end, rating once', async () => {
    const adapter = createMemoryAdapter({ ...FAST, timing: { ...FAST.timing, queueStepMs: 120, agentJoinMs: 60 } });
    handle = init({ adapter, locale: 'zh-CN', user: USER });
    const ratings: unknown[] = [];
    handle.on('rating', (detail) => ratings.push(detail));
    await handle.ask('我的快递到哪了');
    const list = await waitFor(() => messagesOf(handle), 'the conversation');
    const card = await waitFor(() => deepQuery(list, '.card.article'), 'an article card');
    const customer = deepQueryAll(list, '.row.customer [part~="message"]');
    expect(customer.map(textOf)).to.deep.equal(['我的快递到哪了']);
    expect(textOf(card)).to.contain(zhCN.helpful);

    button(card, zhCN.no)!.click();
    const offer = await waitFor(() => button(card, zhCN.human), 'the offer of a human');
    const [helpfulness] = await waitFor(
      () => (adapter.records.ratings.length ? adapter.records.ratings : undefined),
      'the article rating',
    );
    expect(helpfulness).to.include({ score: 0 }).and.to.have.property('articleId').that.is.a('string');
    offer.click();

    const queue = () => textOf(deepQuery(list, '[part~="queue-status"]'));
    await waitFor(() => queue().includes(zhCN.queued.replace('{position}', '3')), 'position 3');
    await waitFor(() => queue().includes(zhCN.queued.replace('{position}', '2')), 'position 2');
    await waitFor(() => queue().includes(zhCN.queued.replace('{position}', '1')), 'position 1');
    expect(button(deepQuery(list, 'sh-queue-status')!, zhCN.cancelWait)).to.exist;

    const agentRow = await waitFor(() => deepQuery(list, '.row.agent'), 'the agent reply');
    const agentName = textOf(agentRow.querySelector('.name')!);
    expect(agentName).to.not.equal('');
    expect(textOf(list.shadowRoot!.querySelector('.log')!)).to.contain(zhCN.agentJoined.replace('{name}', agentName));
    expect(deepQuery(list, '[part~="queue-status"]')).to.equal(undefined);

    await handle.end();
    const rating = await waitFor(() => deepQuery(list, '[part~="rating"]'), 'the rating prompt');
    const submit = rating.querySelector<HTMLButtonElement>('[type="submit"]')!;
    expect(submit.disabled, 'no score yet').to.equal(true);
    rating.querySelector<HTMLInputElement>('#score-4')!.click();
    button(rating, zhCN.rateTags.split('|')[0]!)!.click();
    await ((rating.getRootNode() as ShadowRoot).host as LitElement).updateComplete;
    expect(button(rating, zhCN.rateTags.split('|')[0]!)!.getAttribute('aria-pressed')).to.equal('true');
    submit.click();
    submit.click();
    await waitFor(() => textOf(deepQuery(list, '[part~="rating"]')).includes(zhCN.rateThanks), 'thanks');
    await new Promise((r) => setTimeout(r, 50));
    // Article helpfulness is a rating event too; the conversation's has no articleId.
    const conversationRatings = ratings.filter((r) => !(r as { articleId?: string }).articleId);
    expect(conversationRatings).to.have.length(1);
    expect(conversationRatings[0]).to.include({ score: 4 });
    expect(deepQuery(list, '[part~="rating"] [type="submit"]'), 'no second submit').to.equal(undefined);
    expect(button(list, zhCN.newChat)).to.exist;
  });

  it('shows a failed message with its meaning and sends it again on Retry', async () => {
    const memory = createMemoryAdapter(FAST);
    let failures = 1;
    const adapter: Adapter = {
      ...memory,
      sendMessage: (message, ctx) =>
        failures-- > 0 ? Promise.reject(new AdapterError('rejected', 'bad', 400)) : memory.sendMessage(message, ctx),
    };
    handle = init({ adapter, locale: 'en', user: USER });
    await handle.ask('hello there');
    const list = await waitFor(() => messagesOf(handle), 'the conversation');
    const retry = await waitFor(() => button(list, launcherStrings.en.retry), 'Retry');
    const row = deepQuery(list, '.row.customer')!;
    expect(textOf(row)).to.contain(en.failed).and.to.contain('The request was refused: bad');
    await waitFor(() => live(handle).includes(en.failed), 'the failure announced');
    retry.click();
    await waitFor(() => deepQuery(list, '.row.customer .delivery.sent'), 'sent');
    expect(deepQueryAll(list, '.row.customer')).to.have.length(1);
    expect(button(list, launcherStrings.en.retry)).to.equal(undefined);
  });

  it('renders hostile agent messages and unknown roles as text', async () => {
    const script = scripted();
    handle = init({ adapter: script.adapter, locale: 'en', user: USER });
    await handle.ask('hi');
    const list = await waitFor(() => messagesOf(handle), 'the conversation');
    await waitFor(script.connected, 'the stream');
    const hostile =
      '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"><iframe srcdoc="<script>parent.__pwned=1</script>"></iframe> [x](javascript:window.__pwned=1) ${window.__pwned=1} {{constructor}}';
    script.push({ role: 'agent', author: { name: '<b>Eve</b>', avatar: 'javascript:alert(1)' }, text: hostile });
    script.push({ role: 'hacker' as Message['role'], text: 'odd role' });
    const row = await waitFor(() => deepQuery(list, '.row.agent'), 'the agent message');
    await new Promise((r) => setTimeout(r, 30));
    expect(deepQueryAll(row, 'script, img, iframe, b')).to.have.length(0);
    expect(deepQueryAll(list, 'a').filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? ''))).to.have.length(
      0,
    );
    expect(textOf(row)).to.contain('<script>');
    expect(textOf(row.querySelector('.name')!)).to.equal('<b>Eve</b>');
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    await waitFor(() => deepQueryAll(list, '.system').some((p) => textOf(p) === 'odd role'), 'the system line');
  });

  it('dates its days and times in each language', async () => {
    // Local times, as the customer reads them.
    const at = (hour: number, minute: number) => new Date(2025, 2, 4, hour, minute).toISOString();
    const earlier: Message[] = [
      { id: 'd1', seq: 1, conversationId: 'c-test', role: 'agent', text: 'morning', createdAt: at(9, 5) },
      { id: 'd2', seq: 2, conversationId: 'c-test', role: 'agent', text: 'afternoon', createdAt: at(14, 30) },
    ];
    for (const [locale, day, times] of [
      ['en', 'Mar 4, 2025', ['9:05 AM', '2:30 PM']],
      ['zh-CN', '2025年3月4日', ['09:05', '14:30']],
      ['zh-TW', '2025年3月4日', ['上午9:05', '下午2:30']],
    ] as const) {
      const script = scripted(earlier);
      handle = init({ adapter: script.adapter, locale, user: USER });
      await handle.ask('hi');
      const list = await waitFor(() => messagesOf(handle), 'the conversation');
      await waitFor(() => deepQuery(list, '.row.agent time'), 'the earlier messages');
      expect(textOf(deepQuery(list, '.day')!)).to.equal(day);
      expect(deepQueryAll(list, '.row.agent time').map((time) => textOf(time))).to.deep.equal(times);
      handle.destroy();
      localStorage.clear();
    }
  });

  it('announces a new agent message in the live region, and offers a jump when reading above', async () => {
    const yesterday = new Date().setHours(0, 0, 0, 0) - 12 * 3_600_000;
    const script = scripted(history(120, yesterday, 20));
    handle = init({ adapter: script.adapter, locale: 'en', user: USER });
    await handle.ask('hi');
    const list = await waitFor(() => messagesOf(handle), 'the conversation');
    await waitFor(script.connected, 'the stream');
    const scroller = list.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
    await waitFor(() => scroller.scrollHeight > scroller.clientHeight && deepQuery(list, '.delivery.sent'), 'history');
    await waitFor(() => Math.abs(scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop) < 2, 'pinned');
    const days = [...list.shadowRoot!.querySelectorAll('.day')].map(textOf);
    expect(days).to.deep.equal([en.yesterday, en.today]);

    script.push({ author: { name: 'Mia' }, text: 'Your parcel arrives **tomorrow**.' });
    await waitFor(() => live(handle) === 'Mia: Your parcel arrives **tomorrow**.', 'the announcement');
    await waitFor(
      () => Math.abs(scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop) < 2,
      'still pinned',
    );
    expect(live(handle)).to.not.contain('history message');

    scroller.scrollTop = scroller.scrollHeight / 2;
    scroller.dispatchEvent(new Event('scroll'));
    script.push({ author: { name: 'Mia' }, text: 'Anything else?' });
    const jump = await waitFor(() => button(list, en.newMessages), 'the jump button');
    await waitFor(() => live(handle) === 'Mia: Anything else?', 'the second announcement');
    jump.click();
    await waitFor(
      () => Math.abs(scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop) < 2,
      'back at the bottom',
    );
    await waitFor(() => !button(list, en.newMessages), 'the jump button gone');
  });

  it('keeps a 2,000-message history bounded and grows it on scrolling up without moving the view', async () => {
    const script = scripted(history(2000, Date.now() - 2 * 86_400_000));
    handle = init({ adapter: script.adapter, locale: 'en', user: USER });
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((entries) =>
      entries.getEntries().forEach((e) => longTasks.push(e.duration)),
    );
    observer.observe({ type: 'longtask' });
    await handle.open();
    const opened = performance.now();
    await handle.ask('hi');
    const list = await waitFor(() => messagesOf(handle), 'the conversation');
    await waitFor(
      () => deepQueryAll(list, '[part~="message"]').some((m) => textOf(m) === 'history message 2000'),
      'the last message',
    );
    await list.updateComplete;
    const rendered = performance.now() - opened;
    await new Promise((r) => setTimeout(r, 50));
    observer.disconnect();

    const count = deepQueryAll(list, '[part~="message"]').length;
    const nodes = deepQueryAll(list, '*').length;
    console.log(
      `2,000 messages: rendered in ${rendered.toFixed(0)} ms, ${count} message parts, ${nodes} nodes in sh-messages, long tasks: ${longTasks.map((d) => d.toFixed(0)).join(', ') || 'none'}`,
    );
    expect(count).to.be.lessThan(200);
    expect(count).to.be.greaterThan(50);

    // Read back once the conversation is quiet: the question delivered and nobody typing.
    const session = handle.element.session!;
    await waitFor(
      () => session.$messages.get().every((m) => m.delivery === 'sent') && !session.$typing.get(),
      'a quiet conversation',
    );
    await list.updateComplete;
    const scroller = list.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
    const rowOf = (text: string) =>
      [...list.shadowRoot!.querySelectorAll('.row')].find((r) => textOf(r).includes(text));
    scroller.scrollTop = 0;
    scroller.dispatchEvent(new Event('scroll'));
    const first = textOf(list.shadowRoot!.querySelector('.row [part~="message"]')!);
    // Where the reader's message sits in the scrolling view (not on the page: the list itself may move).
    const offset = () => rowOf(first)!.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    const before = offset();
    await waitFor(() => deepQueryAll(list, '[part~="message"]').length > count, 'earlier messages');
    await waitFor(() => Math.abs(offset() - before) < 3, 'the view kept in place');
  });

  it('renders at most a window of a long history, letting the newest go while reading far up', async function () {
    // 500 messages paged through a window of 200, and laid out at each step: WebKit takes several times as long.
    this.timeout(40_000);
    const script = scripted(history(500, Date.now() - 86_400_000));
    handle = init({ adapter: script.adapter, locale: 'en', user: USER });
    await handle.open();
    await handle.ask('hi');
    const list = await waitFor(() => messagesOf(handle), 'the conversation');
    const texts = () => deepQueryAll(list, '[part~="message"]').map(textOf);
    await waitFor(() => texts().some((text) => text.includes('history message 500')), 'the latest history');
    const session = handle.element.session!;
    await waitFor(() => session.$messages.get().every((m) => m.delivery === 'sent'), 'the question sent');
    const scroller = list.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
    const offsetOf = (text: string) =>
      [...list.shadowRoot!.querySelectorAll('.row')].find((r) => textOf(r).includes(text))!.getBoundingClientRect()
        .top - scroller.getBoundingClientRect().top;

    // "Earlier messages" to the very first one: the list never holds more than 200, and offers the later ones.
    for (let older = button(list, en.loadOlder); older; older = button(list, en.loadOlder)) {
      older.click();
      await list.updateComplete;
      expect(texts().length).to.be.at.most(200);
    }
    expect(texts()[0]).to.contain('history message 1');
    expect(texts().some((text) => text.includes('history message 500'))).to.equal(false);

    // Scrolling to the bottom of what is rendered brings later messages back, keeping the message in view in place.
    const lastShown = texts().at(-1)!;
    scroller.scrollTop = scroller.scrollHeight;
    const before = offsetOf(lastShown);
    // The reader keeps scrolling: the list holds still for a moment after each load, then takes the next one.
    await waitFor(() => scroller.dispatchEvent(new Event('scroll')) && texts().at(-1) !== lastShown, 'later messages');
    await waitFor(() => Math.abs(offsetOf(lastShown) - before) < 3, 'the view kept in place');
    expect(texts().length).to.be.at.most(200);
    expect(button(list, en.loadNewer)).to.exist;

    // A new reply while reading far up offers the jump, which returns to the newest.
    script.push({ author: { name: 'Mia' }, text: 'Still there?' });
    const jump = await waitFor(() => button(list, en.newMessages), 'the jump button');
    jump.click();
    await waitFor(() => texts().at(-1) === 'Still there?', 'the newest message');
    expect(texts().length).to.be.at.most(200);
    expect(button(list, en.loadNewer)).to.equal(undefined);
  });

  it("pages back through the server's history after the 100 kept, with its place kept and a retry", async function () {
    this.timeout(40_000);
    // The server holds 1,000 messages; this device kept the latest 100 of them.
    const server = history(1000, Date.now() - 2 * 86_400_000);
    const kept = server.slice(-100).map((m) => ({ ...m, delivery: 'sent' }));
    localStorage.setItem(`service-hall:v1:${USER.id}:messages`, JSON.stringify(kept));
    localStorage.setItem(
      `service-hall:v1:${USER.id}:conversation`,
      JSON.stringify({ id: 'c-test', status: 'active', rated: false, lastSeq: 1000 }),
    );
    const script = scripted([], 1000);
    let failing = false;
    const pages: number[] = [];
    script.adapter.loadMessages = async ({ before = Infinity, limit = 50 }) => {
      if (failing) throw new AdapterError('network', 'offline');
      pages.push(before);
      return server.filter((m) => m.seq < before).slice(-limit);
    };
    handle = init({ adapter: script.adapter, locale: 'en', user: USER });
    await handle.open();
    await handle.ask('hi');
    const list = await waitFor(() => messagesOf(handle), 'the conversation');
    const texts = () => deepQueryAll(list, '[part~="message"]').map(textOf);
    const showing = (n: number) => texts().some((text) => new RegExp(`history message ${n}(?!\\d)`).test(text));
    await waitFor(() => showing(1000), 'the kept history');
    const session = handle.element.session!;
    await waitFor(() => session.$messages.get().every((m) => m.delivery === 'sent'), 'the question sent');
    await list.updateComplete;

    // Scrolling to the top of what the device kept fetches the page before it, without moving the view.
    const scroller = list.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
    const offsetOf = (n: number) =>
      [...list.shadowRoot!.querySelectorAll('.row')]
        .find((r) => new RegExp(`history message ${n}(?!\\d)`).test(textOf(r)))!
        .getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    while (!showing(901)) {
      button(list, en.loadOlder)!.click();
      await list.updateComplete;
    }
    // The list holds the reader's place for a second after each growth; then the reader scrolls to the top.
    await new Promise((r) => setTimeout(r, 1100));
    scroller.scrollTop = 0;
    const before = offsetOf(901);
    await waitFor(() => scroller.dispatchEvent(new Event('scroll')) && showing(900), "the server's page");
    expect(pages).to.deep.equal([901]);
    await waitFor(() => Math.abs(offsetOf(901) - before) < 3, 'the view kept in place');

    // A page that fails says so and keeps its place; Retry goes on from there.
    failing = true;
    while (!list.shadowRoot!.querySelector('[role="alert"]')) {
      button(list, en.loadOlder)!.click();
      await waitFor(() => session.$earlier.get() !== 'loading', 'the page answered');
      await list.updateComplete;
    }
    expect(textOf(list.shadowRoot!.querySelector('[role="alert"]')!)).to.contain(en.earlierFailed);
    const first = texts()[0];
    failing = false;
    button(list, launcherStrings.en.retry)!.click();
    await waitFor(() => texts()[0] !== first, 'the next page');

    // On to the very first message: never more than a window in the DOM, and nothing more to offer.
    for (let older = button(list, en.loadOlder); older; older = button(list, en.loadOlder)) {
      older.click();
      await waitFor(() => session.$earlier.get() !== 'loading', 'the page answered');
      await list.updateComplete;
      expect(texts().length).to.be.at.most(200);
    }
    expect(showing(1)).to.equal(true);
    expect(session.$messages.get()).to.have.length(1001);
    // 900 older messages in 18 full pages, and one more ask that finds nothing before the first.
    expect(pages).to.have.length(19);
  });

  it('greets an empty conversation', async () => {
    handle = init({
      adapter: createMemoryAdapter({ ...FAST, greeting: 'Hello from the hall' }),
      locale: 'en',
      user: USER,
    });
    await handle.open();
    const panel = await waitFor(() => deepQuery(handle.element, 'sh-panel'), 'panel');
    await waitFor(() => deepQuery(handle.element, '[part~="hall"] .greeting'), 'hall');
    panel
      .shadowRoot!.querySelector('.body')!
      .dispatchEvent(
        new CustomEvent('navigate', { detail: { screen: 'conversation' }, bubbles: true, composed: true }),
      );
    const list = await waitFor(() => messagesOf(handle), 'the conversation');
    await list.updateComplete;
    expect(textOf(list.shadowRoot!.querySelector('.empty')!)).to.equal('Hello from the hall');
    expect(list.shadowRoot!.querySelector('[role="log"]')).to.exist;
  });
});
