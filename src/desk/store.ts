/**
 * The workbench's state and actions, as nanostores: elements render these stores and call these actions.
 * A 401 from any call returns to sign-in and keeps every open conversation and its draft, so that signing in
 * again carries on where the agent was.
 */
import { atom, type ReadableAtom } from 'nanostores';
import type { Attachment, Card, Message } from '../core/types.js';
import { createDeskApi, DeskError, readEvents, type DeskApi, type StreamEvent } from './api.js';
import { createDeskAttachments, ticketReplyKey, type DeskAttachments } from './attach-store.js';
import { createDeskMetrics, type DeskMetrics } from './metrics-store.js';
import type {
  CannedReply,
  ConversationSummary,
  DeskAgent,
  HandoffContext,
  Late,
  Presence,
  QueueEntry,
  SearchResult,
  TeamMember,
  Ticket,
  TicketReply,
  TicketStatus,
} from './types.js';

/** A message the agent sent that has not been confirmed yet, or failed and can be retried. */
export interface PendingMessage {
  clientId: string;
  text: string;
  cards?: Card[];
  attachments?: Attachment[];
  failed?: boolean;
}

/** A conversation open on the workbench. */
export interface Chat {
  summary: ConversationSummary;
  messages: Message[];
  context?: HandoffContext;
  pending: PendingMessage[];
  unread: number;
  /** The customer is typing. */
  typing: boolean;
  draft: string;
}

/** A chat's OLA marks that still hold here: a no-reply mark ends with the agent's next message. */
export const chatLate = (chat: Chat): Late[] =>
  (chat.summary.late ?? []).filter(
    (l) =>
      l.kind !== 'no-reply' ||
      !chat.messages.some((m) => m.role === 'agent' && Date.parse(m.createdAt) >= Date.parse(l.since)),
  );

/** `expired`: the session ended while working; conversations and drafts are still here. */
export type AuthState = 'unknown' | 'signed-out' | 'expired' | 'signed-in';

/** What the main area shows. */
export type View =
  { kind: 'queue' } | { kind: 'chat'; id: string } | { kind: 'tickets' } | { kind: 'search' } | { kind: 'metrics' };

export interface TicketDetail {
  ticket: Ticket;
  replies: TicketReply[];
}

export interface DeskOptions {
  /** Base URL of the desk API. Default `/api/desk/`. */
  api?: string;
  /** The `fetch` to use (tests, or a proxy). */
  fetch?: typeof fetch;
  /** Milliseconds without any byte (pings included) after which the event stream is reopened. Default 45 000. */
  staleMs?: number;
}

/** The workbench: stores to render and actions to call. */
export interface Desk {
  $auth: ReadableAtom<AuthState>;
  $agent: ReadableAtom<DeskAgent | undefined>;
  $presence: ReadableAtom<Presence>;
  $maxChats: ReadableAtom<number>;
  $queue: ReadableAtom<QueueEntry[]>;
  /** Waiting customers who arrived since the agent last looked at the queue. */
  $newWaiting: ReadableAtom<number>;
  $chats: ReadableAtom<Record<string, Chat>>;
  $view: ReadableAtom<View>;
  /** A problem to tell the agent about, as a message key and its parameters. */
  $notice: ReadableAtom<{ key: string; params?: Record<string, string> } | undefined>;
  /** The sign-in form's error key while signing in fails. */
  $signInError: ReadableAtom<string | undefined>;
  $busy: ReadableAtom<boolean>;
  $tickets: ReadableAtom<{ status?: TicketStatus; list?: Ticket[]; open?: TicketDetail }>;
  $search: ReadableAtom<{ query: string; result?: SearchResult; loading?: boolean }>;
  /** Everyone on the team with their presence and load, live: whom a conversation can go to. */
  $team: ReadableAtom<TeamMember[]>;
  /** The team's canned replies, in the locale they were loaded for. */
  $canned: ReadableAtom<{ locale?: string; replies: CannedReply[] }>;
  /** The team's metrics, for admins (metrics-store.ts). */
  metrics: DeskMetrics;
  /**
   * Files attached to replies before sending (attach-store.ts), per conversation id and per
   * {@link ticketReplyKey}: sending the draft of a conversation, or a ticket reply, takes them along.
   */
  files: DeskAttachments;

