import { atom, computed, type ReadableAtom, type WritableAtom } from 'nanostores';
import {
  AdapterError,
  capabilitiesOf,
  toAdapterError,
  type ActionResult,
  type Adapter,
  type CallContext,
  type Capabilities,
  type ConversationEvent,
  type HumanResponse,
  type RatingInput,
  type SendReceipt,
  type StreamState,
  type TicketInput,
  type TicketReceipt,
} from '../core/adapter.js';
import { wantsHuman } from '../core/intents.js';
import { findSensitive, type SensitiveMatch } from '../core/sensitive.js';
import { detectSentiment, type SentimentDetector } from '../core/sentiment.js';
import { isRecontact, isRepeatQuestion, type ContactRecord, type SignalType } from '../core/signals.js';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '../core/validate.js';
import type {
  Agent,
  Article,
  Attachment,
  ConversationContext,
  Customer,
  Hall,
  Locale,
  Message,
  PageContext,
  Sentiment,
} from '../core/types.js';
import { merge, moodOf, normalize, type PendingMessage, type ViewMessage } from './conversation.js';
import { createOutbox, type RetryOptions } from './outbox.js';
import { createPast, type Past } from './past.js';
import { createPersistence, type StorageLike } from './persist.js';
import { createTracker } from './tracker.js';

export type { DeliveryState, ViewMessage } from './conversation.js';
export type { RetryOptions } from './outbox.js';
export type { StorageLike } from './persist.js';
export type { Past } from './past.js';

export interface SessionOptions {
  adapter: Adapter;
  locale: Locale;
  user?: Customer;
  context?: PageContext;
  /** Where the session persists; `localStorage` by default, `null` keeps everything in memory. */
  storage?: StorageLike | null;
  /** Prefix of every storage key; `service-hall` by default. */
  namespace?: string;
  /** Reads the mood of customer messages; the built-in lexicon by default. */
  sentiment?: SentimentDetector;
  now?: () => number;
  random?: () => number;
  /** Backoff of the outbox. */
  retry?: RetryOptions;
}

/** An async value: `value` stays while a reload is `loading` or has failed. */
export interface LoadState<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  value?: T;
  error?: AdapterError;
}

export interface HumanState {
  status: 'none' | 'requesting' | 'queued' | 'connected' | 'offline' | 'ended';
  position?: number;
  etaSeconds?: number;
  agent?: Agent;
  /** When agents are next online (`offline`), ISO 8601. */
  nextOpenAt?: string;
  /** When the status last changed, epoch ms: the "still here" reassurance counts from it. */
  since?: number;
}

/**
 * Whether the backend holds messages before the earliest one in `$messages`: `more` until a short page says
 * otherwise, `none` once the first message is here (or the backend cannot page), `failed` after a failed page.
 */
export type EarlierState = 'more' | 'loading' | 'failed' | 'none';

export interface ConversationState {
  id?: string;
  status: 'none' | 'active' | 'ended';
  /** The order the customer asks about. */
  orderId?: string;
  rated: boolean;
  /** Cursor of the event stream: the highest `seq` received from it. */
  lastSeq: number;
  /** The rating prompt was closed (or the page left) without a rating. */
  ratingDismissed?: boolean;
}

/** Something the composer area shows: an offer of a human, or a warning about personal data in the draft. */
export type Notice = { kind: 'offer-human'; sentiment?: Sentiment } | { kind: 'sensitive'; matches: SensitiveMatch[] };

/** Detail payloads of session events; the root element turns them into `sh-*` DOM events. */
export interface SessionEvents {
  ready: { hall: Hall };
  message: { message: Message };
  escalate: { reason: string; priority: 'normal' | 'high'; sentiment?: Sentiment };
  queue: { position: number; etaSeconds?: number };
  action: { actionId: string; input: Record<string, unknown>; result: ActionResult };
  ticket: { receipt: TicketReceipt };
  rating: RatingInput;
  signal: { type: SignalType; data?: Record<string, unknown> };
  unread: { count: number };
  error: { error: AdapterError; operation: string };
}

