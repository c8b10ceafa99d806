import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createHttpAdapter, createMemoryAdapter, init, type ServiceHallHandle } from '../../index.js';
import { realServer, serverUrl } from '../../test/server.js';
import type { MemoryAdapter } from '../../adapters/memory/index.js';
import { expectAccessible } from '../../test/axe.js';
import { deepQuery, deepQueryAll, waitFor } from '../../test/dom.js';

const TICKET = {
  category: 'other',
  description: 'The kettle lid is cracked',
  orderId: 'YX58176402',
  contact: 'a@example.com',
  attachments: [],
  context: { locale: 'en' as const },
};

describe('<sh-past> and <sh-thread>: a returning customer', () => {
  let handle: ServiceHallHandle | undefined;
  let memory: MemoryAdapter;
  const ctx = { signal: new AbortController().signal, locale: 'en' as const };
  const open = async (locale: 'en' | 'zh-CN' = 'en') => {
    handle = init({ adapter: memory, locale });
    await handle.open();
    const root = handle.element;
    await waitFor(() => deepQuery(root, '[part~="past"]'), 'the past in the hall');
    return root;
  };
  const entries = (root: Element) => deepQueryAll(root, '[part~="past-entry"]');

  beforeEach(() => {
    memory = createMemoryAdapter({ latency: 0, timing: { ticketReplyMs: 0 } });
  });
  afterEach(() => {
    handle?.destroy();
    handle = undefined;
    localStorage.clear();
  });

  it('offers to continue what is still open, then lists recent conversations and tickets with status', async () => {
    const { id } = await memory.submitTicket(TICKET, ctx);
    const root = await open();
    const resume = deepQuery(root, '[part~="past-continue"]')!;
    expect(resume.textContent).to.contain('Continue: your question about order YX58176402');
    expect(resume.textContent).to.contain(`Ticket ${id}`);
    const list = entries(root).map((e) => e.textContent!.replace(/\s+/g, ' '));
    expect(list.some((t) => /T\d+.*Solved.*refund for the scarf/.test(t))).to.equal(true);
    expect(list.some((t) => /Ended.*earbuds of order YX58190385/.test(t))).to.equal(true);
    await expectAccessible(root, 'hall with the past');
  });

  it('marks a ticket unread in the hall and on the launcher when an agent replies live', async () => {
    const { id } = await memory.submitTicket(TICKET, ctx);
    const root = await open();
    const counts: number[] = [];
    root.addEventListener('sh-unread', (e) => counts.push((e as CustomEvent<{ count: number }>).detail.count));
    memory.answerTicket(id, { text: 'We are sending a new lid.' });
    const resume = await waitFor(
      () => deepQuery(root, '[part~="past-continue"] .unread') && deepQuery(root, '[part~="past-continue"]'),
      'the unread mark',
    );
    expect(resume.textContent).to.contain('Awaiting your reply');
    expect(counts.at(-1)).to.equal(1);
    handle!.close();
    await waitFor(() => deepQuery(root, '[part~="launcher"] .badge')?.textContent?.trim() === '1', 'the badge');
  });

  it('opens a ticket’s whole thread, takes a reply, and asks whether a solved one is really solved', async () => {
    const { id } = await memory.submitTicket(TICKET, ctx);
    memory.answerTicket(id, { text: 'Please send a photo of the lid.' });
    const root = await open();
    deepQuery(root, '[part~="past-continue"]')!.click();
    const thread = await waitFor(() => deepQuery(root, '[part~="thread"] .entries'), 'the thread');
    expect(thread.textContent).to.contain('The kettle lid is cracked');
    expect(thread.textContent).to.contain('Please send a photo of the lid.');
    expect(deepQuery(root, '[part~="past-continue"]'), 'left the hall').to.equal(undefined);
    const input = deepQuery<HTMLTextAreaElement>(deepQuery(root, 'sh-thread')!, 'textarea')!;
    input.focus();
    await sendKeys({ type: 'It is cracked along the rim' });
    deepQuery(deepQuery(root, 'sh-thread')!, 'button[type="submit"]')!.click();
    await waitFor(
      () => deepQuery(root, '[part~="thread"] .entries')?.textContent?.includes('It is cracked along the rim'),
      'the reply in the thread',
    );
    // Solved by the team, live: the customer is asked, and "no" opens it again.
    memory.answerTicket(id, { status: 'solved' });
    const prompt = await waitFor(() => deepQuery(root, '[part~="solved-prompt"]'), 'the solved prompt');
    expect(prompt.textContent).to.contain('Is it really solved?');
    await expectAccessible(root, 'solved prompt');
    deepQueryAll(root, '[part~="solved-prompt"] button')[1]!.click();
    await waitFor(
      () => deepQuery(deepQuery(root, 'sh-thread')!, '.note')?.textContent?.includes('reopened'),
      'reopened',
    );
    expect((await memory.getTicket(id, ctx)).ticket.status).to.equal('open');
    expect(deepQuery(root, '[part~="solved-prompt"]')).to.equal(undefined);
  });

  it('shows a past conversation’s whole thread', async () => {
    const root = await open();
    entries(root)
      .find((e) => e.textContent!.includes('earbuds'))!
      .click();
    const thread = await waitFor(() => deepQuery(root, '[part~="thread"] .entries li'), 'messages');
    expect(thread.closest('ol')!.textContent).to.contain("I've chased the courier");
  });

  it('finds past conversations and tickets by a two-character Chinese word or an order number', async () => {
    const root = await open('zh-CN');
    const search = deepQuery<HTMLInputElement>(deepQuery(root, 'sh-past')!, 'input[type="search"]')!;
    search.value = '耳机';
    search.dispatchEvent(new Event('input'));
    await waitFor(() => entries(root).length === 1 && entries(root)[0]!.textContent!.includes('耳机'), '耳机');
    search.value = 'YX58143358';
    search.dispatchEvent(new Event('input'));
    await waitFor(() => entries(root).length === 1 && entries(root)[0]!.textContent!.includes('围巾'), 'the order');
    search.value = 'xyzzy';
    search.dispatchEvent(new Event('input'));
    await waitFor(() => entries(root).length === 0, 'nothing');
  });

  it('on the reference server: an agent’s reply and the solved status arrive live in the hall', async function () {
    this.timeout(120_000);
    const url = await serverUrl();
    const sub = `past-${Date.now().toString(36)}`;
    const user = { id: sub, token: await realServer<string>({ action: 'customer', sub, name: 'Mei' }) };
    const adapter = createHttpAdapter({ endpoint: `${url}/api/`, backoffMs: 50 });
    const { id } = await adapter.submitTicket!(TICKET, { ...ctx, user });
    handle = init({ adapter, locale: 'en', user });
    await handle.open();
    const root = handle.element;
    const resume = await waitFor(() => deepQuery(root, '[part~="past-continue"]'), 'the open ticket', 15_000);
    expect(resume.textContent).to.contain(id);
    const desk = (method: string, path: string, body: unknown) => realServer({ action: 'desk', method, path, body });
    await desk('POST', `tickets/${id}/replies`, { text: 'A new lid is on its way.' });
    await waitFor(() => deepQuery(root, '[part~="past-continue"] .unread'), 'marked new', 15_000);
    await desk('PATCH', `tickets/${id}`, { status: 'solved' });
    await waitFor(
      () => entries(root).some((e) => e.textContent!.includes(id) && e.textContent!.includes('Solved')),
      'solved in the list',
      15_000,
    );
  });
});
