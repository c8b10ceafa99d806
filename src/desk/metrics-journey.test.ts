// The metrics screen against the real reference server (scripts/wtr-server.js, as in desk.test.ts): a
// customer in the widget and an admin on the desk, both in this page. A conversation played through (a question
// no article answers, a hand-off, an answer, a rating of 2) moves the figures on the screen's next refresh.
import { expect } from '@open-wc/testing';
import type { Figures } from '../core/metrics.js';
import type { ServiceHallHandle } from '../index.js';
import { expectAccessible } from '../test/axe.js';
import { signedWidget } from '../test/desk-journey.js';
import { deepQuery, deepQueryAll, deepText, waitFor } from '../test/dom.js';
import type { DeskRootElement } from './desk.js';
import { defineDesk } from './register.js';

defineDesk();

const byText = (root: ParentNode, selector: string, text: string | RegExp) =>
  deepQueryAll<HTMLElement>(root, selector).find((el) =>
    typeof text === 'string' ? el.textContent!.trim() === text : text.test(el.textContent!),
  );

/** A desk in this page, signed in through the form as `email`. */
const signedIn = async (email: string) => {
  const desk = document.createElement('sh-desk');
  desk.setAttribute('locale', 'en');
  desk.theme = 'light';
  document.body.append(desk);
  const form = await waitFor(() => deepQuery<HTMLFormElement>(desk, '[part~="sign-in"]'), 'the sign-in form', 8000);
  form.querySelector<HTMLInputElement>('input[type="email"]')!.value = email;
  form.querySelector<HTMLInputElement>('input[type="password"]')!.value = 'service-hall-demo';
  form.requestSubmit();
  await waitFor(() => desk.desk.$auth.get() === 'signed-in' && desk.desk.$presence.get() === 'online', 'online');
  return desk;
};

const screen = (desk: DeskRootElement) =>
  deepQuery(desk, 'sh-desk-metrics')?.shadowRoot ?? document.createDocumentFragment();

/** The text of the headline figure card named `name`. */
const card = (desk: DeskRootElement, name: string) => {
  const found = deepQueryAll(screen(desk), '[part~="summary"] > div').find(
    (c) => c.querySelector('dt')?.textContent?.trim() === name,
  );
  return found ? deepText(found).replace(/\s+/g, ' ') : '';
};