/** One widget's state: stores to read and actions to call. Create with {@link createSession}. */
export interface Session {
  readonly capabilities: Capabilities;
  /** The customer's past conversations and tickets. */
  readonly past: Past;
  $locale: ReadableAtom<Locale>;
  $user: ReadableAtom<Customer | undefined>;
  $context: ReadableAtom<PageContext>;
  $hall: ReadableAtom<LoadState<Hall>>;
  /** Article entries for local suggestions, loaded by {@link Session.ensureKnowledge}. */
  $knowledge: ReadableAtom<Article[]>;
  /**
   * Confirmed messages by `seq`, then the outbox in creation order; each message once, whichever of
   * the send receipt and the stream echo came first. An outbox entry has its clientId as `id` and `seq` 0.
   * Agents joining and leaving are entries too (see {@link ViewMessage}).
   */
  $messages: ReadableAtom<ViewMessage[]>;
  $conversation: ReadableAtom<ConversationState>;
  /** Paging back through the server's history of the conversation (see {@link Session.loadEarlier}). */
  $earlier: ReadableAtom<EarlierState>;
  $connection: ReadableAtom<'online' | 'reconnecting' | 'offline'>;
  $human: ReadableAtom<HumanState>;
  $typing: ReadableAtom<{ name?: string } | null>;
  $unread: ReadableAtom<number>;
  /** The composer's text, persisted. */
  $draft: WritableAtom<string>;
  /** The customer's recent questions, newest first. */
  $recent: ReadableAtom<string[]>;
  /** Ids of dismissed announcements. */
  $dismissed: ReadableAtom<string[]>;
  /** The customer's answers to "did this solve it?" by article id, persisted: an answered article is not asked again. */
  $articleVotes: ReadableAtom<Record<string, 'yes' | 'no'>>;
  $notice: ReadableAtom<Notice | null>;
  /** Loads the first screen; on failure `$hall` holds the error. Call again to retry. */
  loadHall(): Promise<void>;
  /** Loads the knowledge index once (again after a failure or a locale change). */
  ensureKnowledge(): Promise<Article[]>;
  /** Server-side article search, for knowledge bases too big to index in the page; cancel with `signal`. */
  searchArticles(query: string, signal: AbortSignal): Promise<Article[]>;
  /** Queues a customer message (trimmed); `undefined` when there is nothing to send. */
  send(text: string, attachments?: Attachment[]): (ViewMessage & { clientId: string }) | undefined;
  /** Sends a failed message again. */
  retry(clientId: string): void;
  /**
   * Adds the page of messages before the earliest one held, from the backend's `loadMessages`, to
   * `$messages`. Device storage keeps only the latest 100; this reads the rest of a long conversation. Calls
   * made while a page loads share it; a failure leaves `$earlier` at `failed`, and calling again retries.
   */
  loadEarlier(): Promise<void>;
  /** Makes the conversation about this order ("ask about this order"). */
  selectOrder(orderId?: string): void;
  /** Hands the conversation to a human, opening one first when needed. `undefined` when not possible. */
  requestHuman(reason?: string): Promise<HumanResponse | undefined>;
  /** Leaves the human queue. */
  cancelHuman(): Promise<void>;
  runAction(actionId: string, input: Record<string, unknown>): Promise<ActionResult>;
  submitTicket(input: Omit<TicketInput, 'context'>): Promise<TicketReceipt>;
  /** Uploads an image, PDF or text file of at most {@link ATTACHMENT_MAX_BYTES}. */
  upload(file: File, onProgress?: (ratio: number) => void): Promise<Attachment>;
  /** Rates the conversation (once) or, with `articleId`, an article (once each). */
  rate(input: Omit<RatingInput, 'conversationId'>): Promise<void>;
  /** Records that the rating prompt was closed without a rating. */
  dismissRating(): void;
  /** Hides the current offer of a human. */
  dismissNotice(): void;
  /** Ends the conversation, which brings the rating prompt. */
  end(): Promise<void>;
  dismissAnnouncement(id: string): void;
  /** Whether the panel is open: open clears the unread count, closed lets bot and agent messages count. */
  setVisible(open: boolean): void;
  /** Changes the customer. Another user id removes the previous customer's conversation, outbox, draft and questions. */
  identify(user?: Customer): void;
  setContext(context: PageContext): void;
  setLocale(locale: Locale): void;
  on<K extends keyof SessionEvents>(event: K, listener: (detail: SessionEvents[K]) => void): () => void;
  /** Stops everything: in-flight calls, the stream, timers and window listeners. */
  destroy(): void;
}

/** Messages kept across reloads, and sent to an agent as the transcript. */
const HISTORY = 100;
/** Messages asked for per page of the server's history. */
const EARLIER_PAGE = 50;
const TRANSCRIPT = 50;
const RECENT = 8;
const CONTACTS = 20;
const TYPING_MS = 15_000;
/** The customer counts as typing until the draft has not changed for this long. */
const TYPING_IDLE_MS = 5_000;
const WINDOW_EVENTS = ['online', 'offline', 'pagehide', 'visibilitychange'];
const WAITING: HumanState['status'][] = ['requesting', 'queued', 'connected'];
const ASK_HUMAN: Record<Locale, string> = { 'zh-CN': '转人工', 'zh-TW': '轉人工', en: 'Talk to a person' };

