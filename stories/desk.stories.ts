import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Locale } from '../src/core/types.js';
import { defineDesk } from '../src/desk/register.js';
import { createDesk, type Desk, type View } from '../src/desk/store.js';
import { lateItems, sampleDeskData, scriptedDesk, type DeskData, type ScriptedDesk } from '../src/test/desk-backend.js';
import { deepQuery, waitFor } from '../src/test/dom.js';

defineDesk();

type State =
  | 'sign-in'
  | 'expired'
  | 'queue'
  | 'late'
  | 'late-tickets'
  | 'conversation'
  | 'canned'
  | 'files'
  | 'rated'
  | 'tickets'
  | 'search';

interface Args {
  locale: Locale;
  theme: 'light' | 'dark';
  state: State;
}

const search = (data: DeskData): DeskData['search'] => ({
  messages: data.conversations['c-1']!.messages.filter((m) => m.role === 'customer'),
  conversations: [data.conversations['c-1']!.conversation],
  tickets: data.tickets.slice(0, 1),
});

/**
 * Files attached to the reply: one uploaded, one whose upload failed (with Retry), one still uploading with
 * a hostile name, which shows as text.
 */
const attachFiles = async (desk: Desk, backend: ScriptedDesk, locale: Locale) => {
  backend.uploads = (file) => (file.type === 'application/pdf' ? 'fail' : file.type === 'text/plain' ? 'hang' : 'ok');
  // The draft belongs to the conversation, which the event stream opens.
  await waitFor(() => desk.$chats.get()['c-1'], 'the conversation');
  desk.setDraft('c-1', locale === 'en' ? 'Here is the return label.' : '这是退货标签。');
  desk.files.add('c-1', [
    new File([new Uint8Array(2048)], 'return-label.png', { type: 'image/png' }),
    new File([new Uint8Array(4096)], locale === 'en' ? 'receipt.pdf' : '发票.pdf', { type: 'application/pdf' }),
    new File(['notes'], '<img src=x onerror=alert(1)>.txt', { type: 'text/plain' }),
  ]);
};

/** A workbench on the scripted desk API (src/test/desk-backend.ts), brought to `state`. */
const workbench = ({ locale, theme, state }: Args) => {
  const data = sampleDeskData(locale);
  if (state === 'rated') {
    const chat = data.conversations['c-1']!;
    chat.conversation = { ...chat.conversation, human: 'closed', closedBy: 'agent' };
    chat.context.rating = {
      score: 4,
      tags: [],
      comment: locale === 'en' ? 'Quick and kind.' : '很快，态度很好。',
      createdAt: new Date().toISOString(),
    };
  }
  if (state === 'late' || state === 'late-tickets') lateItems(data);
  data.search = search(data);
  const backend = scriptedDesk(data, state !== 'sign-in');
  const desk = createDesk({ fetch: backend.fetch });
  const view: View =
    state === 'conversation' || state === 'canned' || state === 'files' || state === 'rated'
      ? { kind: 'chat', id: 'c-1' }
      : state === 'tickets' || state === 'late-tickets' || state === 'search'
        ? { kind: state === 'search' ? 'search' : 'tickets' }
        : { kind: 'queue' };
  void desk.restore().then(async () => {
    desk.show(view);
    if (state === 'tickets') await desk.openTicket('T20261201000042');
    if (state === 'search') await desk.search(locale === 'en' ? 'refund' : '退款');
    // The saved replies listed, as after typing "/" in the reply field.
    if (state === 'canned') desk.setDraft('c-1', '/');
    if (state === 'files') await attachFiles(desk, backend, locale);
    if (state === 'expired') {
      desk.setDraft('c-1', locale === 'en' ? 'Your refund is on its way' : '退款已经在路上了');
      backend.expire();
      await desk.loadTickets();
    }
  });
  return html`<sh-desk .desk=${desk} locale=${locale} .theme=${theme}></sh-desk>`;
};

/**
 * The agent workbench at `/desk/`: sign-in, the live queue, a conversation with its context panel, tickets
 * and history search, on a scripted desk API.
 */
const meta: Meta<Args> = {
  title: 'Desk/Workbench',
  component: 'sh-desk',
  args: { locale: 'zh-CN', theme: 'light', state: 'queue' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['zh-CN', 'zh-TW', 'en'] },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
    state: {
      control: 'select',
      options: [
        'sign-in',
        'expired',
        'queue',
        'late',
        'late-tickets',
        'conversation',
        'canned',
        'files',
        'rated',
        'tickets',
        'search',
      ],
    },
  },
  render: (args) => html`<div style="min-block-size: 800px">${workbench(args)}</div>`,
};
export default meta;

type Story = StoryObj<Args>;

export const SignIn: Story = { args: { state: 'sign-in' } };
export const SessionExpired: Story = { args: { state: 'expired', locale: 'en' } };
export const Queue: Story = { args: { state: 'queue' } };
export const QueueDark: Story = { args: { state: 'queue', theme: 'dark', locale: 'en' } };
/** Late items: first in the queue and marked, and a held conversation without a reply marked in the list. */
export const Late: Story = { args: { state: 'late', locale: 'en' } };
export const LateDark: Story = { args: { state: 'late', theme: 'dark', locale: 'zh-TW' } };
/** A ticket unsolved past the team's OLA, marked in the list. */
export const LateTickets: Story = { args: { state: 'late-tickets', locale: 'en' } };
export const LateTicketsChineseDark: Story = { args: { state: 'late-tickets', theme: 'dark' } };
export const Conversation: Story = { args: { state: 'conversation', locale: 'zh-TW' } };
export const ConversationDark: Story = { args: { state: 'conversation', theme: 'dark' } };
export const ConversationEnglish: Story = { args: { state: 'conversation', locale: 'en' } };
export const CannedReplies: Story = { args: { state: 'canned' } };
export const CannedRepliesDark: Story = { args: { state: 'canned', theme: 'dark', locale: 'en' } };
/** Files attached to a reply: uploaded, failed with Retry, and uploading. */
export const AttachedFiles: Story = { args: { state: 'files', locale: 'en' } };
export const AttachedFilesDark: Story = { args: { state: 'files', theme: 'dark', locale: 'zh-CN' } };
/** The transfer form open: colleagues with their presence and load, or back to the queue. */
const openTransfer = async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  (await waitFor(() => deepQuery<HTMLButtonElement>(canvasElement, '[part~="transfer"]'), 'transfer')).click();
  await waitFor(() => deepQuery(canvasElement, '[part~="transfer-form"]'), 'the transfer form');
};
export const Transfer: Story = { args: { state: 'conversation' }, play: openTransfer };
export const TransferDark: Story = { args: { state: 'conversation', theme: 'dark', locale: 'en' }, play: openTransfer };
export const Rated: Story = { args: { state: 'rated', locale: 'en', theme: 'dark' } };
export const Tickets: Story = { args: { state: 'tickets', locale: 'zh-TW' } };
export const TicketsDark: Story = { args: { state: 'tickets', theme: 'dark', locale: 'en' } };
export const Search: Story = { args: { state: 'search' } };
export const SearchDark: Story = { args: { state: 'search', theme: 'dark', locale: 'zh-TW' } };
