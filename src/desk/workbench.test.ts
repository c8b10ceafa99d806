// The workbench on a scripted desk API (src/test/desk-backend.ts), for what a live server cannot be steered
// into: hostile strings in every field, a session that expires mid-reply, a malformed answer. The journey on
// the real server is desk.test.ts.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Message } from '../core/types.js';
import { expectAccessible } from '../test/axe.js';
import { lateItems, sampleDeskData, scriptedDesk, type ScriptedDesk } from '../test/desk-backend.js';
import { deepQuery, deepQueryAll, deepText, waitFor } from '../test/dom.js';
import { assertInert, hostileCorpus } from '../test/hostile.js';
import type { DeskRootElement } from './desk.js';
import { defineDesk } from './register.js';
import { createDesk } from './store.js';

defineDesk();

let root: DeskRootElement | undefined;
afterEach(() => {
  root?.remove();
  root = undefined;
});

const mount = async (backend: ScriptedDesk, theme: 'light' | 'dark' = 'light') => {
  const desk = createDesk({ fetch: backend.fetch });
  root = document.createElement('sh-desk');
  root.desk = desk;
  root.theme = theme;
  root.setAttribute('locale', 'en');
  document.body.append(root);
  await desk.restore();
  await root.updateComplete;
  return { root, desk };
};

/** The shadow root of the first `tag` below `host`, or an empty fragment while it is not there. */
const inside = (host: ParentNode, tag: string): ParentNode =>
  deepQuery(host, tag)?.shadowRoot ?? document.createDocumentFragment();

const click = (host: ParentNode, selector: string, text: string | RegExp) => {
  const button = deepQueryAll<HTMLButtonElement>(host, selector).find((b) =>
    typeof text === 'string' ? b.textContent!.trim() === text : text.test(b.textContent!),
  );
  if (!button) throw new Error(`no ${selector} "${text}"`);
  button.click();
};

