import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { defineServiceHall } from '../src/embed/register.js';
import {
  AdapterError,
  createMemoryAdapter,
  type Adapter,
  type Locale,
  type MemoryData,
  type ServiceHallElement,
} from '../src/index.js';
import { deepQuery, deepQueryAll, waitFor } from '../src/test/dom.js';
import { createHistoryAdapter, keepOnDevice } from '../src/test/history.js';

defineServiceHall();

type MemoryTiming = NonNullable<MemoryData['timing']>;

interface Args {
  locale: Locale;
  /** How fast the simulated bot and agents work; some stories hold a state by making a step very slow. */
  timing: MemoryTiming;
  /** Sending fails this many times before it works. */
  failSends: number;
  /** Earlier messages the conversation already holds. */
  history: number;
}

const QUICK: MemoryTiming = { queueStepMs: 300, agentJoinMs: 200, typingMs: 150, botDelayMs: 50 };
/** Long enough that the story stays in its state. */
const HOLD = 3_600_000;

const adapterFor = ({ timing, failSends, history }: Args): Adapter => {
  const memory = createMemoryAdapter({ latency: 0, timing });
  if (history) return createHistoryAdapter(memory, history);
  let failures = failSends;
  return failures
    ? {
        ...memory,
        sendMessage: (message, ctx) =>
          failures-- > 0
            ? Promise.reject(new AdapterError('rejected', 'message rejected', 400))
            : memory.sendMessage(message, ctx),
      }
    : memory;
};

/** The widget in the canvas, once its panel and session are loaded. */
const widget = async (canvas: HTMLElement) => {
  const el = canvas.querySelector<ServiceHallElement>('service-hall')!;
  await el.whenReady();
  return el;
};

const press = async (root: Element, label: string) => {
  const button = await waitFor(
    () => deepQueryAll<HTMLButtonElement>(root, 'button').find((b) => b.textContent?.trim() === label),
    label,
  );
  button.click();
};

/**
 * The conversation view: messages with cards, delivery states, typing, the queue for a human and the
 * rating at the end. Each story drives the widget through its public methods (`ask`, `escalate`, `end`).
 */
const meta: Meta<Args> = {
  title: 'Widget/Conversation',
  component: 'sh-messages',
  args: { locale: 'zh-CN', timing: QUICK, failSends: 0, history: 0 },
  argTypes: {
    locale: { control: 'inline-radio', options: ['zh-CN', 'zh-TW', 'en'] },
    timing: { control: false },
    failSends: { control: false },
    history: { control: false },
  },
  render: (args) =>
    html`<div style="block-size: 680px; max-inline-size: 420px; margin: 16px auto;">
      <service-hall mode="inline" locale=${args.locale} .options=${{ adapter: adapterFor(args) }}></service-hall>
    </div>`,
};
export default meta;

type Story = StoryObj<Args>;

const ask = async (canvas: HTMLElement, question: string) => {
  const el = await widget(canvas);
  await el.ask(question);
  await waitFor(() => deepQuery(el, '.card.article'), 'the answer');
  return el;
};

/** A bot answer with an article card, answered "Yes". */
export const AnswerHelpful: Story = {
  args: { locale: 'en' },
  play: async ({ canvasElement }) => press(await ask(canvasElement, 'Where is my package?'), 'Yes'),
};

/** A bot answer answered "No": a person is offered at once. */
export const AnswerUnhelpful: Story = {
  play: async ({ canvasElement }) => press(await ask(canvasElement, '我的快递到哪了'), '未解决'),
};

/** Waiting for a human: the position, the expected wait and a way to leave the queue. */
export const Queued: Story = {
  args: { timing: { ...QUICK, queueStepMs: HOLD } },
  play: async ({ canvasElement }) => {
    const el = await widget(canvasElement);
    await el.escalate();
    await waitFor(() => deepQuery(el, '[part~="queue-status"]'), 'the queue');
  },
};

/** An agent has joined and is typing. */
export const AgentTyping: Story = {
  args: { timing: { ...QUICK, queueStepMs: 50, agentJoinMs: 50, typingMs: HOLD } },
  play: async ({ canvasElement }) => {
    const el = await widget(canvasElement);
    await el.escalate();
    await waitFor(() => deepQuery(el, '.typing'), 'typing');
  },
};

/** A message that could not be sent, with the reason and Retry (which works). */
export const FailedWithRetry: Story = {
  args: { locale: 'en', failSends: 1, timing: { ...QUICK, botDelayMs: HOLD } },
  play: async ({ canvasElement }) => {
    const el = await widget(canvasElement);
    await el.ask('Can I change my delivery address?');
    await waitFor(() => deepQuery(el, '.delivery.failed'), 'the failure');
  },
};

/**
 * A conversation with 1,000 earlier messages, read far up: at most 180 are rendered at once, so the newest
 * have gone and "Later messages" brings them back.
 */
export const LongHistory: Story = {
  args: { locale: 'en', history: 1000 },
  play: async ({ canvasElement }) => {
    const el = await widget(canvasElement);
    await el.ask('Hello again');
    await waitFor(() => deepQueryAll(el, '[part~="message"]').length > 50, 'the history');
    for (let page = 0; page < 4; page++) await press(el, 'Earlier messages');
    await waitFor(
      () => deepQueryAll(el, 'button').some((b) => b.textContent?.trim() === 'Later messages'),
      'the window',
    );
  },
};

/**
 * A returning customer whose device kept the latest 100 of 1,000 messages: scrolled above them, the page before
 * them comes from the server, and here it fails, with the notice and "Try again".
 */
export const EarlierFailed: Story = {
  args: { locale: 'en' },
  render: (args) => {
    const user = { id: `story-earlier-${args.locale}` };
    keepOnDevice(user.id, 1000);
    const adapter: Adapter = {
      ...createHistoryAdapter(createMemoryAdapter({ latency: 0, timing: QUICK }), 1000),
      loadMessages: () => Promise.reject(new AdapterError('network', 'the history page did not arrive')),
    };
    return html`<div style="block-size: 680px; max-inline-size: 420px; margin: 16px auto;">
      <service-hall mode="inline" locale=${args.locale} .options=${{ adapter, user }}></service-hall>
    </div>`;
  },
  play: async ({ canvasElement }) => {
    const el = await widget(canvasElement);
    await el.ask('I asked about this yesterday');
    await waitFor(() => deepQueryAll(el, '[part~="message"]').length > 50, 'the kept history');
    const list = (await waitFor(() => deepQuery(el, 'sh-messages'), 'the messages')).shadowRoot!;
    // Up through the 100 kept, a window at a time, to the page the server does not send.
    while (!list.querySelector('[role="alert"]')) {
      list.querySelector<HTMLButtonElement>('.log > button.link')?.click();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  },
};

export const EarlierFailedChinese: Story = { ...EarlierFailed, args: { locale: 'zh-CN' } };
export const EarlierFailedTraditional: Story = { ...EarlierFailed, args: { locale: 'zh-TW' } };

/** The conversation has ended: the rating prompt. */
export const Rating: Story = {
  args: { timing: { ...QUICK, botDelayMs: HOLD } },
  play: async ({ canvasElement }) => {
    const el = await widget(canvasElement);
    await el.ask('你好');
    await waitFor(() => deepQuery(el, '.delivery.sent'), 'the message sent');
    await el.end();
    await waitFor(() => deepQuery(el, '[part~="rating"]'), 'the rating');
  },
};
