import { atom, type ReadableAtom } from 'nanostores';
import type { Adapter, CallContext } from '../core/adapter.js';
import type { Attachment, ConversationSummary, Message, TicketSummary, TicketThread } from '../core/types.js';
import type { Persistence } from './persist.js';

/** The customer's past as the hall shows it. */
export interface PastLists {
  conversations: ConversationSummary[];
  tickets: TicketSummary[];
}

/** Loading state of the past, of a thread. */
export interface PastState<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  value?: T;
}

/** The customer's conversations and tickets: lists, a ticket's thread, replies, live changes and what is unread. */
export interface Past {
  /** Whether the backend knows the customer's past at all. */
  readonly available: boolean;
  $lists: ReadableAtom<PastState<PastLists>>;
  /** The ticket on screen, with its replies. */
  $thread: ReadableAtom<PastState<TicketThread>>;
  /** Tickets with a change the customer has not seen (an agent's reply, a new status); persisted. */
  $unread: ReadableAtom<string[]>;
  /** Solved tickets the customer confirmed as solved: not asked again; persisted. */
  $confirmed: ReadableAtom<string[]>;
  load(): Promise<void>;
  openTicket(id: string): Promise<void>;
  /** The ticket's thread left the screen. */
  closeTicket(): void;
  reply(id: string, text: string, attachments: Attachment[]): Promise<void>;
  /** "Is it really solved?": yes keeps it solved and stops asking; no opens it again. */
  answerSolved(id: string, solved: boolean): Promise<void>;
  /** A page of a past conversation's messages, older than `before`. */
  messages(conversationId: string, before?: number): Promise<Message[]>;
  /** Starts over for the current customer and follows their stream. */
  follow(): void;
  stop(): void;
}

/** A ticket changed by someone else than the customer: an agent's reply, or a status the customer did not set. */
const news = (before: TicketSummary | undefined, after: TicketSummary): boolean =>
  (after.last?.role === 'agent' && after.last.createdAt !== before?.last?.createdAt) ||
  (!!before && before.status !== after.status && after.status !== 'open');

const PAGE = 20;

export const createPast = (options: {
  adapter: Adapter;
  persistence: Persistence;
  call<T>(operation: string, run: (ctx: CallContext) => Promise<T>): Promise<T>;
  context(): CallContext;
  /** The unread set changed. */
  changed(): void;
  /** Whether the panel is open: a change to the ticket on screen is seen at once. */
  visible(): boolean;
}): Past => {
  const { adapter, call } = options;
  const $lists = atom<PastState<PastLists>>({ status: 'idle' });
  const $thread = atom<PastState<TicketThread>>({ status: 'idle' });
  const $unread = atom<string[]>([]);
  const $confirmed = atom<string[]>([]);
  options.persistence.bind('tickets-unread', $unread, []);
  options.persistence.bind('tickets-confirmed', $confirmed, []);
  let stop = () => {};
  let run = 0;

  const mark = (id: string, unread: boolean) => {
    const list = $unread.get().filter((x) => x !== id);
    $unread.set(unread ? [...list, id] : list);
    options.changed();
  };

  /** A ticket as it now is: in the list (first: it just changed), in the thread on screen, unread when news. */
  const update = (ticket: TicketSummary) => {
    const lists = $lists.get().value;
    const before = lists?.tickets.find((t) => t.id === ticket.id);
    if (lists)
      $lists.set({
        status: 'ready',
        value: { ...lists, tickets: [ticket, ...lists.tickets.filter((t) => t.id !== ticket.id)] },
      });
    const thread = $thread.get().value;
    if (thread?.ticket.id === ticket.id) void refresh(ticket.id);
    if (news(before, ticket) && !(options.visible() && thread?.ticket.id === ticket.id)) mark(ticket.id, true);
  };

  const refresh = async (id: string) => {
    const value = await call('getTicket', (ctx) => adapter.getTicket!(id, ctx));
    if ($thread.get().value?.ticket.id === id || $thread.get().status === 'loading')
      $thread.set({ status: 'ready', value });
  };

  return {
    available: !!(adapter.listConversations || adapter.listTickets),
    $lists,
    $thread,
    $unread,
    $confirmed,

    async load() {
      const mine = ++run;
      if ($lists.get().status !== 'ready') $lists.set({ status: 'loading' });
      try {
        const [conversations, tickets] = await Promise.all([
          adapter.listConversations
            ? call('listConversations', (ctx) => adapter.listConversations!({ limit: PAGE }, ctx))
            : undefined,
          adapter.listTickets ? call('listTickets', (ctx) => adapter.listTickets!({ limit: PAGE }, ctx)) : undefined,
        ]);
        if (mine !== run) return;
        $lists.set({
          status: 'ready',
          value: { conversations: conversations?.conversations ?? [], tickets: tickets?.tickets ?? [] },
        });
      } catch {
        if (mine === run) $lists.set({ status: 'error' });
      }
    },

    async openTicket(id) {
      $thread.set({ status: 'loading' });
      if ($unread.get().includes(id)) mark(id, false);
      try {
        await refresh(id);
      } catch {
        $thread.set({ status: 'error' });
      }
    },

    closeTicket: () => $thread.set({ status: 'idle' }),

    async reply(id, text, attachments) {
      await call('replyTicket', (ctx) => adapter.replyTicket!({ ticketId: id, text, attachments }, ctx));
      await refresh(id);
    },

    async answerSolved(id, solved) {
      if (solved) {
        if (!$confirmed.get().includes(id)) $confirmed.set([...$confirmed.get(), id]);
        return;
      }
      update(await call('reopenTicket', (ctx) => adapter.reopenTicket!(id, ctx)));
      await refresh(id);
    },

    messages: (conversationId, before) =>
      call('loadMessages', (ctx) => adapter.loadMessages!({ conversationId, before, limit: 50 }, ctx)),

    follow() {
      stop();
      stop = () => {};
      // Another customer (or the first): nothing of a previous one's past stays.
      run++;
      $lists.set({ status: 'idle' });
      $thread.set({ status: 'idle' });
      if (!adapter.subscribeCustomer) return;
      stop = adapter.subscribeCustomer({ event: (e) => e.type === 'ticket' && update(e.ticket) }, options.context());
    },

    stop: () => stop(),
  };
};