  /** Finds out whether a session exists; starts the event stream if so. */
  restore(): Promise<void>;
  signIn(email: string, password: string): Promise<boolean>;
  signOut(): Promise<void>;
  setPresence(status: Presence): Promise<void>;
  show(view: View): void;
  /** Assigns a waiting customer to this agent and opens the conversation. */
  take(conversationId: string): Promise<void>;
  /** Takes the next customer the server chooses for this agent. */
  takeNext(): Promise<void>;
  setDraft(conversationId: string, text: string): void;
  /**
   * Sends the draft and the files attached to it (or `text` and `cards` alone); a failure keeps the message
   * with a retry. Nothing is sent while an attached file still uploads or has failed.
   */
  send(conversationId: string, text?: string, cards?: Card[]): Promise<void>;
  retry(conversationId: string, clientId: string): Promise<void>;
  typing(conversationId: string, typing: boolean): void;
  end(conversationId: string): Promise<void>;
  /**
   * Hands a conversation to another agent, or back to the queue without `agentId`; the customer reads a
   * neutral note and the context goes along. On success it leaves this workbench.
   */
  transfer(conversationId: string, agentId?: string): Promise<boolean>;
  /** Removes a closed conversation from the workbench. */
  dismiss(conversationId: string): void;
  loadTickets(status?: TicketStatus): Promise<void>;
  openTicket(id: string): Promise<void>;
  /** Replies with `text` and the files attached to the ticket's reply; text may be empty when there are files. */
  replyTicket(id: string, text: string): Promise<boolean>;
  setTicketStatus(id: string, status: TicketStatus): Promise<void>;
  search(query: string): Promise<void>;
  /** Loads the canned replies in `locale`, unless they already are. */
  loadCanned(locale: string): Promise<void>;
  dismissNotice(): void;
  /** Stops the event stream and timers. */
  dispose(): void;
}

const NOTICE_OF: Record<string, string> = {
  limit: 'errLimit',
  not_waiting: 'errNotWaiting',
  reserved: 'errReserved',
  not_assigned: 'errNotAssigned',
  rate_limited: 'errRateLimited',
  network: 'errNetwork',
};

/** How long the customer shows as typing without news. */
const TYPING_MS = 15_000;

let clientIds = 0;
const newClientId = () => `d-${Date.now().toString(36)}-${(clientIds++).toString(36)}`;

