import {
  AdapterError,
  historyPage,
  type Adapter,
  type CallContext,
  type ConversationEvent,
  type HumanResponse,
  type OutgoingMessage,
  type StreamSink,
  type SubscribeRequest,
} from '../core/adapter.js';
import type { Hall, Message } from '../core/types.js';
import type { StorageLike } from './persist.js';

/** A scripted failure: an error to throw, or `cut`: the server stores the request but the answer is lost. */
export type Failure = AdapterError | 'cut';

/** How the server echoes a customer message on the stream: before its POST answer, after it, or not at all. */
export type Echo = 'before' | 'after' | 'none';

export interface Subscription {
  request: SubscribeRequest;
  sink: StreamSink;
  ctx: CallContext;
  open: boolean;
}

export const networkError = () => new AdapterError('network', 'Failed to fetch');
export const serverError = (status = 503) => new AdapterError('server', 'unavailable', status);
export const rejectedError = (status = 400) => new AdapterError('rejected', 'bad request', status);

const HALL: Hall = {
  greeting: 'Hi',
  announcements: [],
  orders: [{ id: 'o1', status: 'shipped', title: 'Shoes', createdAt: '2024-01-01T00:00:00Z' }],
  recommendations: [],
  actions: [],
  service: { humanAvailable: true },
};

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('aborted', 'AbortError'));
    });
  });

/**
 * A fake backend for state tests: records every call, stores messages idempotently by clientId,
 * and fails, delays or echoes as a test scripts it.
 */
export const createTestAdapter = (echo: Echo = 'after') => {
  const calls: { op: string; input: unknown; ctx: CallContext }[] = [];
  const failures: Record<string, Failure[]> = {};
  const delays: Record<string, number> = {};
  const subscriptions: Subscription[] = [];
  /** Every message the server holds, in seq order. */
  const stored: Message[] = [];
  let seq = 0;
  let conversations = 0;
  let human: HumanResponse = { status: 'queued', position: 3, etaSeconds: 120 };

  const push = (event: ConversationEvent, conversationId?: string) => {
    for (const s of subscriptions) {
      if (s.open && (!conversationId || s.request.conversationId === conversationId)) s.sink.event(event);
    }
  };
  const store = (message: Omit<Message, 'seq' | 'id' | 'createdAt'>): Message => {
    const full = { ...message, id: `m${++seq}`, seq, createdAt: new Date(seq * 1000).toISOString() };
    stored.push(full);
    return full;
  };

  const run = async <T>(op: string, input: unknown, ctx: CallContext, work: () => T): Promise<T> => {
    calls.push({ op, input, ctx });
    if (delays[op]) await wait(delays[op], ctx.signal);
    if (ctx.signal.aborted) throw new AdapterError('aborted', 'aborted');
    const failure = failures[op]?.shift();
    if (failure === 'cut') {
      work();
      throw networkError();
    }
    if (failure) throw failure;
    return work();
  };

  // The customer's past is left out: the memory adapter serves it in the tests that need it.
  const adapter: Required<Omit<Adapter, PastOperation>> = {
    loadHall: (request, ctx) => run('loadHall', request, ctx, () => HALL),
    sendMessage: (message: OutgoingMessage, ctx) =>
      run('sendMessage', message, ctx, () => {
        let saved = stored.find((m) => m.clientId === message.clientId);
        if (!saved) {
          const conversationId = message.conversationId ?? `c${++conversations}`;
          saved = store({ conversationId, clientId: message.clientId, role: 'customer', text: message.text });
          const event = { type: 'message', message: saved } as const;
          if (echo === 'before') push(event, conversationId);
          if (echo === 'after') setTimeout(() => push(event, conversationId), 5);
        }
        const { conversationId, id, clientId, seq, createdAt } = saved;
        return { conversationId, id, clientId: clientId!, seq, createdAt };
      }),
    subscribe(request, sink, ctx) {
      calls.push({ op: 'subscribe', input: request, ctx });
      const subscription = { request, sink, ctx, open: true };
      subscriptions.push(subscription);
      ctx.signal.addEventListener('abort', () => (subscription.open = false));
      // Like a server stream: first what the client missed after its cursor.
      setTimeout(() => {
        for (const message of stored) {
          if (subscription.open && message.conversationId === request.conversationId && message.seq > request.after) {
            sink.event({ type: 'message', message });
          }
        }
      });
      return () => (subscription.open = false);
    },
    loadKnowledge: (ctx) =>
      run('loadKnowledge', undefined, ctx, () => ({ articles: [{ id: 'a1', title: 'Returns' }] })),
    getArticle: (id, ctx) => run('getArticle', id, ctx, () => ({ id, title: 'Returns' })),
    loadMessages: (request, ctx) =>
      run('loadMessages', request, ctx, () =>
        historyPage(
          stored.filter((m) => m.conversationId === request.conversationId),
          request,
        ),
      ),
    searchArticles: (query, ctx) => run('searchArticles', query, ctx, () => []),
    requestHuman: (request, ctx) => run('requestHuman', request, ctx, () => human),
    cancelHuman: (id, ctx) => run('cancelHuman', id, ctx, () => undefined),
    runAction: (request, ctx) => run('runAction', request, ctx, () => ({ ok: true, message: 'done' })),
    submitTicket: (ticket, ctx) => run('submitTicket', ticket, ctx, () => ({ id: 'T-1', status: 'open' })),
    uploadAttachment: (request, ctx) =>
      run('uploadAttachment', request, ctx, () => {
        request.onProgress?.(1);
        return { id: 'f1', name: request.file.name ?? 'file', size: request.file.size, type: request.file.type };
      }),
    rate: (rating, ctx) => run('rate', rating, ctx, () => undefined),
    endConversation: (id, ctx) => run('endConversation', id, ctx, () => undefined),
    sendTyping: (request, ctx) => run('sendTyping', request, ctx, () => undefined),
    track: (events, ctx) => run('track', events, ctx, () => undefined),
  };

  return {
    adapter,
    calls,
    stored,
    subscriptions,
    /** Calls of one operation, in order. */
    callsOf: (op: string) => calls.filter((c) => c.op === op),
    /** The next calls of `op` fail like this, one entry per call. */
    fail(op: string, ...next: Failure[]) {
      (failures[op] ??= []).push(...next);
    },
    delay(op: string, ms: number) {
      delays[op] = ms;
    },
    respondHuman(response: HumanResponse) {
      human = response;
    },
    /** Sends a stream event to the open subscriptions. */
    push,
    /** The bot or an agent writes in the conversation. */
    reply(conversationId: string, text: string, role: Message['role'] = 'bot') {
      const message = store({ conversationId, role, text });
      push({ type: 'message', message }, conversationId);
      return message;
    },
  };
};

export type TestAdapter = ReturnType<typeof createTestAdapter>;

type PastOperation =
  'listConversations' | 'listTickets' | 'getTicket' | 'replyTicket' | 'reopenTicket' | 'subscribeCustomer';

/** A `Storage` stand-in that outlives a session, like `localStorage` across a reload. */
export const createTestStorage = (): StorageLike & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
};

/** Resolves when `check` holds, polling; rejects after `ms`. */
export const until = async (check: () => unknown, ms = 2000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

/** Collects unhandled promise rejections until the returned function is called, which returns them. */
export const watchRejections = () => {
  const seen: unknown[] = [];
  const listener = (event: PromiseRejectionEvent) => seen.push(event.reason);
  window.addEventListener('unhandledrejection', listener);
  return () => {
    window.removeEventListener('unhandledrejection', listener);
    return seen;
  };
};