/** Waits for a load that ended after `since`, and answers its totals. */
const loadedAfter = async (desk: DeskRootElement, since: number): Promise<Figures> => {
  const state = await waitFor(
    () => {
      const s = desk.desk.metrics.$metrics.get();
      return !s.loading && (s.loadedAt ?? 0) > since && s.data && s;
    },
    'the figures loaded',
    10_000,
  );
  await desk.updateComplete;
  await (deepQuery(desk, 'sh-desk-metrics') as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return state.data!.totals;
};

describe('the metrics screen with a customer on the real server', () => {
  let handle: ServiceHallHandle | undefined;
  let desk: DeskRootElement | undefined;
  afterEach(async () => {
    handle?.destroy();
    await desk?.desk.signOut();
    desk?.remove();
    localStorage.clear();
  });

  it('escalated, answered, rated 2: CSAT, bot-to-human and handling time move on refresh; the unanswered query is a gap', async function () {
    this.timeout(120_000);
    const run = Date.now().toString(36);

    desk = await signedIn('lina@demo.test');
    byText(desk, 'nav button', 'Metrics')!.click();
    const before = await loadedAfter(desk, 0);
    await expectAccessible(desk, 'desk: metrics on the real server');
    const rateText = (f: Figures['botToHuman']) => `${f!.count} of ${f!.of}`;
    expect(card(desk, 'Bot to human')).to.include(rateText(before.botToHuman));

    // The customer asks something no article answers, then asks for a person.
    handle = await signedWidget({ id: `metrics-${run}`, name: `Lee ${run}` });
    const widget = handle.element;
    const question = `Is there a student discount? (${run})`;
    await handle.ask(question);
    await waitFor(() => widget.session!.$messages.get().some((m) => m.role === 'bot'), 'the bot’s answer', 10_000);
    await handle.escalate();

    // The admin takes the customer from the queue, answers and ends the conversation.
    byText(desk, 'nav button', /^\s*Queue/)!.click();
    const item = await waitFor(
      () => deepQueryAll(desk!, '[part~="queue-item"]').find((i) => deepText(i).includes(`Lee ${run}`)),
      'the customer in the queue',
      10_000,
    );
    byText(item, 'button', /^\s*Take/)!.click();
    const reply = await waitFor(() => deepQuery<HTMLTextAreaElement>(desk!, '[part~="reply"]'), 'the reply field');
    reply.value = 'Not yet, but members get coupons every month.';
    reply.dispatchEvent(new InputEvent('input'));
    reply.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await waitFor(
      () => widget.session!.$messages.get().some((m) => m.role === 'agent' && m.text.includes('coupons every month')),
      'the answer in the widget',
      10_000,
    );
    deepQuery<HTMLButtonElement>(desk, '[part~="end"]')!.click();
    const stars = await waitFor(
      () => {
        const radios = deepQueryAll<HTMLInputElement>(widget, '[part~="rating"] input[type="radio"]');
        return radios.length >= 5 && radios;
      },
      'the rating prompt',
      10_000,
    );

    // Back on the metrics screen before the rating: the hand-off and the handling time are counted already.
    let since = Date.now();
    byText(desk, 'nav button', 'Metrics')!.click();
    const ended = await loadedAfter(desk, since);
    expect(ended.botToHuman!.count, 'one more bot conversation handed off').to.equal(before.botToHuman!.count + 1);
    expect(ended.botToHuman!.of).to.equal(before.botToHuman!.of + 1);
    expect(ended.handlingSeconds.count, 'one more handled conversation').to.equal(before.handlingSeconds.count + 1);
    expect(card(desk, 'Bot to human')).to.include(rateText(ended.botToHuman));
    expect(ended.csat.responses).to.equal(before.csat.responses);

    // The customer rates 2; the admin's Refresh shows it.
    stars[1]!.click();
    const submit = await waitFor(
      () => deepQueryAll<HTMLButtonElement>(widget, '[part~="rating"] button[type="submit"]').find((b) => !b.disabled),
      'the rating ready to submit',
    );
    submit.click();
    // The rating is on the server once the desk's stream has brought it to the ended conversation.
    await waitFor(
      () => Object.values(desk!.desk.$chats.get()).some((c) => c.context?.rating?.score === 2),
      'the rating on the desk',
      10_000,
    );
    since = Date.now();
    byText(screen(desk), 'button', 'Refresh')!.click();
    const rated = await loadedAfter(desk, since);
    expect(rated.csat.responses).to.equal(before.csat.responses + 1);
    expect(rated.csat.distribution[2]).to.equal(before.csat.distribution[2] + 1);
    const expected =
      Math.round((((before.csat.average ?? 0) * before.csat.responses + 2) / (before.csat.responses + 1)) * 100) / 100;
    expect(rated.csat.average).to.be.closeTo(expected, 0.011);
    const csat = card(desk, 'Satisfaction (CSAT)');
    expect(csat).to.include(`${rated.csat.responses} ratings`);
    expect(csat).to.include(new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(rated.csat.average!));
    // The per-day table's total row says the same.
    expect(deepText(deepQuery(screen(desk), '[part~="days"] tfoot')!)).to.include(String(rated.csat.responses));

    // The question no article answered is a knowledge gap, in the customer's words.
    const gap = deepQueryAll(screen(desk), '[part~="gap"]').find((g) => deepText(g).includes(question));
    expect(gap, 'the unanswered question among the gaps').to.not.equal(undefined);
    expect(deepText(gap!)).to.include('1 without an article').and.include('1 handed to a person');
    await expectAccessible(desk, 'desk: metrics after the journey');
  });

  it('an agent without the admin role has no metrics screen, and the API refuses them', async function () {
    this.timeout(60_000);
    desk = await signedIn('wei@demo.test');
    await waitFor(() => byText(desk!, 'nav button', 'Search'), 'the navigation');
    expect(byText(desk, 'nav button', 'Metrics')).to.equal(undefined);
    // Straight to the API with this page's session: 403, not the figures.
    const response = await fetch('/api/desk/metrics', { credentials: 'same-origin' });
    expect(response.status).to.equal(403);
    expect((await response.json()).error.code).to.equal('forbidden');
    // Shown anyway (an old link, a changed role), the screen says why rather than showing nothing.
    desk.desk.show({ kind: 'metrics' });
    const alert = await waitFor(() => deepQuery(screen(desk!), '[role="alert"]'), 'the refusal', 10_000);
    expect(deepText(alert)).to.include('Only admins can see');
  });
});