describe('the workbench on a scripted desk API', () => {
  it('renders every screen, light and dark, without axe violations', async function () {
    // Ten axe runs, which take WebKit several seconds each.
    this.timeout(40_000);
    for (const theme of ['light', 'dark'] as const) {
      const { root, desk } = await mount(scriptedDesk(sampleDeskData('en')), theme);
      await waitFor(() => deepQueryAll(root, '[part~="queue-item"]').length === 3, 'the queue');
      await expectAccessible(root, `queue (${theme})`);
      desk.show({ kind: 'chat', id: 'c-1' });
      await waitFor(() => deepQuery(root, '[part~="context"] .order'), 'the context');
      await expectAccessible(root, `conversation (${theme})`);
      desk.show({ kind: 'tickets' });
      await waitFor(() => deepQueryAll(root, '[part~="ticket-item"]').length, 'the tickets');
      click(root, '[part~="ticket-item"] button', /T20261201000042/);
      await waitFor(() => deepQuery(inside(root, 'sh-desk-tickets'), 'article'), 'the ticket');
      await expectAccessible(root, `tickets (${theme})`);
      desk.show({ kind: 'search' });
      await waitFor(() => deepQuery(root, '[part~="search"]'), 'search');
      await expectAccessible(root, `search (${theme})`);
      await desk.signOut();
      await waitFor(() => deepQuery(root, '[part~="sign-in"]'), 'the sign-in form');
      await expectAccessible(root, `sign-in (${theme})`);
      root.remove();
    }
  });

  it('orders the queue as the server sends it and marks VIP and angry; a new arrival alerts in the title', async () => {
    const { root, desk } = await mount(scriptedDesk(sampleDeskData('en')));
    const items = await waitFor(() => {
      const found = deepQueryAll(root, '[part~="queue-item"]');
      return found.length === 3 && found;
    }, 'the queue');
    expect(deepText(items[0]!)).to.include('VIP').and.include('Angry');
    expect(deepText(items[1]!)).to.include('Anxious').and.not.include('VIP');
    // Looking elsewhere when customers arrive: the title counts them until the queue is looked at.
    desk.show({ kind: 'tickets' });
    await waitFor(() => deepQuery(root, 'sh-desk-tickets'), 'tickets');
    desk.dispose();
    const again = createDesk({ fetch: scriptedDesk(sampleDeskData('en')).fetch });
    again.show({ kind: 'tickets' });
    root.desk = again;
    await again.restore();
    await waitFor(() => /^\(3\) waiting/.test(document.title), 'the title alert');
    expect(deepText(root)).to.include('3 new waiting');
    again.show({ kind: 'queue' });
    await waitFor(() => !/waiting/.test(document.title), 'the title back');
    again.dispose();
  });

  it('marks late items in the queue, the conversation list until the agent replies, and the tickets', async () => {
    const { root, desk } = await mount(scriptedDesk(lateItems(sampleDeskData('en'))));
    const [first] = await waitFor(() => {
      const found = deepQueryAll(root, '[part~="queue-item"]');
      return found.length === 3 && found;
    }, 'the queue');
    expect(deepText(first!)).to.include('Zhao Lei').and.include('Late: waiting too long');
    expect(first!.getAttribute('aria-label')).to.equal('Zhao Lei, late: waiting too long');
    const chat = () => deepQueryAll(root, 'nav li button').find((b) => deepText(b).includes('Chen Jing'));
    await waitFor(() => deepText(chat() ?? root).includes('Late: no reply yet'), 'the late conversation');
    await expectAccessible(root, 'late items');
    await desk.send('c-1', 'Sorry for the wait, checking now');
    await waitFor(() => chat() && !deepText(chat()!).includes('Late'), 'no longer late once answered');

    desk.show({ kind: 'tickets' });
    const tickets = await waitFor(() => {
      const found = deepQueryAll(root, '[part~="ticket-item"]').map(deepText);
      return found.length === 2 && found;
    }, 'the tickets');
    expect(tickets.filter((text) => text.includes('Late: unsolved too long'))).to.have.length(1);
    expect(tickets.find((text) => text.includes('Late'))).to.include('T20261201000042');
    await expectAccessible(root, 'a late ticket');
  });

  it('an expired session returns to sign-in and keeps the draft', async () => {
    const backend = scriptedDesk(sampleDeskData('en'));
    const { root, desk } = await mount(backend);
    desk.show({ kind: 'chat', id: 'c-1' });
    const reply = await waitFor(() => deepQuery<HTMLTextAreaElement>(root, '[part~="reply"]'), 'the reply field');
    reply.focus();
    await sendKeys({ type: 'Your refund is on its way' });
    backend.expire();
    await sendKeys({ press: 'Enter' });
    const form = await waitFor(() => deepQuery<HTMLFormElement>(root, '[part~="sign-in"]'), 'the sign-in form');
    expect(deepText(form)).to.include('draft replies are kept');
    form.querySelector<HTMLInputElement>('input[type="email"]')!.value = 'wei@demo.test';
    form.querySelector<HTMLInputElement>('input[type="password"]')!.value = 'wrong';
    form.requestSubmit();
    await waitFor(() => deepText(form).includes('Wrong email or password'), 'the error');
    form.querySelector<HTMLInputElement>('input[type="password"]')!.value = 'service-hall-demo';
    form.requestSubmit();
    await waitFor(() => deepQuery(root, '[part~="conversation"]'), 'back in the conversation');
    // The message that failed keeps a retry, and sends once.
    await waitFor(() => deepText(root).includes('Not sent.'), 'the failed message');
    click(root, '[part~="conversation"] button', 'Retry');
    await waitFor(
      () =>
        backend.data.conversations['c-1']!.messages.filter((m) => m.text === 'Your refund is on its way').length === 1,
      'the retried message on the server',
    );
  });

  it('Enter while an input method composes does not send; Shift+Enter is a new line', async () => {
    const backend = scriptedDesk(sampleDeskData('en'));
    const { root, desk } = await mount(backend);
    desk.show({ kind: 'chat', id: 'c-1' });
    const reply = await waitFor(() => deepQuery<HTMLTextAreaElement>(root, '[part~="reply"]'), 'the reply field');
    const sent = () => backend.data.conversations['c-1']!.messages.length;
    const before = sent();
    reply.value = 'tui';
    reply.dispatchEvent(new InputEvent('input'));
    reply.dispatchEvent(new CompositionEvent('compositionstart'));
    reply.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true }));
    reply.dispatchEvent(new CompositionEvent('compositionend'));
    reply.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true }));
    await new Promise((r) => setTimeout(r, 50));
    expect(sent()).to.equal(before);
    reply.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await waitFor(() => sent() === before + 1, 'sent on Enter');
  });

  it('canned replies: "/" and a word lists them, arrows and Enter insert one with the variables filled', async () => {
    const backend = scriptedDesk(sampleDeskData('en'));
    const { root, desk } = await mount(backend);
    desk.show({ kind: 'chat', id: 'c-1' });
    const reply = await waitFor(() => deepQuery<HTMLTextAreaElement>(root, '[part~="reply"]'), 'the reply field');
    const options = () => deepQueryAll(root, '[part~="canned-reply"]');
    reply.focus();
    await sendKeys({ type: '/' });
    await waitFor(() => options().length === backend.data.canned.length, 'every saved reply');
    await expectAccessible(root, 'the saved replies open');
    await sendKeys({ type: 'ord' });
    await waitFor(() => options().length === 1, 'the one matching /ord');
    expect(deepText(options()[0]!)).to.include('Order found').and.include('YX58190385');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => reply.value === "I've found your order YX58190385 and I'm on it.", 'the order filled in');
    expect(options(), 'the list closes').to.have.length(0);
    expect(backend.data.conversations['c-1']!.messages.at(-1)!.text, 'inserted, not sent').not.to.include('found');
    await sendKeys({ press: 'Enter' });
    await waitFor(
      () => backend.data.conversations['c-1']!.messages.at(-1)!.text.includes('YX58190385'),
      'sent with the next Enter',
    );

    // Arrows move through the list; the customer's and the agent's names fill the greeting.
    await sendKeys({ type: '/' });
    await waitFor(() => options().length > 2, 'the list');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowUp' });
    expect(reply.getAttribute('aria-activedescendant')).to.equal('canned-0');
    expect(options()[0]!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'Tab' });
    await waitFor(
      () => reply.value === "Hello Chen Jing, I'm 王伟 Wei and I'm here to help.",
      'the greeting filled in',
    );

    // Esc closes the list and keeps the text; a slash followed by nothing known lists nothing.
    reply.select();
    await sendKeys({ type: '/zzz' });
    await waitFor(() => deepText(root).includes('No saved reply matches “/zzz”.'), 'no match');
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await waitFor(() => options().length > 0, 'the list again');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => options().length === 0, 'closed by Esc');
    expect(reply.value).to.equal('/');

    // The button lists them all and adds the chosen one to what is written; a missing value stays, selected.
    const chat = backend.data.conversations['c-1']!;
    chat.context = { ...chat.context, orderId: undefined, order: undefined };
    await desk.loadCanned('en');
    desk.dispose();
    const again = createDesk({ fetch: backend.fetch });
    root.desk = again;
    await again.restore();
    again.show({ kind: 'chat', id: 'c-1' });
    const field = await waitFor(() => deepQuery<HTMLTextAreaElement>(root, '[part~="reply"]'), 'the reply field');
    field.focus();
    await sendKeys({ type: 'Thanks.' });
    deepQuery<HTMLButtonElement>(root, '[part~="canned"]')!.click();
    await waitFor(() => options().length === backend.data.canned.length, 'every saved reply, from the button');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => field.value === "Thanks. I've found your order {order} and I'm on it.", 'appended');
    expect(field.value.slice(field.selectionStart, field.selectionEnd), 'the hole selected').to.equal('{order}');
    expect(deepText(root)).to.include('Replace {order} before sending.');
    again.dispose();
  });

  it('transfer: by keyboard to a colleague who is online and has room, or back to the queue', async () => {
    const backend = scriptedDesk(sampleDeskData('en'));
    const { root, desk } = await mount(backend);
    desk.show({ kind: 'chat', id: 'c-1' });
    const button = await waitFor(() => deepQuery<HTMLButtonElement>(root, '[part~="transfer"]'), 'the transfer button');
    await waitFor(() => desk.$team.get().length === 3, 'the team from the event stream');
    button.focus();
    await sendKeys({ press: 'Enter' });
    const form = await waitFor(() => deepQuery<HTMLFormElement>(root, '[part~="transfer-form"]'), 'the form');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const select = form.querySelector('select')!;
    expect(select.value, 'the first colleague with room').to.equal('a-lina');
    expect(select.matches(':focus'), 'the choice has the focus').to.equal(true);
    const options = [...select.options].map((o) => [o.value, o.disabled, o.textContent!.trim()]);
    expect(options, 'not oneself; away is not a choice').to.deep.equal([
      ['a-lina', false, '李娜 Lina · Online · 2 of 3'],
      ['a-zhou', true, '周杰 Jay · Away · 0 of 3'],
      ['queue', false, 'Back to the queue (next free agent)'],
    ]);
    await expectAccessible(root, 'the transfer form');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !deepQuery(root, '[part~="transfer-form"]'), 'closed by Esc');
    expect(button.matches(':focus'), 'the focus back on the button').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepQuery(root, '[part~="transfer-form"] select:focus'), 'open again');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepText(root).includes('Transferred to 李娜 Lina.'), 'the confirmation');
    expect(backend.data.conversations['c-1']!.conversation.agentId).to.equal('a-lina');
    expect(desk.$chats.get()['c-1'], 'gone from this workbench').to.equal(undefined);
    expect(desk.$view.get().kind).to.equal('queue');

    // Back to the queue.
    backend.data.conversations['c-1']!.conversation.agentId = 'a-wei';
    desk.show({ kind: 'chat', id: 'c-1' });
    await desk.take('c-1');
    (await waitFor(() => deepQuery<HTMLButtonElement>(root, '[part~="transfer"]'), 'the button')).click();
    const again = await waitFor(() => deepQuery<HTMLFormElement>(root, '[part~="transfer-form"]'), 'the form');
    again.querySelector('select')!.value = 'queue';
    again.requestSubmit();
    await waitFor(() => deepText(root).includes('back in the queue'), 'the confirmation');
    expect(backend.data.conversations['c-1']!.conversation.human).to.equal('queued');
  });

  it('tickets: filter by status, reply, change status', async () => {
    const backend = scriptedDesk(sampleDeskData('en'));
    const { root, desk } = await mount(backend);
    desk.show({ kind: 'tickets' });
    await waitFor(() => deepQueryAll(root, '[part~="ticket-item"]').length === 2, 'both tickets');
    click(inside(root, 'sh-desk-tickets'), '.chip', 'Solved');
    await waitFor(() => deepQueryAll(root, '[part~="ticket-item"]').length === 1, 'the solved one');
    expect(deepText(deepQuery(root, '[part~="ticket-item"]')!)).to.include('T20261130000007');
    click(inside(root, 'sh-desk-tickets'), '.chip', 'Open');
    await waitFor(
      () => deepQueryAll(root, '[part~="ticket-item"]').map(deepText).join().includes('T20261201000042'),
      'the open one',
    );
    click(root, '[part~="ticket-item"] button', /T20261201000042/);
    const article = await waitFor(() => deepQuery(inside(root, 'sh-desk-tickets'), 'article'), 'the ticket');
    const text = article.querySelector<HTMLTextAreaElement>('textarea')!;
    text.value = 'A new one is on its way.';
    article.querySelector('form')!.requestSubmit();
    await waitFor(
      () => deepText(deepQuery(inside(root, 'sh-desk-tickets'), 'article')!).includes('A new one is on its way.'),
      'the reply',
    );
    expect(backend.data.tickets[0]!.status, 'answered: waiting on the customer').to.equal('pending');
    const select = deepQuery<HTMLSelectElement>(inside(root, 'sh-desk-tickets'), 'select')!;
    select.value = 'solved';
    select.dispatchEvent(new Event('change'));
    await waitFor(() => backend.data.tickets[0]!.status === 'solved', 'solved');
  });

  it('renders hostile strings in every field as inert text', async function () {
    this.timeout(30_000);
    const corpus = await hostileCorpus();
    const pick = (i: number) => corpus[i % corpus.length]!;
    const data = sampleDeskData('en');
    data.queue = corpus.slice(0, 40).map((s, i) => ({
      conversationId: `h-${i}`,
      position: i + 1,
      customer: { id: `u:${pick(i + 1)}`, name: s, tier: pick(i + 2), kind: 'signed' },
      priority: 'normal',
      reason: pick(i + 3),
      orderId: pick(i + 4),
      locale: 'en',
      waitingSince: pick(i + 5),
    }));
    const chat = data.conversations['c-1']!;
    chat.messages = corpus.map((s, i): Message => ({
      id: `h${i}`,
      seq: i + 1,
      conversationId: 'c-1',
      role: (['customer', 'bot', 'agent', 'system'] as const)[i % 4]!,
      author: { name: pick(i + 1) },
      text: s,
      cards: [
        { type: 'article', articleId: 'a', title: pick(i + 2), summary: pick(i + 3) },
        { type: 'action', actionId: 'b', title: pick(i + 4) },
        { type: 'result', ok: true, title: pick(i + 5), lines: [pick(i + 6)] },
        { type: 'replies', replies: [pick(i + 7)] },
      ],
      attachments: [{ id: 'x', name: pick(i + 8), size: 1, type: 'image/png', url: 'javascript:window.__pwned=1' }],
      createdAt: pick(i + 9),
    }));
    const order = chat.context.order!;
    chat.context = {
      ...chat.context,
      customer: { id: pick(1), name: pick(2), tier: pick(3) },
      reason: pick(4),
      order: { ...order, title: pick(5), status: pick(6), items: [{ name: pick(7), quantity: 2 }] },
      page: Object.fromEntries(corpus.slice(0, 30).map((s, i) => [i % 2 ? s : `k${i}`, pick(i + 10)])),
      transcript: corpus.map((s) => ({ role: 'customer', text: s, createdAt: s })),
      pastContacts: [{ type: 'conversation', id: pick(8), createdAt: pick(9), status: pick(10) }],
      suggestions: {
        articles: [{ type: 'article', articleId: 'a', title: pick(11) }],
        actions: [{ type: 'action', actionId: 'b', title: pick(12) }],
      },
    };
    data.tickets = corpus.slice(0, 30).map((s, i) => ({
      ...data.tickets[0]!,
      id: `T${i}`,
      category: s,
      description: pick(i + 1),
      contact: pick(i + 2),
      customer: { id: pick(i + 3), name: pick(i + 4) },
      attachments: [{ id: 'p', name: pick(i + 5), size: 1, type: 'image/png', url: 'javascript:window.__pwned=1' }],
    }));
    data.replies.T0 = [{ id: 'r', role: 'customer', text: pick(1), attachments: [], createdAt: pick(2) }];
    data.search = { messages: chat.messages.slice(0, 40), conversations: [], tickets: data.tickets.slice(0, 10) };
    data.canned = corpus
      .slice(0, 30)
      .map((s, i) => ({ id: `k${i}`, shortcut: pick(i + 1), title: s, text: pick(i + 2) }));

    const { root, desk } = await mount(scriptedDesk(data));
    await waitFor(() => deepQueryAll(root, '[part~="queue-item"]').length === 40, 'the hostile queue');
    assertInert(root);
    expect(deepText(root)).to.include(corpus[0]!.trim());
    desk.show({ kind: 'chat', id: 'c-1' });
    await waitFor(() => deepQueryAll(root, '[part~="conversation"] li').length >= corpus.length, 'the messages');
    await waitFor(() => deepQuery(root, '[part~="context"] .order'), 'the context');
    assertInert(root);
    expect(deepText(root)).to.include(corpus[2]!.trim());
    desk.setDraft('c-1', '/');
    await waitFor(() => deepQueryAll(root, '[part~="canned-reply"]').length === 30, 'the hostile saved replies');
    assertInert(root);
    desk.show({ kind: 'tickets' });
    await waitFor(() => deepQueryAll(root, '[part~="ticket-item"]').length === 30, 'the tickets');
    click(root, '[part~="ticket-item"] button', /T0\b/);
    await waitFor(() => deepQuery(inside(root, 'sh-desk-tickets'), 'article'), 'the ticket');
    assertInert(root);
    desk.show({ kind: 'search' });
    await desk.search('x');
    await waitFor(() => deepQueryAll(inside(root, 'sh-desk-search'), 'li').length === 50, 'the results');
    assertInert(root);
  });

  it('a malformed answer or a network failure is a notice, not a broken screen', async () => {
    const backend = scriptedDesk(sampleDeskData('en'));
    let broken: 'html' | 'network' | undefined;
    const desk = createDesk({
      fetch: (input, init) => {
        if (broken && String(input).includes('/tickets')) {
          return broken === 'html'
            ? Promise.resolve(new Response('<html>proxy error</html>', { status: 502 }))
            : Promise.reject(new TypeError('Failed to fetch'));
        }
        return backend.fetch(input, init);
      },
    });
    root = document.createElement('sh-desk');
    root.desk = desk;
    root.setAttribute('locale', 'en');
    document.body.append(root);
    await desk.restore();
    broken = 'html';
    desk.show({ kind: 'tickets' });
    await waitFor(() => deepText(root!).includes('Something went wrong: HTTP 502'), 'the notice');
    click(root, 'button', 'Dismiss');
    broken = 'network';
    await desk.loadTickets('open');
    await waitFor(() => deepText(root!).includes('The server cannot be reached'), 'the network notice');
    expect(desk.$auth.get()).to.equal('signed-in');
    desk.dispose();
  });
});