const noop = () => {};
// Surfaces a bug (ours or a listener's) as an uncaught error without breaking the caller's state update.
const report = (error: unknown) =>
  setTimeout(() => {
    throw error;
  });
const unsupported = (): never => {
  throw new AdapterError('rejected', 'unsupported');
};

/** Creates the state of one widget instance. */
export function createSession(options: SessionOptions): Session {
  const { adapter, now = Date.now, random = Math.random, sentiment = detectSentiment } = options;
  const capabilities = capabilitiesOf(adapter);
  const listeners = new Map<string, Set<(detail: never) => void>>();
  const emit = <K extends keyof SessionEvents>(event: K, detail: SessionEvents[K]) =>
    listeners.get(event)?.forEach((listener) => {
      try {
        (listener as (detail: SessionEvents[K]) => void)(detail);
      } catch (error) {
        report(error);
      }
    });

  const $locale = atom(options.locale);
  const $user = atom(options.user);
  const $context = atom<PageContext>(options.context ?? {});
  const $hall = atom<LoadState<Hall>>({ status: 'idle' });
  const $knowledge = atom<Article[]>([]);
  const $history = atom<ViewMessage[]>([]);
  const $outbox = atom<PendingMessage[]>([]);
  const $messages = computed([$history, $outbox], (history, outbox) =>
    outbox.length ? [...history, ...outbox] : history,
  );
  const $conversation = atom<ConversationState>({ status: 'none', rated: false, lastSeq: 0 });
  const $earlier = atom<EarlierState>('none');
  const $online = atom(typeof navigator === 'undefined' || navigator.onLine);
  const $stream = atom<StreamState>('open');
  const $connection = computed([$online, $stream], (online, stream) =>
    !online || stream === 'offline' ? 'offline' : stream === 'reconnecting' ? stream : 'online',
  );
  const $human = atom<HumanState>({ status: 'none' });
  const $typing = atom<{ name?: string } | null>(null);
  const $unread = atom(0);
  const $draft = atom('');
  const $recent = atom<string[]>([]);
  const $dismissed = atom<string[]>([]);
  const $articleVotes = atom<Record<string, 'yes' | 'no'>>({});
  const $contacts = atom<ContactRecord[]>([]);
  const $agent = atom('');
  const $offer = atom<Notice | null>(null);
  const $notice = computed([$draft, $offer], (draft, offer): Notice | null => {
    const matches = findSensitive(draft);
    return matches.length ? { kind: 'sensitive', matches } : offer;
  });

  const persistence = createPersistence(options.storage, options.namespace ?? 'service-hall');
  persistence.bind('conversation', $conversation, $conversation.get());
  persistence.bind('messages', $history, [], 'private', (history) => history.slice(-HISTORY));
  // JSON keeps no class: an error is stored as its fields and revived, so a failed message still says why.
  persistence.bind(
    'outbox',
    $outbox,
    [],
    'private',
    // `message` is the one field of an error that is not its own enumerable property.
    (outbox) => outbox.map((m) => (m.error ? { ...m, error: { ...m.error, message: m.error.message } } : m)),
    (outbox) =>
      outbox.map(({ error: e, ...m }) =>
        e ? { ...m, error: new AdapterError(e.code, e.message, e.status, e.reason) } : m,
      ),
  );
  persistence.bind('draft', $draft, '');
  persistence.bind('recent', $recent, []);
  persistence.bind('contacts', $contacts, []);
  persistence.bind('agent', $agent, '', 'kept');
  persistence.bind('dismissed', $dismissed, [], 'global');
  persistence.bind('votes', $articleVotes, {});
  const past = createPast({
    adapter,
    persistence,
    call: (operation, run) => call(operation, run),
    context: () => context(),
    changed: () => emitUnread(),
    visible: () => visible,
  });
  /** The launcher's count: unread replies in the conversation, and tickets with news. */
  const emitUnread = () => emit('unread', { count: $unread.get() + past.$unread.get().length });

  let controller = new AbortController();
  let destroyed = false;
  let visible = false;
  let unsubscribe = noop;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let typingIdle: ReturnType<typeof setTimeout> | undefined;
  let typingSent = false;
  let hallRun = 0;
  let knowledge: Promise<Article[]> | undefined;

  const context = (signal = controller.signal): CallContext => ({ signal, locale: $locale.get(), user: $user.get() });
  /** Runs an adapter call: failures become an {@link AdapterError} and an `error` event (not when cancelled). */
  const call = async <T>(operation: string, run: (ctx: CallContext) => Promise<T>, ctx = context()): Promise<T> => {
    try {
      const result = await run(ctx);
      if (ctx.signal.aborted) throw new AdapterError('aborted', 'aborted');
      return result;
    } catch (thrown) {
      const error = toAdapterError(thrown);
      if (!ctx.signal.aborted && error.code !== 'aborted') emit('error', { error, operation });
      throw error;
    }
  };
  const conv = () => $conversation.get();
  /** The id of the conversation new messages and action results belong to, if one is open. */
  const active = () => (conv().status === 'active' ? conv().id : undefined);
  const about = (mood?: Sentiment): ConversationContext => ({
    locale: $locale.get(),
    page: $context.get(),
    orderId: conv().orderId,
    tier: $user.get()?.tier,
    sentiment: mood,
  });
  const patch = (change: Partial<ConversationState>) => $conversation.set({ ...conv(), ...change });
  const setHuman = (human: Omit<HumanState, 'since'>) => $human.set({ ...human, since: now() });
  const queued = ({ position, etaSeconds }: SessionEvents['queue']) => {
    setHuman({ status: 'queued', position, etaSeconds });
    emit('queue', { position, etaSeconds });
  };
  const stamp = () => new Date(now()).toISOString();
  const setTyping = (typing: { name?: string } | null) => {
    clearTimeout(typingTimer);
    $typing.set(typing);
    // A lost "stopped typing" event must not leave the indicator on for good.
    if (typing) typingTimer = setTimeout(() => $typing.set(null), TYPING_MS);
  };

  /**
   * Tells the agent whether the customer is typing: only while an agent has the conversation, only changes
   * (a keystroke is not a request), and "stopped" after a pause. Best effort: a lost one only delays the
   * indicator, which the desk also clears by itself, so failures are not reported.
   */
  const tellTyping = (typing: boolean) => {
    clearTimeout(typingIdle);
    const id = conv().id;
    if (typing) typingIdle = setTimeout(tellTyping, TYPING_IDLE_MS, false);
    if (typing === typingSent || !id || !adapter.sendTyping) return;
    typingSent = typing;
    adapter.sendTyping({ conversationId: id, typing }, context()).catch(noop);
  };
  $draft.listen((draft) => tellTyping($human.get().status === 'connected' && Boolean(draft.trim())));

  const tracker = createTracker(
    // Signals are sent with a signal of their own: the last batch is handed over as the widget goes away.
    (events) =>
      call(
        'track',
        (ctx) => (adapter.track ? adapter.track(events, ctx) : Promise.resolve()),
        context(new AbortController().signal),
      ),
    now,
  );
  const signal = (type: SignalType, data?: Record<string, unknown>) => {
    emit('signal', { type, ...(data && { data }) });
    if (capabilities.tracking) tracker.add(type, data);
  };
  const offerHuman = (mood?: Sentiment) => {
    if (capabilities.human && !WAITING.includes($human.get().status))
      $offer.set({ kind: 'offer-human', sentiment: mood });
  };

  /** Adds confirmed messages; `echo` marks those from the stream, which are the authority and move the cursor. */
  const receive = (messages: ViewMessage[], echo: boolean) => {
    const [history, added] = merge($history.get(), messages, echo);
    // The history first: a message must never be missing from `$messages` between the two updates.
    $history.set(history);
    const outbox = $outbox.get();
    const rest = outbox.filter((p) => !messages.some((m) => m.clientId === p.clientId));
    if (rest.length < outbox.length) $outbox.set(rest);
    const seq = echo ? messages.reduce((top, m) => Math.max(top, m.seq), 0) : 0;
    if (seq > conv().lastSeq) patch({ lastSeq: seq });
    const replies = added.filter((m) => m.role === 'bot' || m.role === 'agent').length;
    if (replies) {
      setTyping(null);
      if (!visible) {
        $unread.set($unread.get() + replies);
        emitUnread();
      }
    }
    for (const message of added) if (!message.notice) emit('message', { message });
  };

  const onEvent = (event: ConversationEvent) => {
    if (event.type === 'typing') setTyping(event.typing ? { name: event.author?.name } : null);
    else if (event.type === 'queue' && $human.get().status !== 'connected') queued(event);
    else if (event.type === 'agent') {
      const { status, agent } = event;
      const kind = `agent-${status}` as const;
      if (status === 'joined') $agent.set(agent.id);
      setHuman({ status: status === 'joined' ? 'connected' : 'ended', agent });
      const history = $history.get();
      const last = history.findLast((m) => m.notice);
      // A stream may announce the current agent again on every reconnection: only a change is noted.
      if (last?.notice?.kind !== kind || last.author?.id !== agent.id) {
        const seq = history.at(-1)?.seq ?? 0;
        receive(
          [
            {
              id: `${kind}:${agent.id}:${seq}`,
              seq,
              conversationId: conv().id!,
              role: 'system',
              author: agent,
              text: '',
              createdAt: stamp(),
              delivery: 'sent',
              notice: { kind, name: agent.name },
            },
          ],
          false,
        );
      }
    } else if (event.type === 'closed') close();
  };

  /** Follows the active conversation's events from the cursor, replacing any earlier subscription. */
  const listen = () => {
    unsubscribe();
    unsubscribe = noop;
    const { id, status, lastSeq } = conv();
    if (!id || status !== 'active') return;
    let live = true;
    // Events that arrive in one task are applied together: a replay of a long history is merged in one pass.
    const queue: (ViewMessage | ConversationEvent)[] = [];
    const failed = (error: unknown) => emit('error', { error: toAdapterError(error), operation: 'subscribe' });
    // Events of a replaced subscription are ignored; a malformed one is reported, never thrown into the adapter.
    const guard =
      <T>(handle: (value: T) => void) =>
      (value: T) => {
        if (!live) return;
        try {
          handle(value);
        } catch (error) {
          failed(new AdapterError('malformed', String(error)));
        }
      };
    const handle = guard(onEvent);
    const apply = () => {
      const messages: ViewMessage[] = [];
      const commit = guard<void>(() => messages.length && receive(messages.splice(0), true));
      // Other events keep their place among the messages: a typing event after a reply shows.
      for (const item of queue.splice(0)) {
        if ('delivery' in item) messages.push(item);
        else {
          commit();
          handle(item);
        }
      }
      commit();
    };
    try {
      const stop = adapter.subscribe(
        { conversationId: id, after: lastSeq },
        {
          event: guard((event) => {
            if (!queue.length) queueMicrotask(apply);
            queue.push(event.type === 'message' ? normalize(event.message) : event);
          }),
          state: guard((state) => $stream.set(state)),
          error: guard(failed),
        },
        context(),
      );
      unsubscribe = () => {
        live = false;
        stop();
      };
    } catch (error) {
      failed(error);
    }
  };

  /** The conversation being paged back, and the page on its way; replaced when another conversation starts. */
  let paging: { id?: string; run?: Promise<void> } = {};
  const loadEarlier = (): Promise<void> => {
    const mine = paging;
    const { id } = mine;
    if (!id || !adapter.loadMessages || $earlier.get() === 'none') return Promise.resolve();
    return (mine.run ??= (async () => {
      const first = $history.get().find((m) => !m.notice);
      $earlier.set('loading');
      try {
        const page = await call('loadMessages', async (ctx) => {
          const messages = await adapter.loadMessages!(
            { conversationId: id, before: first?.seq, limit: EARLIER_PAGE },
            ctx,
          );
          if (!Array.isArray(messages) || !messages.every((m) => typeof m?.id === 'string' && Number.isFinite(m.seq)))
            throw new AdapterError('malformed', 'loadMessages: expected an array of messages');
          return messages;
        });
        if (paging !== mine) return;
        // All before the earliest held message (an agent notice sits after its message's seq): a plain prepend.
        const older = page
          .filter((m) => first === undefined || m.seq < first.seq)
          .map(normalize)
          .sort((a, b) => a.seq - b.seq);
        $history.set(first ? [...older, ...$history.get()] : merge($history.get(), older, false)[0]);
        // A backend that ignores `before` would page forever: a page with nothing older ends it too.
        $earlier.set(page.length < EARLIER_PAGE || !older.length ? 'none' : 'more');
      } catch {
        if (paging === mine) $earlier.set('failed');
      } finally {
        mine.run = undefined;
      }
    })());
  };

  const close = () => {
    unsubscribe();
    unsubscribe = noop;
    setTyping(null);
    patch({ status: 'ended' });
    const human = $human.get();
    if (WAITING.includes(human.status)) setHuman({ status: 'ended', agent: human.agent });
  };

  /** Makes `id` the active conversation; a new one starts with an empty list and is checked for a recontact. */
  const begin = (id: string, topic: string) => {
    const current = conv();
    if (id !== current.id) {
      $history.set([]);
      paging = { id };
      $earlier.set('none');
      $conversation.set({ id, status: 'active', orderId: current.orderId, rated: false, lastSeq: 0 });
      const contact = { at: now(), orderId: current.orderId, topic };
      const contacts = $contacts.get();
      if (isRecontact(contacts, contact)) signal('recontact', { conversationId: id, orderId: contact.orderId });
      $contacts.set([...contacts, contact].slice(-CONTACTS));
    } else patch({ status: 'active' });
    listen();
  };

  const outbox = createOutbox(
    $outbox,
    {
      send: ({ clientId, text, attachments = [], context: about }, signal) =>
        adapter.sendMessage({ clientId, conversationId: active(), text, attachments, context: about }, context(signal)),
      sent: (pending: PendingMessage, receipt: SendReceipt) => {
        const { conversationId, id, seq, createdAt } = receipt;
        const { status, id: current } = conv();
        if (status !== 'active' || conversationId !== current) begin(conversationId, pending.text);
        const { context: _, error: __, ...message } = pending;
        receive([{ ...message, id, seq, conversationId, createdAt, delivery: 'sent' }], false);
      },
      failed: (pending, error) => {
        $outbox.set(
          $outbox.get().map((m) => (m.clientId === pending.clientId ? { ...m, delivery: 'failed', error } : m)),
        );
        emit('error', { error, operation: 'sendMessage' });
      },
      online: () => $online.get(),
      random,
    },
    options.retry,
  );
  const pump = () => void outbox.flush(controller.signal).catch(report);

  /** Puts a customer message in the outbox and starts sending. */
  const enqueue = (text: string, attachments: Attachment[], mood?: Sentiment): PendingMessage => {
    const clientId = globalThis.crypto?.randomUUID?.() ?? `${now().toString(36)}-${random().toString(36).slice(2)}`;
    const message: PendingMessage = {
      id: clientId,
      clientId,
      seq: 0,
      conversationId: active() ?? '',
      role: 'customer',
      text,
      attachments,
      createdAt: stamp(),
      sentiment: mood,
      delivery: 'sending',
      context: about(mood),
    };
    $outbox.set([...$outbox.get(), message]);
    pump();
    return message;
  };

  /** Resolves once `clientId` is confirmed (`true`) or has failed or been cancelled (`false`). */
  const delivered = (clientId: string, signal: AbortSignal) =>
    new Promise<boolean>((resolve) => {
      const check = () => {
        const message = $messages.get().find((m) => m.clientId === clientId);
        if (signal.aborted || message?.delivery !== 'sending') {
          stop();
          signal.removeEventListener('abort', check);
          resolve(!signal.aborted && message?.delivery === 'sent');
        }
      };
      const stop = $messages.listen(check);
      signal.addEventListener('abort', check);
      check();
    });

  const escalate = async (reason: string, clientId?: string, text?: string): Promise<HumanResponse | undefined> => {
    if (destroyed || !adapter.requestHuman || WAITING.includes($human.get().status)) return undefined;
    const cancel = controller.signal;
    $offer.set(null);
    setHuman({ status: 'requesting' });
    // A hand-off needs a conversation: the customer's own message opens it, or else the reason does.
    if (conv().status !== 'active') clientId ??= enqueue(text || ASK_HUMAN[$locale.get()], []).clientId;
    if (clientId && !(await delivered(clientId, cancel))) {
      if (!cancel.aborted) setHuman({ status: 'none' });
      return undefined;
    }
    // Local notices are the widget's own lines, not part of what was said.
    const history = $history.get().filter((m) => !m.notice);
    const mood = moodOf($messages.get());
    const priority = $user.get()?.tier === 'vip' || mood === 'angry' ? 'high' : 'normal';
    emit('escalate', { reason, priority, sentiment: mood });
    if (history.some((m) => m.role === 'bot')) signal('bot-to-human', { reason });
    try {
      const response = await call('requestHuman', (ctx) =>
        adapter.requestHuman!(
          {
            conversationId: conv().id!,
            reason,
            priority,
            context: about(mood),
            transcript: history.slice(-TRANSCRIPT).map(({ role, text, createdAt }) => ({ role, text, createdAt })),
            preferredAgentId: $agent.get() || undefined,
          },
          ctx,
        ),
      );
      // The stream may have moved on already (an agent joined before the answer came).
      if ($human.get().status === 'requesting') {
        if (response.status === 'queued') queued(response);
        else if (response.status === 'connected') {
          $agent.set(response.agent.id);
          setHuman(response);
        } else setHuman({ status: 'offline', nextOpenAt: response.nextOpenAt });
      }
      return response;
    } catch {
      if (!cancel.aborted) setHuman({ status: 'none' });
      return undefined;
    }
  };

  /** Sends the batched signals and writes pending state now: the page may be gone before any timer fires. */
  const save = () => {
    tracker.flush();
    persistence.flush();
  };
  /** The customer leaves the page: an open queue is abandoned, an ended conversation stays unrated. */
  const leave = () => {
    if ($human.get().status === 'queued') signal('queue-abandoned', { reason: 'page' });
    dismissRating();
    save();
  };
  const dismissRating = () => {
    const { id, status, rated, ratingDismissed } = conv();
    if (status !== 'ended' || rated || ratingDismissed) return;
    patch({ ratingDismissed: true });
    signal('unrated', { conversationId: id });
  };

  const loadHall = async () => {
    const run = ++hallRun;
    const { value } = $hall.get();
    $hall.set({ status: 'loading', value });
    try {
      const hall = await call('loadHall', (ctx) => adapter.loadHall({ context: $context.get() }, ctx));
      if (run !== hallRun) return;
      $hall.set({ status: 'ready', value: hall });
      if (!value) emit('ready', { hall });
    } catch (error) {
      if (run === hallRun && !destroyed) $hall.set({ status: 'error', value, error: toAdapterError(error) });
    }
  };

  const searchArticles = (query: string, signal: AbortSignal): Promise<Article[]> =>
    call(
      'searchArticles',
      (ctx) => (adapter.searchArticles ?? unsupported)(query, ctx),
      context(AbortSignal.any([controller.signal, signal])),
    );

  const ensureKnowledge = (): Promise<Article[]> => {
    const load: Promise<Article[]> = (knowledge ??= call('loadKnowledge', (ctx) =>
      adapter.loadKnowledge ? adapter.loadKnowledge(ctx) : Promise.resolve({ articles: [] }),
    ).then(
      ({ articles }) => {
        if (knowledge === load) $knowledge.set(articles);
        return articles;
      },
      () => {
        if (knowledge === load) knowledge = undefined;
        return [];
      },
    ));
    return load;
  };

  const onWindow = (event: Event) => {
    if (event.type === 'pagehide') leave();
    else if (event.type === 'visibilitychange') {
      // A hidden page (a mobile tab sent to the background) may be killed without a pagehide.
      if (document.visibilityState === 'hidden') save();
    } else {
      const online = event.type === 'online';
      $online.set(online);
      if (online) {
        outbox.wake();
        pump();
        // The adapter may have given up on the stream while offline.
        if ($stream.get() === 'offline') listen();
      }
    }
  };

  /** (Re)starts for the current user: loads their persisted state, follows their conversation, resends their outbox. */
  const start = () => {
    persistence.own($user.get()?.id ?? 'anon');
    // Only a history the device cut to its latest messages has more on the server: a conversation that began
    // here, or that the stream replayed from its start, is whole.
    paging = { id: conv().id };
    $earlier.set(adapter.loadMessages && paging.id && $history.get().length >= HISTORY ? 'more' : 'none');
    past.follow();
    listen();
    pump();
  };

  if (typeof window !== 'undefined') for (const type of WINDOW_EVENTS) window.addEventListener(type, onWindow);
  start();

  return {
    capabilities,
    past,
    $locale,
    $user,
    $context,
    $hall,
    $knowledge,
    $messages,
    $conversation,
    $earlier,
    $connection,
    $human,
    $typing,
    $unread,
    $draft,
    $recent,
    $dismissed,
    $articleVotes,
    $notice,
    loadHall,
    ensureKnowledge,
    searchArticles,
    send(text, attachments = []) {
      text = text.trim();
      if (destroyed || (!text && !attachments.length)) return undefined;
      const mood = text ? sentiment(text) : undefined;
      if (text) {
        const recent = $recent.get();
        if (isRepeatQuestion(recent, text)) signal('repeat-question', { text });
        // The newest wording replaces its near-duplicates.
        $recent.set([text, ...recent.filter((q) => !isRepeatQuestion([q], text))].slice(0, RECENT));
      }
      if ($draft.get().trim() === text) $draft.set('');
      const message = enqueue(text, attachments, mood);
      // Asking for a person goes straight to one: no round through self-service.
      if (text && wantsHuman(text)) void escalate('customer asked', message.clientId);
      else if (mood && mood !== 'neutral') offerHuman(mood);
      return message;
    },
    loadEarlier,
    retry(clientId) {
      $outbox.set(
        $outbox.get().map((m) => (m.clientId === clientId ? { ...m, delivery: 'sending', error: undefined } : m)),
      );
      outbox.wake();
      pump();
    },
    selectOrder: (orderId) => patch({ orderId }),
    requestHuman: (reason) => escalate(reason || 'customer asked', undefined, reason),
    async cancelHuman() {
      const { status } = $human.get();
      const { id } = conv();
      if (status !== 'queued' && status !== 'requesting') return;
      setHuman({ status: 'none' });
      if (status === 'queued') signal('queue-abandoned', { reason: 'cancel' });
      if (id && adapter.cancelHuman) await call('cancelHuman', (ctx) => adapter.cancelHuman!(id, ctx)).catch(noop);
    },
    runAction: (actionId, input) =>
      call('runAction', (ctx) =>
        adapter.runAction ? adapter.runAction({ actionId, input, conversationId: active() }, ctx) : unsupported(),
      ).then((result) => {
        emit('action', { actionId, input, result });
        return result;
      }),
    submitTicket: (input) =>
      call('submitTicket', (ctx) =>
        adapter.submitTicket
          ? adapter.submitTicket({ ...input, context: about(moodOf($messages.get())) }, ctx)
          : unsupported(),
      ).then((receipt) => {
        emit('ticket', { receipt });
        return receipt;
      }),
    upload: (file, onProgress) =>
      call('uploadAttachment', async (ctx) => {
        // Checked here too, not only by the file picker: files also arrive by paste and drop.
        if (file.size > ATTACHMENT_MAX_BYTES) throw new AdapterError('rejected', file.name, 413, 'file-size');
        if (!ATTACHMENT_TYPES.test(file.type)) throw new AdapterError('rejected', file.name, 415, 'file-type');
        return adapter.uploadAttachment ? adapter.uploadAttachment({ file, onProgress }, ctx) : unsupported();
      }),
    async rate(input) {
      const { articleId, score } = input;
      const { id, rated } = conv();
      const votes = $articleVotes.get();
      if (articleId ? votes[articleId] : !id || rated) return;
      // Marked before the call, so that a double tap sends one rating.
      if (articleId) $articleVotes.set({ ...votes, [articleId]: score >= 1 ? 'yes' : 'no' });
      else patch({ rated: true });
      // "Did this solve it?" answered "no" offers a person at once.
      if (articleId && score < 1) offerHuman();
      const rating: RatingInput = articleId ? input : { ...input, conversationId: id };
      try {
        await call('rate', (ctx) => (adapter.rate ? adapter.rate(rating, ctx) : Promise.resolve()));
        emit('rating', rating);
      } catch {
        if (articleId) {
          const { [articleId]: _, ...rest } = $articleVotes.get();
          $articleVotes.set(rest);
        } else if (conv().id === id) patch({ rated: false });
      }
    },
    dismissRating,
    dismissNotice: () => $offer.set(null),
    async end() {
      const { id, status } = conv();
      if (!id || status !== 'active') return;
      // Locally first: the rating prompt must not wait for the network.
      close();
      if (adapter.endConversation)
        await call('endConversation', (ctx) => adapter.endConversation!(id, ctx)).catch(noop);
    },
    dismissAnnouncement(id) {
      if (!$dismissed.get().includes(id)) $dismissed.set([...$dismissed.get(), id]);
    },
    setVisible(open) {
      visible = open;
      if (open && $unread.get()) {
        $unread.set(0);
        emitUnread();
      }
    },
    identify(user) {
      const previous = $user.get()?.id;
      // The previous customer's signals go out under their identity.
      tracker.flush();
      $user.set(user);
      if (destroyed || previous === user?.id) return;
      controller.abort();
      controller = new AbortController();
      $human.set({ status: 'none' });
      $unread.set(0);
      $offer.set(null);
      $stream.set('open');
      setTyping(null);
      start();
      emitUnread();
      if ($hall.get().status !== 'idle') {
        // Orders belong to the previous customer: never show them to the next one.
        $hall.set({ status: 'idle' });
        void loadHall();
      }
    },
    setContext: (value) => $context.set(value),
    setLocale(locale) {
      if (locale === $locale.get()) return;
      $locale.set(locale);
      knowledge = undefined;
      if ($knowledge.get().length) void ensureKnowledge();
      if ($hall.get().status !== 'idle') void loadHall();
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (detail: never) => void);
      return () => set.delete(listener as (detail: never) => void);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      if (typeof window !== 'undefined') for (const type of WINDOW_EVENTS) window.removeEventListener(type, onWindow);
      save();
      tracker.stop();
      past.stop();
      unsubscribe();
      controller.abort();
      clearTimeout(typingTimer);
      clearTimeout(typingIdle);
      listeners.clear();
    },
  };
}
