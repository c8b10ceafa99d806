import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { AdapterError, createMemoryAdapter, init, type Adapter, type ServiceHallHandle } from '../../index.js';
import { en } from '../../i18n/en.js';
import { deepQuery, deepQueryAll, waitFor } from '../../test/dom.js';

// Test files run side by side on one origin: a user of their own keeps their stored conversations apart.
const USER = { id: 'test-rating' };

const FAST = { latency: 0, timing: { queueStepMs: 10, agentJoinMs: 10, typingMs: 5, botDelayMs: 5 } } as const;
const text = (el?: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** A widget whose conversation has just ended, and its rating prompt. */
const ended = async (adapter: Adapter) => {
  const handle = init({ adapter, locale: 'en', user: USER });
  await handle.ask('hello');
  await waitFor(() => deepQuery(handle.element, '.delivery.sent'), 'the message sent');
  await handle.end();
  const form = await waitFor(() => deepQuery<HTMLFormElement>(handle.element, 'form[part~="rating"]'), 'the rating');
  return { handle, form };
};

describe('<sh-rating>', () => {
  let handle: ServiceHallHandle;
  afterEach(() => {
    handle?.destroy();
    localStorage.clear();
  });

  it('chooses the score with the arrow keys in a labelled radio group', async () => {
    const setup = await ended(createMemoryAdapter(FAST));
    handle = setup.handle;
    const { form } = setup;
    expect(text(form.querySelector('legend'))).to.equal(en.rateTitle);
    const radios = [...form.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios).to.have.length(5);
    expect(radios.map((r) => text(form.querySelector(`label[for="${r.id}"]`)))).to.deep.equal(
      [1, 2, 3, 4, 5].map((score) => en.rateScore.replace('{score}', String(score))),
    );
    radios[0]!.focus();
    await sendKeys({ press: ' ' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await waitFor(() => form.querySelectorAll('label.on').length === 3, 'three stars on');
    expect(radios[2]!.checked).to.equal(true);
    expect(form.querySelector<HTMLButtonElement>('[type="submit"]')!.disabled).to.equal(false);
  });

  it('skips: the prompt goes and the conversation counts as unrated', async () => {
    const setup = await ended(createMemoryAdapter(FAST));
    handle = setup.handle;
    const signals: string[] = [];
    handle.on('signal', ({ type }) => signals.push(type));
    deepQueryAll<HTMLButtonElement>(setup.form, 'button')
      .find((b) => text(b) === en.rateSkip)!
      .click();
    await waitFor(() => !deepQuery(handle.element, '[part~="rating"]'), 'the prompt gone');
    expect(signals).to.include('unrated');
  });

  it('keeps the form with an error when the rating fails, and rates once on the next try', async () => {
    const memory = createMemoryAdapter(FAST);
    let failures = 1;
    const adapter: Adapter = {
      ...memory,
      rate: (rating, ctx) =>
        failures-- > 0 ? Promise.reject(new AdapterError('server', 'down', 503)) : memory.rate(rating, ctx),
    };
    const setup = await ended(adapter);
    handle = setup.handle;
    const ratings: unknown[] = [];
    handle.on('rating', (r) => ratings.push(r));
    const { form } = setup;
    form.querySelector<HTMLInputElement>('#score-2')!.click();
    const comment = form.querySelector('textarea')!;
    comment.value = '  slow reply  ';
    comment.dispatchEvent(new Event('input'));
    await waitFor(() => !form.querySelector<HTMLButtonElement>('[type="submit"]')!.disabled, 'submit enabled');
    form.querySelector<HTMLButtonElement>('[type="submit"]')!.click();
    await waitFor(() => text(form.querySelector('[role="alert"]')) === en.errorGeneric, 'the error');
    expect(ratings).to.have.length(0);
    form.querySelector<HTMLButtonElement>('[type="submit"]')!.click();
    await waitFor(() => text(deepQuery(handle.element, '[part~="rating"]')) === en.rateThanks, 'thanks');
    expect(ratings).to.deep.equal([
      {
        score: 2,
        tags: [],
        comment: 'slow reply',
        conversationId: (ratings[0] as { conversationId: string }).conversationId,
      },
    ]);
    expect(memory.records.ratings).to.have.length(1);
  });
});
