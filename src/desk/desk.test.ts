// The workbench against the real reference server (scripts/wtr-server.js; its proxy gives this page the
// desk API on its own origin, as /desk/ has it): a customer in the widget and an agent on the desk, both in
// this page, through the whole journey, with axe on each desk screen in light and dark.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ServiceHallHandle } from '../index.js';
import { expectAccessible } from '../test/axe.js';
import { byText, closeDesks, openDesk, signedWidget, waitingCustomer } from '../test/desk-journey.js';
import { deepQuery, deepQueryAll, deepText, waitFor } from '../test/dom.js';
import { realServer, serverUrl } from '../test/server.js';
import type { DeskRootElement } from './desk.js';
import { defineDesk } from './register.js';

defineDesk();

describe('the workbench with a customer on the real server', () => {
  let handle: ServiceHallHandle | undefined;
  let desk: DeskRootElement | undefined;
  afterEach(async () => {
    handle?.destroy();
    await closeDesks();
    localStorage.clear();
  });

  it('typing shows both ways: the agent in the widget, the customer on the desk', async function () {
    this.timeout(120_000);
    desk = await openDesk();
    const customer = await waitingCustomer(desk, 'typing');
    handle = customer.handle;
    const { widget, name, item } = customer;
    byText(item, 'button', /^\s*Take/)!.click();
    const reply = await waitFor(() => deepQuery<HTMLTextAreaElement>(desk!, '[part~="reply"]'), 'the reply field');
    await waitFor(() => widget.session!.$human.get().status === 'connected', 'the agent joined in the widget', 10_000);

    reply.focus();
    await sendKeys({ type: 'Let me check' });
    await waitFor(() => deepText(widget).includes('王伟 Wei is typing…'), 'the agent typing in the widget', 10_000);
    reply.select();
    await sendKeys({ press: 'Backspace' });
    await waitFor(() => !deepText(widget).includes('is typing…'), 'stopped when the draft is empty', 10_000);

    const input = deepQuery<HTMLTextAreaElement>(widget, '[part~="input"]')!;
    input.focus();
    await sendKeys({ type: 'Is anyone there' });
    const conversation = () => deepText(deepQuery(desk!, '[part~="conversation"]')!);
    await waitFor(() => conversation().includes(`${name} is typing…`), 'the customer typing on the desk', 10_000);
    await sendKeys({ press: 'Enter' });
    await waitFor(
      () => conversation().includes('Is anyone there') && !conversation().includes('is typing…'),
      'the message, and no more typing',
      10_000,
    );
  });

  it('transfer: the customer reads a neutral note, and the colleague gets the conversation with its context', async function () {
    this.timeout(120_000);
    desk = await openDesk();
    // The colleague comes online (any desk request counts as being seen).
    const lina = (method: string, path: string, body?: unknown) =>
      realServer<{ status: number; body: unknown }>({ action: 'desk', agent: 'lina@demo.test', method, path, body });
    await lina('PUT', 'presence', { status: 'online' });
    const customer = await waitingCustomer(desk, 'transfer');
    handle = customer.handle;
    const { widget, item } = customer;
    byText(item, 'button', /^\s*Take/)!.click();
    const button = await waitFor(
      () => deepQuery<HTMLButtonElement>(desk!, '[part~="transfer"]'),
      'the transfer button',
    );
    const id = (desk.desk.$view.get() as { id: string }).id;
    await waitFor(() => widget.session!.$human.get().status === 'connected', 'the agent joined in the widget', 10_000);
    button.click();
    const form = await waitFor(() => deepQuery<HTMLFormElement>(desk!, '[part~="transfer-form"]'), 'the form');
    await waitFor(() => form.querySelector('select')!.value === 'a-lina', 'Lina, online with room, chosen');
    form.requestSubmit();
    await waitFor(() => deepText(desk!).includes('Transferred to 李娜 Lina.'), 'the confirmation', 10_000);
    expect(desk.desk.$chats.get()[id], 'gone from this desk').to.equal(undefined);

    const note = "You're now talking with 李娜 Lina, who can see everything said so far.";
    await waitFor(() => deepText(widget).includes(note), 'the note in the widget', 10_000);
    expect(widget.session!.$human.get()).to.include({ status: 'connected' });
    expect(widget.session!.$human.get().agent?.name).to.equal('李娜 Lina');
    const detail = (await lina('GET', `conversations/${id}`)).body as {
      conversation: { agentId?: string };
      context: { transcript: { text: string }[] };
    };
    expect(detail.conversation.agentId).to.equal('a-lina');
    expect(detail.context.transcript.map((m) => m.text)).to.include('My parcel is late, can a person help?');
    await lina('POST', `conversations/${id}/close`, {});
  });

  it('escalation about an order → VIP in the queue → context → article and reply → end → rating', async function () {
    this.timeout(120_000);
    const run = Date.now().toString(36);
    const name = `Chen ${run}`;

    desk = await openDesk();
    await expectAccessible(desk, 'desk: queue (light)');

    // The customer, a VIP, asks about a shipped order in anger and asks for a person.
    handle = await signedWidget(
      { id: `desk-${run}`, name, tier: 'vip' },
      { context: { page: 'order-detail', product: 'Noise-cancelling earbuds' } },
    );
    const widget = handle.element;
    await handle.open();
    const card = await waitFor(
      () => deepQueryAll(widget, '[part~="order-card"]').find((c) => deepText(c).includes('YX58190385')),
      'the shipped order in the hall',
      8000,
    );
    byText(card, 'button', 'Ask about this order')!.click();
    const complaint = 'My earbuds never arrived. This is unacceptable, I want a refund!';
    await handle.ask(complaint);
    await handle.escalate();

    // The agent sees them as VIP in the queue, angry, and takes them.
    const item = await waitFor(
      () => deepQueryAll(desk!, '[part~="queue-item"]').find((i) => deepText(i).includes(name)),
      'the customer in the queue',
      10_000,
    );
    expect(deepText(item)).to.include('VIP');
    expect(deepText(item)).to.include('Angry');
    expect(deepText(item)).to.include('YX58190385');
    byText(item, 'button', new RegExp(`^\\s*Take`))!.click();

    // The context panel: the order card, the page, the mood and the transcript.
    const context = await waitFor(() => deepQuery(desk!, '[part~="context"] .order'), 'the order in the context', 8000);
    const panel = deepText(deepQuery(desk, '[part~="context"]')!);
    expect(deepText(context)).to.include('YX58190385');
    expect(deepText(context)).to.include('Shipped');
    expect(panel).to.include('order-detail');
    expect(panel).to.include('Noise-cancelling earbuds');
    expect(panel).to.include('Angry');
    expect(panel).to.include(complaint);
    await expectAccessible(desk, 'desk: conversation (light)');
    desk.theme = 'dark';
    await desk.updateComplete;
    await expectAccessible(desk, 'desk: conversation (dark)');

    // An article card with one click, then a typed reply sent with Enter.
    const send = await waitFor(
      () => deepQueryAll<HTMLButtonElement>(desk!, '[part~="context"] button').find((b) => !b.disabled),
      'a suggestion to send',
    );
    const title = send.getAttribute('aria-label')!.replace(/^Send “(.*)”$/, '$1');
    send.click();
    const reply = deepQuery<HTMLTextAreaElement>(desk, '[part~="reply"]')!;
    reply.focus();
    await sendKeys({ type: 'Sorry about that, here is how refunds work.' });
    await sendKeys({ press: 'Enter' });
    // A saved reply by its shortcut, with the customer's name and the order filled in from the context.
    await sendKeys({ type: '/order' });
    await waitFor(() => deepQueryAll(desk!, '[part~="canned-reply"]').length === 1, 'the saved reply');
    await sendKeys({ press: 'Enter' });
    const saved = "I've found your order YX58190385 and I'm on it.";
    await waitFor(() => reply.value === saved, 'the saved reply filled in');
    await sendKeys({ press: 'Enter' });

    // The customer sees both.
    await waitFor(
      () => {
        const messages = widget.session!.$messages.get().filter((m) => m.role === 'agent');
        return (
          messages.some((m) => m.cards?.some((c) => c.type === 'article' && c.title === title)) &&
          messages.some((m) => m.text === 'Sorry about that, here is how refunds work.') &&
          messages.some((m) => m.text === saved)
        );
      },
      'the card and the reply in the widget',
      10_000,
    );
    expect(reply.value, 'the field is empty after sending').to.equal('');

    // The agent ends; the customer rates; the agent sees the rating.
    deepQuery<HTMLButtonElement>(desk, '[part~="end"]')!.click();
    const stars = await waitFor(
      () => {
        const radios = deepQueryAll<HTMLInputElement>(widget, '[part~="rating"] input[type="radio"]');
        return radios.length >= 5 && radios;
      },
      'the rating prompt',
      10_000,
    );
    stars[3]!.click();
    const submit = await waitFor(
      () => deepQueryAll<HTMLButtonElement>(widget, '[part~="rating"] button[type="submit"]').find((b) => !b.disabled),
      'the rating ready to submit',
    );
    submit.click();
    await waitFor(
      () => deepText(deepQuery(desk!, '[part~="conversation"]')!).includes('Rating: 4 of 5'),
      'the rating on the desk',
      10_000,
    );
    await expectAccessible(desk, 'desk: ended and rated (dark)');
  });

  it('a customer late by the OLA is marked and served first, before a VIP who has not waited long', async function () {
    this.timeout(120_000);
    const url = await serverUrl();
    desk = await openDesk();
    const late = await waitingCustomer(desk, 'late');
    handle = late.handle;
    const items = () => deepQueryAll(desk!, '[part~="queue-item"]');
    const itemOf = (name: string) => items().find((i) => deepText(i).includes(name));
    // The test server's OLA: 15 s in the queue is late (scripts/wtr-server.js).
    await waitFor(
      () => deepText(itemOf(late.name) ?? document.createElement('li')).includes('Late: waiting too long'),
      'the late mark',
      40_000,
    );

    // A VIP asks for a person now: by priority before the late customer, were it not for the OLA.
    const run = `vip-${Date.now().toString(36)}`;
    const vip = `VIP ${run}`;
    const token = await realServer<string>({ action: 'customer', sub: run, name: vip, tier: 'vip' });
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${url}/api/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.ok, `${path}: ${response.status}`).to.equal(true);
      return response.json() as Promise<Record<string, unknown>>;
    };
    const { conversationId } = await post('conversations/messages', {
      clientId: `${run}-1`,
      text: 'I need a person, please',
      attachments: [],
      context: { locale: 'en' },
    });
    await post(`conversations/${conversationId}/human`, {
      reason: 'customer asked',
      priority: 'normal',
      context: { locale: 'en' },
      transcript: [],
    });
    await waitFor(() => itemOf(vip), 'the VIP in the queue', 10_000);

    const [first] = items();
    expect(deepText(first!)).to.include(late.name).and.include('Late: waiting too long');
    expect(first!.getAttribute('aria-label')).to.equal(`${late.name}, late: waiting too long`);
    const second = itemOf(vip)!;
    expect(items().indexOf(second)).to.be.greaterThan(0);
    expect(deepText(second)).to.include('VIP').and.not.include('Late');
    await expectAccessible(desk, 'desk: a late customer first (light)');

    // Both taken, so that they leave the queue (closeDesks ends them).
    for (const entry of desk.desk.$queue.get().filter((q) => q.customer.name === late.name || q.customer.name === vip))
      await desk.desk.take(entry.conversationId);
  });

  it('history search finds Chinese by any two-character word', async function () {
    this.timeout(120_000);
    const run = Date.now().toString(36);
    handle = await signedWidget({ id: `search-${run}`, name: '周' + run }, { locale: 'zh-CN' });
    const text = `我的空气炸锅有异味 ${run}`;
    await handle.ask(text);
    await waitFor(() => handle!.element.session!.$messages.get().some((m) => m.role === 'customer' && m.seq), 'sent');

    desk = await openDesk({ locale: 'zh-CN' });
    byText(desk, 'nav button', '搜索')!.click();
    const field = await waitFor(() => deepQuery<HTMLInputElement>(desk!, '[part~="search"]'), 'the search field');
    field.value = '异味';
    field.form!.requestSubmit();
    await waitFor(() => deepText(desk!).includes(text), 'the message found by 异味', 8000);
    field.value = '炸锅';
    field.form!.requestSubmit();
    await waitFor(
      () => desk!.desk.$search.get().query === '炸锅' && deepText(desk!).includes(text),
      'found by 炸锅',
      8000,
    );
  });
});
