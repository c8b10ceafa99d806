// Hostile strings through every field the widget renders: the Big List of Naughty Strings plus payloads
// aimed at this stack (event handlers, javascript: links, template syntax, <style>, <iframe srcdoc>).
// Nothing may execute, no script-capable element or handler attribute may appear, no javascript: URL may
// be rendered, and the strings must show as text.
import { expect } from '@open-wc/testing';
import type { Adapter, ConversationEvent } from './core/adapter.js';
import type { Action, Announcement, Order } from './core/types.js';
import { createMemoryAdapter, init, type ServiceHallHandle } from './index.js';
import { deepQuery, deepQueryAll, deepText, waitFor } from './test/dom.js';
import { assertInert, hostileCorpus, PAYLOADS } from './test/hostile.js';

describe('hostile strings in every field', () => {
  let corpus: string[];
  let handle: ServiceHallHandle;
  before(async () => {
    corpus = await hostileCorpus();
  });
  afterEach(() => {
    handle?.destroy();
    localStorage.clear();
  });

  const pick = (i: number) => corpus[i % corpus.length]!;

  it('the hall: greeting, company, announcements, orders, questions and actions', async function () {
    // Hundreds of order cards, each checked: WebKit renders and walks them several times slower than Chromium.
    this.timeout(40_000);
    const now = new Date().toISOString();
    const orders: Order[] = corpus.map((s, i) => ({
      id: pick(i + 1),
      status: i % 3 ? 'shipped' : pick(i + 2),
      title: s,
      items: [{ name: pick(i + 3), quantity: 2 }],
      total: 10,
      currency: 'CNY',
      createdAt: now,
    }));
    const announcements: Announcement[] = PAYLOADS.map((s, i) => ({
      id: `a${i}`,
      level: 'warning',
      title: s,
      body: pick(i + 5),
    }));
    const actions: Action[] = PAYLOADS.map((s, i) => ({
      id: `act${i}`,
      title: s,
      icon: pick(i),
      statuses: ['shipped'],
      fields: [
        { name: 'f', type: 'select', label: pick(i + 7), options: [{ value: pick(i + 8), label: pick(i + 9) }] },
        { name: 'g', type: 'text', label: pick(i + 10), placeholder: pick(i + 11) },
      ],
    }));
    const recommendations = PAYLOADS.map((s, i) => ({ id: `r${i}`, text: s, popularity: i }));
    handle = init({
      adapter: createMemoryAdapter({
        latency: 0,
        greeting: PAYLOADS[0],
        company: PAYLOADS[1],
        orders,
        announcements,
        actions,
        recommendations,
      }),
      locale: 'en',
    });
    await handle.open();
    const root = handle.element;
    await waitFor(() => deepQueryAll(root, '[part~="order-card"]').length, 'the hall');
    deepQuery<HTMLButtonElement>(root, 'button.link')?.click();
    // The backend drops orders whose id repeats; every distinct one is shown.
    const distinct = new Set(orders.map((o) => o.id)).size;
    await waitFor(() => deepQueryAll(root, '[part~="order-card"]').length === distinct, 'every order');
    assertInert(root);
    const hall = deepText(deepQuery(root, '[part~="hall"]')!);
    for (const s of PAYLOADS.slice(0, 6)) expect(hall, 'shown as text').to.contain(s.trim().slice(0, 12));

    // An action form built from hostile labels and options.
    deepQueryAll<HTMLButtonElement>(root, '[part~="action-tile"]')[0]!.click();
    await waitFor(() => deepQuery(root, '[part~="action-form"]'), 'the action form');
    assertInert(root);
  });

  it('the conversation: agent messages, authors, cards and attachment names', async () => {
    const memory = createMemoryAdapter({ latency: 0 });
    const events: ConversationEvent[] = corpus.map((text, i) => ({
      type: 'message',
      message: {
        id: `m${i}`,
        seq: i + 100,
        conversationId: 'c-hostile',
        role: i % 5 === 0 ? ('<b>evil</b>' as 'agent') : 'agent',
        author: { name: pick(i + 1), avatar: i % 2 ? 'javascript:window.__pwned=1' : pick(i + 2) },
        text,
        createdAt: new Date().toISOString(),
        attachments: [
          { id: `f${i}`, name: pick(i + 3), size: 10, type: 'image/png', url: 'javascript:window.__pwned=1' },
        ],
        cards: [
          { type: 'article', articleId: pick(i + 4), title: pick(i + 5), summary: pick(i + 6) },
          { type: 'replies', replies: [pick(i + 7)] },
          { type: 'result', ok: false, title: pick(i + 8), lines: [pick(i + 9)] },
        ],
      },
    }));
    const adapter: Adapter = {
      ...memory,
      sendMessage: async (m) => ({
        conversationId: 'c-hostile',
        id: 'mine',
        clientId: m.clientId,
        seq: 1,
        createdAt: new Date().toISOString(),
      }),
      subscribe: (_request, sink) => {
        setTimeout(() => events.forEach((e) => sink.event(e)));
        return () => {};
      },
    };
    handle = init({ adapter, locale: 'en' });
    await handle.ask('hello');
    const root = handle.element;
    await waitFor(() => deepQueryAll(root, '[part~="message"]').length > 20, 'the hostile messages', 8000);
    assertInert(root);
    const shown = deepText(deepQuery(root, 'sh-messages')!);
    expect(shown).to.contain(corpus.at(-1)!.trim().slice(0, 10));
  });
});
