import type {
  ActionRequest,
  Adapter,
  HumanRequest,
  OutgoingMessage,
  RatingInput,
  TicketInput,
  TrackedEvent,
  TypingRequest,
} from '../../core/adapter.js';
import type {
  Action,
  Announcement,
  Article,
  Customer,
  Order,
  Recommendation,
  ServiceStatus,
  TicketStatus,
} from '../../core/types.js';
import { loadBackend } from './load.js';

/** How fast the simulated staff works, in milliseconds. Tests pass tiny values. */
export interface MemoryTiming {
  /** Time between two steps of the queue position. Default 2500. */
  queueStepMs?: number;
  /** Time from the front of the queue to the agent joining. Default 1500. */
  agentJoinMs?: number;
  /** How long the bot or the agent shows as typing before a reply. Default 1200. */
  typingMs?: number;
  /** Time before the bot starts typing an answer. Default 400. */
  botDelayMs?: number;
  /** Time from filing a ticket to the simulated agent's first answer; 0 never answers. Default 8000. */
  ticketReplyMs?: number;
}

/**
 * What the memory adapter serves. Every field is optional: a missing one is
 * filled with built-in zh-CN or en sample data (chosen by the call's locale),
 * a given one is served as-is in every locale. `orders: []` means no orders.
 */
export interface MemoryData {
  /** The signed-in customer as the backend knows them; the host's `user` overrides it. */
  customer?: Customer;
  orders?: Order[];
  articles?: Article[];
  actions?: Action[];
  announcements?: Announcement[];
  recommendations?: Recommendation[];
  /** The first screen's greeting. `{name}` is replaced with the customer's name. */
  greeting?: string;
  /** The company's display name. */
  company?: string;
  /** Agent availability; change it later with {@link MemoryAdapter.setService}. */
  service?: Partial<ServiceStatus>;
  /** Whether the customer has a sample past (a conversation from yesterday, a solved ticket). Default true. */
  pastHistory?: boolean;
  /** Simulated network latency of every call: a fixed delay or a `[min, max]` range. Default `[60, 180]`. */
  latency?: number | [min: number, max: number];
  timing?: MemoryTiming;
}

/** Everything the customer side sent to a memory adapter, in order. */
export interface MemoryRecords {
  readonly messages: readonly OutgoingMessage[];
  readonly tickets: readonly TicketInput[];
  readonly ratings: readonly RatingInput[];
  readonly tracked: readonly TrackedEvent[];
  readonly humanRequests: readonly HumanRequest[];
  readonly actions: readonly ActionRequest[];
  /** The customer's typing, as the agent would be told. */
  readonly typing: readonly TypingRequest[];
}

/** An adapter with every optional operation, plus controls for tests and demos. */
export interface MemoryAdapter extends Required<Adapter> {
  /** Switches agents on or off line (or changes the expected wait) from now on. */
  setService(service: Partial<ServiceStatus>): void;
  /** An agent answers a ticket (`text`) and/or changes its status, live on the customer's stream. */
  answerTicket(id: string, change?: { text?: string; status?: TicketStatus }): void;
  /** What was sent to this adapter; a message sent twice with one `clientId` is recorded once. */
  readonly records: MemoryRecords;
}

/** What the lazily loaded implementation provides; the facade adds `records`. */
export type MemoryBackend = Omit<MemoryAdapter, 'records'>;

/** {@link MemoryRecords}, writable by the implementation. */
export type RecordLog = { -readonly [K in keyof MemoryRecords]: MemoryRecords[K][number][] };

type Operation = Exclude<keyof MemoryBackend, 'subscribe' | 'subscribeCustomer' | 'setService' | 'answerTicket'>;

/**
 * Creates an in-browser backend with realistic sample data, a bot that answers
 * from the knowledge base and a human queue whose agent joins and replies.
 * Each call is independent. The implementation and its sample data load on
 * first use, so creating one costs the page almost nothing.
 */
export const createMemoryAdapter = (data: MemoryData = {}): MemoryAdapter => {
  const records: RecordLog = {
    messages: [],
    tickets: [],
    ratings: [],
    tracked: [],
    humanRequests: [],
    actions: [],
    typing: [],
  };
  const service: Partial<ServiceStatus> = {};
  let backend: Promise<MemoryBackend> | undefined;
  let loaded: MemoryBackend | undefined;

  const load = (): Promise<MemoryBackend> =>
    (backend ??= loadBackend().then(
      ({ createBackend }) => {
        loaded = createBackend(data, records);
        loaded.setService(service);
        return loaded;
      },
      (error: unknown) => {
        // A chunk that failed to load (offline, deploy in progress) may load on the next call.
        backend = undefined;
        throw error;
      },
    ));

  // Each operation forwards its arguments untouched and returns the implementation's promise.
  const lazy = <K extends Operation>(name: K): MemoryBackend[K] =>
    ((...args: unknown[]) =>
      load().then((b) => (b[name] as (...a: unknown[]) => unknown)(...args))) as MemoryBackend[K];

  /** Subscribes once the implementation has loaded; unsubscribing before that means never subscribing. */
  const later = (
    open: (b: MemoryBackend) => () => void,
    sink: { state?(s: 'offline'): void },
    signal?: AbortSignal,
  ) => {
    let stop: (() => void) | undefined;
    let stopped = false;
    load().then(
      (b) => {
        if (!stopped && !signal?.aborted) stop = open(b);
      },
      () => stopped || sink.state?.('offline'),
    );
    return () => {
      stopped = true;
      stop?.();
    };
  };

  return {
    records,
    setService(patch) {
      Object.assign(service, patch);
      loaded?.setService(patch);
    },
    answerTicket(id, change) {
      if (!loaded) throw new Error('answerTicket: no ticket has been filed yet');
      loaded.answerTicket(id, change);
    },
    subscribe: (request, sink, ctx) => later((b) => b.subscribe(request, sink, ctx), sink, ctx.signal),
    subscribeCustomer: (sink, ctx) => later((b) => b.subscribeCustomer(sink, ctx), sink, ctx.signal),
    loadHall: lazy('loadHall'),
    sendMessage: lazy('sendMessage'),
    loadKnowledge: lazy('loadKnowledge'),
    getArticle: lazy('getArticle'),
    loadMessages: lazy('loadMessages'),
    searchArticles: lazy('searchArticles'),
    requestHuman: lazy('requestHuman'),
    cancelHuman: lazy('cancelHuman'),
    sendTyping: lazy('sendTyping'),
    runAction: lazy('runAction'),
    submitTicket: lazy('submitTicket'),
    uploadAttachment: lazy('uploadAttachment'),
    rate: lazy('rate'),
    endConversation: lazy('endConversation'),
    track: lazy('track'),
    listConversations: lazy('listConversations'),
    listTickets: lazy('listTickets'),
    getTicket: lazy('getTicket'),
    replyTicket: lazy('replyTicket'),
    reopenTicket: lazy('reopenTicket'),
  };
};
