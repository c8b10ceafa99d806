// The whole customer journey by keyboard alone, with axe run on the live widget at each step,
// in light and dark: open → choose a suggestion → answer → not solved → human → queue → agent → end →
// rating → close, focus checked along the way.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createMemoryAdapter, init, type ServiceHallHandle } from '../index.js';
import { expectAccessible } from '../test/axe.js';
import { deepQuery, deepQueryAll, deepText, waitFor } from '../test/dom.js';
import { deepActiveElement } from './focus.js';

const FAST = { latency: 0, timing: { queueStepMs: 30, agentJoinMs: 30, typingMs: 10, botDelayMs: 10 } } as const;

/** Presses Tab until `match` has focus; fails after `limit` presses, as a keyboard user would give up. */
const tabTo = async (match: (el: Element) => boolean, what: string, limit = 60) => {
  for (let i = 0; i < limit; i++) {
    const active = deepActiveElement();
    if (active && match(active)) return active as HTMLElement;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`could not reach ${what} with Tab`);
};
const byText = (text: string | RegExp) => (el: Element) =>
  el.tagName === 'BUTTON' && (typeof text === 'string' ? el.textContent!.trim() === text : text.test(el.textContent!));

for (const theme of ['light', 'dark'] as const) {
  describe(`the journey by keyboard (${theme})`, () => {
    let handle: ServiceHallHandle;
    afterEach(() => {
      handle.destroy();
      localStorage.clear();
    });

    it('open → suggestion → answer → human → agent → end → rating → close', async () => {
      handle = init({ adapter: createMemoryAdapter(FAST), locale: 'en', theme, user: { id: `kb-${theme}` } });
      const root = handle.element;
      await root.updateComplete;

      // Open from the launcher with the keyboard; focus moves into the dialog.
      const launcher = deepQuery<HTMLButtonElement>(root, '[part~="launcher"]')!;
      launcher.focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(() => deepQueryAll(root, '[part~="order-card"]').length, 'the hall');
      expect(deepActiveElement()?.getAttribute('part')).to.equal('panel');
      await expectAccessible(root, 'hall');

      // Type a question, pick the first suggestion with the arrow keys.
      await tabTo((el) => el.matches('[part~="input"]'), 'the composer');
      await sendKeys({ type: 'refund' });
      await waitFor(() => deepQueryAll(root, '[part~="suggestion"]').length, 'suggestions');
      await expectAccessible(root, 'suggestions');
      // Actions are listed first; move down to the first article, as a customer with a question would.
      const options = deepQueryAll(root, '[part~="suggestion"]');
      const article = options.findIndex((o) => /Article/.test(o.textContent!));
      expect(article, 'an article among the suggestions').to.be.at.least(0);
      for (let i = 0; i <= article; i++) await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await waitFor(() => deepQueryAll(root, '[part~="message"]').length >= 2, 'the answer', 8000);
      await waitFor(() => deepQueryAll(root, 'button').find(byText('No')), 'the helpful question');
      await expectAccessible(root, 'answer');

      // Not solved: the human is offered at once, and taken.
      (await tabTo(byText('No'), '"No"')).click();
      const offer = await waitFor(
        () => deepQueryAll<HTMLButtonElement>(deepQuery(root, 'sh-messages')!, 'button').find(byText('Human agent')),
        'the offer of a human',
      );
      await tabTo((el) => el === offer, 'the offer');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => deepQuery(root, '[part~="queue-status"]'), 'the queue');
      await expectAccessible(root, 'queued');
      const agent = await waitFor(
        () => root.session!.$messages.get().find((m) => m.role === 'agent'),
        'the agent',
        8000,
      );
      await waitFor(
        () => deepQueryAll(root, '[part~="message"]').some((m) => deepText(m).includes(agent.text.slice(0, 12))),
        'the agent’s reply on screen',
      );

      // End the conversation and rate it, by keyboard.
      (await tabTo(byText('End conversation'), 'End conversation')).click();
      const star = await waitFor(
        () => deepQuery<HTMLInputElement>(root, '[part~="rating"] input[type="radio"]'),
        'the rating',
      );
      await expectAccessible(root, 'rating');
      star.focus();
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      const ratings: number[] = [];
      handle.on('rating', (r) => r.articleId === undefined && ratings.push(r.score));
      await tabTo(byText('Submit'), 'Submit');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => ratings.length === 1, 'the rating event');
      expect(ratings).to.deep.equal([4]);

      // Escape closes, and focus returns to the launcher.
      await sendKeys({ press: 'Escape' });
      await waitFor(() => !handle.element.opened, 'closed');
      await waitFor(() => root.shadowRoot!.activeElement === launcher, 'focus back on the launcher');
    });
  });
}