/** Creates the workbench's state against the desk API. */
export const createDesk = (options: DeskOptions = {}): Desk => {
  const api: DeskApi = createDeskApi(options.api, options.fetch);
  const staleMs = options.staleMs ?? 45_000;
  const $auth = atom<AuthState>('unknown');
  const $agent = atom<DeskAgent | undefined>();
  const $presence = atom<Presence>('offline');
  const $maxChats = atom(0);
  const $queue = atom<QueueEntry[]>([]);
  const $newWaiting = atom(0);
  const $chats = atom<Record<string, Chat>>({});
  const $view = atom<View>({ kind: 'queue' });
  const $notice = atom<{ key: string; params?: Record<string, string> } | undefined>();
  const $signInError = atom<string | undefined>();
  const $busy = atom(false);
  const $tickets = atom<{ status?: TicketStatus; list?: Ticket[]; open?: TicketDetail }>({});
  const $search = atom<{ query: string; result?: SearchResult; loading?: boolean }>({ query: '' });
  const $canned = atom<{ locale?: string; replies: CannedReply[] }>({ replies: [] });
  const $team = atom<TeamMember[]>([]);

  const seenWaiting = new Set<string>();
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let stream: AbortController | undefined;
  let staleTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const patchChat = (id: string, change: (chat: Chat) => Partial<Chat>) => {
    const chat = $chats.get()[id];
    if (chat) $chats.set({ ...$chats.get(), [id]: { ...chat, ...change(chat) } });
  };

  const signedOut = () => {
    stopStream();
    $auth.set($auth.get() === 'signed-in' ? 'expired' : 'signed-out');
  };

  /** Runs a call; a 401 returns to sign-in, other failures become the notice. Answers undefined on failure. */
  const guarded = async <T>(run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof DeskError)) throw error;
      if (error.status === 401) signedOut();
      else $notice.set({ key: NOTICE_OF[error.code] ?? 'errGeneric', params: { message: error.message } });
      return undefined;
    }
  };

  const mergeMessages = (known: Message[], more: Message[]): Message[] => {
    const bySeq = new Map(known.map((m) => [m.seq, m]));
    for (const m of more) if (m && typeof m.seq === 'number') bySeq.set(m.seq, m);
    return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  };

  /** Loads a conversation, or the messages after the last one shown. */
  /**
   * Reads a conversation, or what it gained since last read, into the open chats. `onlyMine`: an event about a
   * conversation not open here opens it only if it is this agent's (a colleague's handover), not the note of one
   * just handed away.
   */
  /** When each conversation was last closed here, on one clock with the loads' starts. */
  const dismissedAt = new Map<string, number>();
  let clock = 0;

  const load = async (id: string, onlyMine = false) => {
    const started = ++clock;
    const known = $chats.get()[id];
    const after = known?.messages.at(-1)?.seq;
    const answer = await guarded(() =>
      api.call<{ conversation: ConversationSummary; messages: Message[]; context: HandoffContext }>(
        'GET',
        `conversations/${encodeURIComponent(id)}${after === undefined ? '' : `?after=${after}`}`,
      ),
    );
    if (!answer) return;
    const chat = $chats.get()[id];
    // Closed here while it loaded (handed over, dismissed), even by a load that began before it was held: it
    // stays closed. A later hand-back starts a load of its own.
    if ((known && !chat) || (dismissedAt.get(id) ?? 0) > started) return;
    if (onlyMine && !chat && answer.conversation.agentId !== $agent.get()?.id) return;
    const messages = mergeMessages(chat?.messages ?? [], Array.isArray(answer.messages) ? answer.messages : []);
    const confirmed = new Set(messages.map((m) => m.clientId));
    $chats.set({
      ...$chats.get(),
      [id]: {
        summary: answer.conversation,
        messages,
        context: answer.context,
        pending: (chat?.pending ?? []).filter((p) => !confirmed.has(p.clientId)),
        unread: chat?.unread ?? 0,
        typing: chat?.typing ?? false,
        draft: chat?.draft ?? '',
      },
    });
  };

  const isViewing = (id: string) => {
    const view = $view.get();
    return view.kind === 'chat' && view.id === id && globalThis.document?.visibilityState !== 'hidden';
  };

  const onQueue = (queue: QueueEntry[]) => {
    const fresh = queue.filter((q) => !seenWaiting.has(q.conversationId));
    for (const q of fresh) seenWaiting.add(q.conversationId);
    // On the first snapshot every entry is "new" only if the agent is not already looking at the queue.
    if (fresh.length && !($view.get().kind === 'queue' && globalThis.document?.visibilityState !== 'hidden')) {
      $newWaiting.set($newWaiting.get() + fresh.length);
    }
    $queue.set(queue);
  };

  const onEvent = ({ event, data }: StreamEvent) => {
    const d = data as Record<string, unknown>;
    switch (event) {
      case 'state': {
        if (typeof d.presence === 'string') $presence.set(d.presence as Presence);
        const held = Array.isArray(d.conversations) ? (d.conversations as string[]) : [];
        // After a reconnection, read what was missed in every open conversation.
        for (const id of new Set([...held, ...Object.keys($chats.get())])) void load(id);
        break;
      }
      case 'queue':
        if (Array.isArray(d.queue)) onQueue(d.queue as QueueEntry[]);
        break;
      case 'agents':
        if (Array.isArray(d.agents)) $team.set(d.agents as TeamMember[]);
        break;
      case 'conversation': {
        const conversation = d.conversation as Partial<ConversationSummary> | undefined;
        if (!conversation?.id) break;
        const mine = conversation.agentId === $agent.get()?.id;
        const id = conversation.id;
        if ($chats.get()[id]) void load(id);
        else if (mine && conversation.human === 'connected') {
          // Handed over by a colleague: it shows in the list as unread until looked at.
          void load(id).then(() => patchChat(id, (chat) => ({ unread: isViewing(id) ? 0 : Math.max(chat.unread, 1) })));
        }
        break;
      }
      case 'message': {
        const id = d.conversationId as string;
        const message = d.message as Message | undefined;
        if (!$chats.get()[id]) {
          void load(id, true);
          break;
        }
        if (!message || typeof message.seq !== 'number') break;
        patchChat(id, (chat) => ({
          messages: mergeMessages(chat.messages, [message]),
          pending: chat.pending.filter((p) => p.clientId !== message.clientId),
          unread: chat.unread + (message.role === 'customer' && !isViewing(id) ? 1 : 0),
          typing: message.role === 'customer' ? false : chat.typing,
        }));
        break;
      }
      case 'typing': {
        const id = d.conversationId as string;
        clearTimeout(typingTimers.get(id));
        patchChat(id, () => ({ typing: d.typing === true }));
        // A lost "stopped typing" must not leave the indicator on for good.
        if (d.typing === true)
          typingTimers.set(
            id,
            setTimeout(() => patchChat(id, () => ({ typing: false })), TYPING_MS),
          );
        break;
      }
      case 'rating':
        if ($chats.get()[d.conversationId as string]) void load(d.conversationId as string);
        break;
      case 'ticket':
        void refreshTickets(d.ticketId as string);
        break;
    }
  };

  const stopStream = () => {
    stream?.abort();
    stream = undefined;
    clearTimeout(staleTimer);
    clearTimeout(retryTimer);
  };

  const startStream = () => {
    stopStream();
    if (disposed) return;
    const controller = new AbortController();
    stream = controller;
    const alive = () => {
      clearTimeout(staleTimer);
      // No byte, not even a ping, for too long: the connection is dead without having said so.
      staleTimer = setTimeout(startStream, staleMs);
    };
    alive();
    readEvents(api, onEvent, alive, controller.signal, options.fetch).then(
      () => {
        if (stream === controller) retryTimer = setTimeout(startStream, 1000);
      },
      (error: unknown) => {
        if (stream !== controller) return;
        if (error instanceof DeskError && error.status === 401) signedOut();
        else retryTimer = setTimeout(startStream, 3000);
      },
    );
  };

  const signedIn = (agent: DeskAgent) => {
    $agent.set(agent);
    $auth.set('signed-in');
    $signInError.set(undefined);
    startStream();
  };

  const refreshTickets = async (changed?: string) => {
    const state = $tickets.get();
    if (state.list) await loadTickets(state.status);
    if (changed && state.open?.ticket.id === changed) await openTicket(changed);
  };

  const loadTickets = async (status?: TicketStatus) => {
    $tickets.set({ ...$tickets.get(), status });
    const answer = await guarded(() =>
      api.call<{ tickets: Ticket[] }>('GET', `tickets${status ? `?status=${status}` : ''}`),
    );
    if (answer && $tickets.get().status === status) {
      $tickets.set({ ...$tickets.get(), list: Array.isArray(answer.tickets) ? answer.tickets : [] });
    }
  };

  const openTicket = async (id: string) => {
    const answer = await guarded(() => api.call<TicketDetail>('GET', `tickets/${encodeURIComponent(id)}`));
    if (answer) $tickets.set({ ...$tickets.get(), open: answer });
  };

  const deliver = async (id: string, pending: PendingMessage) => {
    try {
      const message = await api.call<Message>('POST', `conversations/${encodeURIComponent(id)}/messages`, {
        clientId: pending.clientId,
        text: pending.text,
        ...(pending.cards && { cards: pending.cards }),
        ...(pending.attachments && { attachments: pending.attachments }),
      });
      patchChat(id, (chat) => ({
        messages: mergeMessages(chat.messages, [message]),
        pending: chat.pending.filter((p) => p.clientId !== pending.clientId),
      }));
    } catch (error) {
      if (!(error instanceof DeskError)) throw error;
      patchChat(id, (chat) => ({
        pending: chat.pending.map((p) => (p.clientId === pending.clientId ? { ...p, failed: true } : p)),
      }));
      if (error.status === 401) signedOut();
      else $notice.set({ key: NOTICE_OF[error.code] ?? 'errGeneric', params: { message: error.message } });
    }
  };

  const typingSent = new Map<string, boolean>();
  const metrics = createDeskMetrics(api, signedOut);
  const files = createDeskAttachments(api, signedOut);

  return {
    $auth,
    $agent,
    $presence,
    $maxChats,
    $queue,
    $newWaiting,
    $chats,
    $view,
    $notice,
    $signInError,
    $busy,
    $tickets,
    $search,
    $canned,
    $team,
    metrics,
    files,

    async restore() {
      try {
        const me = await api.call<{ agent: DeskAgent; presence: Presence; maxChats: number }>('GET', 'me');
        $presence.set(me.presence);
        $maxChats.set(me.maxChats);
        signedIn(me.agent);
      } catch (error) {
        if (error instanceof DeskError && error.status !== 401) {
          $notice.set({ key: NOTICE_OF[error.code] ?? 'errGeneric', params: { message: error.message } });
        }
        $auth.set('signed-out');
      }
    },

    async signIn(email, password) {
      $busy.set(true);
      try {
        const { agent } = await api.call<{ agent: DeskAgent }>('POST', 'session', { email, password });
        const me = await api.call<{ presence: Presence; maxChats: number }>('GET', 'me');
        // Signing in is coming to work: online at once, so that the widget offers this agent.
        const { status } = await api.call<{ status: Presence }>('PUT', 'presence', { status: 'online' });
        $presence.set(status);
        $maxChats.set(me.maxChats);
        signedIn(agent);
        return true;
      } catch (error) {
        if (!(error instanceof DeskError)) throw error;
        $signInError.set(error.status === 401 ? 'signInWrong' : error.code === 'network' ? 'errNetwork' : 'errGeneric');
        return false;
      } finally {
        $busy.set(false);
      }
    },

    async signOut() {
      // Offline first, so that the widget stops offering this agent while the session ends.
      await guarded(() => api.call('PUT', 'presence', { status: 'offline' }));
      await guarded(() => api.call('DELETE', 'session'));
      stopStream();
      $chats.set({});
      $queue.set([]);
      $tickets.set({});
      $search.set({ query: '' });
      $canned.set({ replies: [] });
      $team.set([]);
      metrics.reset();
      files.reset();
      seenWaiting.clear();
      $newWaiting.set(0);
      $view.set({ kind: 'queue' });
      $agent.set(undefined);
      $auth.set('signed-out');
    },

    async setPresence(status) {
      const answer = await guarded(() => api.call<{ status: Presence }>('PUT', 'presence', { status }));
      if (answer) $presence.set(answer.status);
    },

    show(view) {
      $view.set(view);
      if (view.kind === 'queue') $newWaiting.set(0);
      if (view.kind === 'chat') patchChat(view.id, () => ({ unread: 0 }));
    },

    async take(id) {
      const answer = await guarded(() =>
        api.call<{ conversation: ConversationSummary }>('POST', `conversations/${encodeURIComponent(id)}/assign`, {}),
      );
      if (!answer) return;
      await load(id);
      this.show({ kind: 'chat', id });
    },

    async takeNext() {
      const answer = await guarded(() =>
        api.call<{ conversation: ConversationSummary } | undefined>('POST', 'queue/next', {}),
      );
      if (answer === undefined) {
        if (!$notice.get()) $notice.set({ key: 'queueEmpty' });
        return;
      }
      await load(answer.conversation.id);
      this.show({ kind: 'chat', id: answer.conversation.id });
    },

    setDraft(id, text) {
      patchChat(id, () => ({ draft: text }));
    },

    async send(id, text, cards) {
      const chat = $chats.get()[id];
      if (!chat) return;
      const draft = text === undefined;
      const attachments = draft ? files.ready(id) : [];
      if (!attachments) return;
      const body = (text ?? chat.draft).trim();
      if (!body && !cards?.length && !attachments.length) return;
      const pending: PendingMessage = {
        clientId: newClientId(),
        text: body,
        ...(cards && { cards }),
        ...(attachments.length && { attachments }),
      };
      patchChat(id, (c) => ({ pending: [...c.pending, pending], ...(draft && { draft: '' }) }));
      if (draft) files.clear(id);
      this.typing(id, false);
      await deliver(id, pending);
    },

    async retry(id, clientId) {
      const pending = $chats.get()[id]?.pending.find((p) => p.clientId === clientId);
      if (!pending) return;
      patchChat(id, (c) => ({
        pending: c.pending.map((p) => (p.clientId === clientId ? { ...p, failed: false } : p)),
      }));
      await deliver(id, pending);
    },

    typing(id, typing) {
      // Only changes go out: a keystroke is not a request.
      if ((typingSent.get(id) ?? false) === typing) return;
      typingSent.set(id, typing);
      void api.call('POST', `conversations/${encodeURIComponent(id)}/typing`, { typing }).catch(() => {});
    },

    async end(id) {
      const done = await guarded(async () => {
        await api.call('POST', `conversations/${encodeURIComponent(id)}/close`, {});
        return true;
      });
      if (done) await load(id);
    },

    async transfer(id, agentId) {
      const done = await guarded(async () => {
        if (agentId) await api.call('POST', `conversations/${encodeURIComponent(id)}/transfer`, { agentId });
        else await api.call('POST', `conversations/${encodeURIComponent(id)}/requeue`, {});
        return true;
      });
      if (!done) return false;
      const name = $team.get().find((m) => m.id === agentId)?.name;
      this.dismiss(id);
      $notice.set(name ? { key: 'transferredTo', params: { name } } : { key: 'requeued' });
      return true;
    },

    dismiss(id) {
      dismissedAt.set(id, ++clock);
      const { [id]: _gone, ...rest } = $chats.get();
      $chats.set(rest);
      files.clear(id);
      const view = $view.get();
      if (view.kind === 'chat' && view.id === id) $view.set({ kind: 'queue' });
    },

    loadTickets,
    openTicket,

    async replyTicket(id, text) {
      const key = ticketReplyKey(id);
      const attachments = files.ready(key);
      const body = text.trim();
      if (!attachments || (!body && !attachments.length)) return false;
      const reply = await guarded(() =>
        api.call<TicketReply>('POST', `tickets/${encodeURIComponent(id)}/replies`, {
          text: body,
          ...(attachments.length && { attachments }),
        }),
      );
      if (!reply) return false;
      files.clear(key);
      await openTicket(id);
      await loadTickets($tickets.get().status);
      return true;
    },

    async setTicketStatus(id, status) {
      const answer = await guarded(() =>
        api.call<{ ticket: Ticket }>('PATCH', `tickets/${encodeURIComponent(id)}`, { status }),
      );
      if (!answer) return;
      await openTicket(id);
      await loadTickets($tickets.get().status);
    },

    async search(query) {
      const q = query.trim();
      $search.set({ query: q, loading: Boolean(q) });
      if (!q) return;
      // An order id or a customer id searches those fields; anything else searches the words.
      const param = /^[uv]:/.test(q) ? 'customer' : /^[A-Z]{0,3}\d{6,}$/i.test(q) ? 'order' : 'q';
      const result = await guarded(() => api.call<SearchResult>('GET', `search?${param}=${encodeURIComponent(q)}`));
      if ($search.get().query !== q) return;
      $search.set({
        query: q,
        result: result && {
          messages: Array.isArray(result.messages) ? result.messages : [],
          conversations: Array.isArray(result.conversations) ? result.conversations : [],
          tickets: Array.isArray(result.tickets) ? result.tickets : [],
        },
      });
    },

    async loadCanned(locale) {
      if ($canned.get().locale === locale) return;
      const answer = await guarded(() =>
        api.call<{ replies: CannedReply[] }>('GET', `canned-replies?locale=${encodeURIComponent(locale)}`),
      );
      if (answer) $canned.set({ locale, replies: Array.isArray(answer.replies) ? answer.replies : [] });
    },

    dismissNotice() {
      $notice.set(undefined);
    },

    dispose() {
      disposed = true;
      stopStream();
      for (const timer of typingTimers.values()) clearTimeout(timer);
    },
  };
};
