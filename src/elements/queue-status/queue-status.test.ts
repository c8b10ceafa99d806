import { expect } from '@open-wc/testing';
import { createMemoryAdapter, init, type ServiceHallHandle } from '../../index.js';
import { en } from '../../i18n/en.js';
import { deepQuery, deepQueryAll, waitFor } from '../../test/dom.js';
import { QueueStatusElement } from './queue-status.js';

// Test files run side by side on one origin: a user of their own keeps their stored conversations apart.
const USER = { id: 'test-queue' };

// The queue stays put for the whole test: nobody joins.
const SLOW = { latency: 0, timing: { queueStepMs: 60_000, agentJoinMs: 60_000, typingMs: 5, botDelayMs: 5 } } as const;

const status = (handle: ServiceHallHandle) => deepQuery(handle.element, 'sh-queue-status');
const text = (el?: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<sh-queue-status>', () => {
  let handle: ServiceHallHandle;
  const reassureMs = QueueStatusElement.reassureMs;
  afterEach(() => {
    QueueStatusElement.reassureMs = reassureMs;
    handle?.destroy();
    localStorage.clear();
  });

  it('shows and announces the position and wait, reassures at intervals, and leaves the queue', async () => {
    QueueStatusElement.reassureMs = 40;
    handle = init({ adapter: createMemoryAdapter(SLOW), locale: 'en', user: USER });
    const signals: string[] = [];
    handle.on('signal', ({ type }) => signals.push(type));
    void handle.escalate();
    const bar = await waitFor(() => deepQuery(handle.element, '[part~="queue-status"]'), 'the queue bar');
    await waitFor(() => text(bar).includes('You are number 3 in line'), 'the position');
    expect(text(bar)).to.contain('Expected wait about 2 min');
    expect(text(bar)).to.not.contain(en.priority);
    const live = () => text(status(handle)!.shadowRoot!.querySelector('[role="status"]'));
    await waitFor(() => live() === 'You are number 3 in line Expected wait about 2 min', 'the position announced');
    await waitFor(() => text(bar).includes(en.stillHere), 'the reassurance');
    await waitFor(() => live() === en.stillHere, 'the reassurance announced');

    deepQueryAll<HTMLButtonElement>(bar, 'button')
      .find((b) => text(b) === en.cancelWait)!
      .click();
    await waitFor(() => !deepQuery(handle.element, '[part~="queue-status"]'), 'the bar gone');
    expect(signals).to.include('queue-abandoned');
  });

  it('flags priority service for a VIP customer', async () => {
    handle = init({ adapter: createMemoryAdapter(SLOW), locale: 'en', user: { ...USER, tier: 'vip' } });
    void handle.escalate();
    const bar = await waitFor(() => deepQuery(handle.element, '[part~="queue-status"]'), 'the queue bar');
    await waitFor(() => text(bar).includes('You are number 1 in line'), 'the front of the queue');
    expect(text(bar)).to.contain(en.priority);
  });
});
