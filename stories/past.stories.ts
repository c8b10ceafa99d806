import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { defineServiceHall } from '../src/embed/register.js';
import {
  createMemoryAdapter,
  type ColorScheme,
  type Locale,
  type MemoryAdapter,
  type ServiceHallElement,
} from '../src/index.js';
import { deepQuery, waitFor } from '../src/test/dom.js';

defineServiceHall();

interface Args {
  locale: Locale;
  theme: ColorScheme;
  /** What has happened to the customer's fresh ticket: nothing yet, an agent's reply, or solved. */
  ticket: 'filed' | 'answered' | 'solved';
}

const DESCRIPTION: Record<Locale, string> = {
  'zh-CN': '收到的跑步鞋左脚开胶了',
  'zh-TW': '收到的跑步鞋左腳開膠了',
  en: 'The sole of the left running shoe is coming off',
};
const ANSWER: Record<Locale, string> = {
  'zh-CN': '很抱歉！请拍一张开胶处的照片，我们为您换新。',
  'zh-TW': '很抱歉！請拍一張開膠處的照片，我們為您換新。',
  en: 'Sorry about that! Send us a photo of the sole and we will replace the pair.',
};

/** A memory backend where the customer filed a ticket about an order, and the team did what `ticket` says. */
const backend = async ({ locale, ticket }: Args): Promise<MemoryAdapter> => {
  const memory = createMemoryAdapter({ latency: 0, timing: { ticketReplyMs: 0 } });
  const ctx = { signal: new AbortController().signal, locale };
  const { id } = await memory.submitTicket(
    {
      category: 'other',
      description: DESCRIPTION[locale],
      orderId: 'YX58176402',
      contact: 'a@example.com',
      attachments: [],
      context: { locale },
    },
    ctx,
  );
  if (ticket !== 'filed') memory.answerTicket(id, { text: ANSWER[locale] });
  if (ticket === 'solved') memory.answerTicket(id, { status: 'solved' });
  return memory;
};

const widget = (canvas: HTMLElement) => canvas.querySelector<ServiceHallElement>('service-hall')!;

/** Opens the ticket from the hall's "continue" card. */
const openTicket = async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const card = await waitFor(
    () => deepQuery<HTMLElement>(widget(canvasElement), '[part~="past-continue"]'),
    'continue',
  );
  card.click();
  await waitFor(() => deepQuery(widget(canvasElement), '[part~="thread"] .entries'), 'thread');
};

/**
 * A returning customer: what is still open first ("continue"), recent conversations and tickets with their
 * status and what is unread, a ticket's whole thread with a reply form, and "is it really solved?".
 */
const meta: Meta<Args> = {
  title: 'Journey/6 · Returning customer',
  component: 'sh-past',
  args: { locale: 'zh-CN', theme: 'light', ticket: 'answered' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['zh-CN', 'zh-TW', 'en'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    ticket: { control: 'inline-radio', options: ['filed', 'answered', 'solved'] },
  },
  loaders: [async ({ args }) => ({ adapter: await backend(args as Args) })],
  render: (args, { loaded }) =>
    html`<div style="block-size: 720px; max-inline-size: 420px; margin: 16px auto;">
      <service-hall
        mode="inline"
        locale=${args.locale}
        .options=${{ adapter: loaded.adapter, theme: args.theme }}
      ></service-hall>
    </div>`,
};
export default meta;

type Story = StoryObj<Args>;

/** The hall: "continue" on the open ticket, then past conversations and tickets. */
export const PastConversations: Story = { args: { ticket: 'filed' } };
export const PastConversationsEnglish: Story = { args: { ticket: 'filed', locale: 'en' } };
/** An agent's reply marks the ticket new in the list. */
export const TicketList: Story = { args: { locale: 'zh-TW' } };
export const TicketListDark: Story = { args: { theme: 'dark', locale: 'en' } };
/** The ticket's whole thread, with the reply form (text and photos). */
export const TicketThread: Story = { play: openTicket };
export const TicketThreadEnglishDark: Story = { args: { locale: 'en', theme: 'dark' }, play: openTicket };
/** Solved by the team: the customer is asked whether it really is. */
export const SolvedPrompt: Story = { args: { ticket: 'solved', locale: 'en' }, play: openTicket };
export const SolvedPromptChineseDark: Story = { args: { ticket: 'solved', theme: 'dark' }, play: openTicket };
export const SolvedPromptTraditional: Story = { args: { ticket: 'solved', locale: 'zh-TW' }, play: openTicket };
