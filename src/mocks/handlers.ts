import { delay, http, HttpResponse, type PathParams, type RequestHandler } from 'msw';
import { AdapterError, historyPage, type Adapter, type CallContext, type ConversationEvent } from '../core/adapter.js';
import type { Locale, Message } from '../core/types.js';

/** Faults injected by the mock backend, for reliability tests and demos. */
export interface Faults {
  /** Share (0–1) of POSTs answered 503 before reaching the backend. */
  failRate?: number;
  /** Share (0–1) of POSTs that reach the backend (the message is stored) but whose connection is then cut. */
  cutAfterStoreRate?: number;
  /** Latency range `[min, max]` in ms added to every request. */
  latency?: [number, number];
  /** Every event stream is cut after this many ms. */
  dropStreamEveryMs?: number;
  /** While this returns true, every request fails as a network error and open streams are cut. */
  offline?: () => boolean;
  /** Random source in [0, 1), for reproducible runs. Default `Math.random`. */
  random?: () => number;
}

/** Options of {@link createHandlers}. */
export interface HandlerOptions {
  faults?: Faults;
  /** Interval of the `: ping` heartbeat comments on event streams. Default 15000. */
  heartbeatMs?: number;
}

const encoder = new TextEncoder();

/** A backfill waits this long for the backend's replay to start (its `open` state or a first event)… */
const BACKFILL_START_MS = 500;
/** …then answers once the replay has been quiet this long. */
const BACKFILL_QUIET_MS = 30;

const errorResponse = (error: unknown) => {
  const e = error instanceof AdapterError ? error : new AdapterError('server', String(error));
  const status = e.code === 'rejected' ? (e.status ?? 400) : e.code === 'malformed' ? 500 : 503;
  return HttpResponse.json({ error: { code: e.reason ?? e.code, message: e.message } }, { status });
};

/** One SSE frame; only messages carry an `id`, which is their `seq`. */
const frame = (event: ConversationEvent) => {
  if (event.type === 'message')
    return `id: ${event.message.seq}\nevent: message\ndata: ${JSON.stringify(event.message)}\n\n`;
  const { type, ...payload } = event;
  return `event: ${type}\ndata: ${JSON.stringify(payload)}\n\n`;
};

/**
 * msw request handlers that serve the whole reference HTTP protocol (docs/protocol.md) under `endpoint`,
 * on top of any {@link Adapter}: a memory adapter becomes a realistic HTTP backend for tests, stories and the demo.
 */
export const createHandlers = (endpoint: string, backend: Adapter, options: HandlerOptions = {}): RequestHandler[] => {
  const base = endpoint.replace(/\/*$/, '/');
  const { faults = {}, heartbeatMs = 15_000 } = options;
  const random = faults.random ?? Math.random;

  const contextOf = (request: Request, locale?: unknown): CallContext => {
    const token = /^Bearer (.+)$/.exec(request.headers.get('Authorization') ?? '')?.[1];
    const query = new URL(request.url).searchParams.get('locale');
    return {
      signal: request.signal,
      locale: ((typeof locale === 'string' ? locale : query) ?? 'zh-CN') as Locale,
      ...(token ? { user: { id: token, token } } : {}),
    };
  };

  /** Applies latency and offline faults, then answers with `run`, mapping adapter errors to the protocol's error format. */
  const serve =
    (run: (request: Request, params: Record<string, string>) => Promise<Response>) =>
    async ({ request, params }: { request: Request; params: PathParams }) => {
      const [min, max] = faults.latency ?? [0, 0];
      if (max > 0) await delay(min + random() * (max - min));
      if (faults.offline?.()) return HttpResponse.error();
      try {
        return await run(request, params as Record<string, string>);
      } catch (error) {
        return errorResponse(error);
      }
    };

  /** A POST: may fail before the backend (failRate) or after it (cutAfterStoreRate), as flaky networks do. */
  const post = (
    path: string,
    run: (body: Record<string, unknown>, ctx: CallContext, params: Record<string, string>) => Promise<unknown>,
  ) =>
    http.post(
      base + path,
      serve(async (request, params) => {
        if (random() < (faults.failRate ?? 0))
          return HttpResponse.json({ error: { code: 'unavailable', message: 'injected failure' } }, { status: 503 });
        const type = request.headers.get('Content-Type') ?? '';
        const body = type.startsWith('multipart/')
          ? { file: (await request.formData()).get('file') }
          : ((await request.json().catch(() => ({}))) as Record<string, unknown>);
        const result = await run(
          body,
          contextOf(request, (body.context as { locale?: unknown } | undefined)?.locale),
          params,
        );
        if (random() < (faults.cutAfterStoreRate ?? 0)) return HttpResponse.error();
        return result === undefined ? new HttpResponse(null, { status: 204 }) : HttpResponse.json(result as never);
      }),
    );
  const get = (
    path: string,
    run: (request: Request, ctx: CallContext, params: Record<string, string>) => Promise<Response>,
  ) =>
    http.get(
      base + path,
      serve((request, params) => run(request, contextOf(request), params)),
    );
  const json = (value: unknown) => HttpResponse.json(value as never);
  /** An optional operation of the backend, bound; a backend without it answers 404 `unsupported`. */
  const op = <K extends keyof Adapter>(name: K): NonNullable<Adapter[K]> => {
    const f = backend[name] as ((...args: never[]) => unknown) | undefined;
    if (!f) throw new AdapterError('rejected', `${name} is not supported by this backend`, 404, 'unsupported');
    return f.bind(backend) as NonNullable<Adapter[K]>;
  };

  /** Collects the messages after `after` by replaying the backend's stream until it goes quiet. */
  const backfill = (conversationId: string, after: number, ctx: CallContext) =>
    new Promise<Message[]>((resolve) => {
      const messages: Message[] = [];
      let quiet: ReturnType<typeof setTimeout>;
      const done = () => {
        unsubscribe();
        resolve(messages);
      };
      const settle = () => {
        clearTimeout(quiet);
        quiet = setTimeout(done, BACKFILL_QUIET_MS);
      };
      const unsubscribe = backend.subscribe(
        { conversationId, after },
        {
          event: (event) => {
            if (event.type === 'message' && event.message.seq > after) messages.push(event.message);
            settle();
          },
          state: settle,
        },
        ctx,
      );
      quiet = setTimeout(done, BACKFILL_START_MS);
    });

  /** Knowledge ETag: a cheap hash of the body, so it changes when the articles do. */
  const etagOf = (text: string) => {
    let hash = 0;
    for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
    return `"${(hash >>> 0).toString(36)}-${text.length}"`;
  };

  const events = get('conversations/:id/events', async (request, ctx, { id = '' }) => {
    const url = new URL(request.url);
    const after = Number(request.headers.get('Last-Event-ID') ?? url.searchParams.get('after') ?? 0) || 0;
    let stop = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const timers: ReturnType<typeof setTimeout>[] = [];
        // The stream's own signal: it ends the backend subscription when the client goes away or the stream is cut.
        const subscription = new AbortController();
        stop = () => {
          timers.forEach(clearInterval);
          subscription.abort();
        };
        const write = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            stop();
          }
        };
        const cut = () => {
          stop();
          controller.error(new TypeError('stream cut'));
        };
        write(': connected\n\n');
        backend.subscribe(
          { conversationId: id, after },
          { event: (event) => write(frame(event)) },
          { ...ctx, signal: subscription.signal },
        );
        timers.push(setInterval(() => write(': ping\n\n'), heartbeatMs));
        if (faults.offline) timers.push(setInterval(() => faults.offline?.() && cut(), 100));
        if (faults.dropStreamEveryMs) timers.push(setTimeout(cut, faults.dropStreamEveryMs));
      },
      cancel: () => stop(),
    });
    return new HttpResponse(body, {
      headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' },
    });
  });

  /** The customer's own stream: each ticket change as an SSE `ticket` event, its update time as the id. */
  const customerStream = get('stream', async (_request, ctx) => {
    let stop = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const subscription = new AbortController();
        const timer = setInterval(() => write(': ping\n\n'), heartbeatMs);
        stop = () => {
          clearInterval(timer);
          subscription.abort();
        };
        function write(text: string) {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            stop();
          }
        }
        write(': connected\n\n');
        op('subscribeCustomer')(
          {
            event: ({ type, ...payload }) =>
              write(
                `id: ${Date.parse(payload.ticket.updatedAt) || 0}\nevent: ${type}\ndata: ${JSON.stringify(payload)}\n\n`,
              ),
          },
          { ...ctx, signal: subscription.signal },
        );
      },
      cancel: () => stop(),
    });
    return new HttpResponse(body, { headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' } });
  });
  /** `cursor` and `limit` of a list request. */
  const listOf = (request: Request) => {
    const query = new URL(request.url).searchParams;
    return { cursor: query.get('cursor') ?? undefined, limit: Number(query.get('limit')) || undefined };
  };

  return [
    get('conversations', async (request, ctx) => json(await op('listConversations')(listOf(request), ctx))),
    get('tickets', async (request, ctx) => json(await op('listTickets')(listOf(request), ctx))),
    get('tickets/:id', async (_, ctx, { id = '' }) => json(await op('getTicket')(id, ctx))),
    post('tickets/:id/replies', (body, ctx, { id = '' }) => op('replyTicket')({ ...body, ticketId: id } as never, ctx)),
    post('tickets/:id/reopen', (_, ctx, { id = '' }) => op('reopenTicket')(id, ctx)),
    customerStream,
    get('hall', async (request, ctx) => {
      const page = new URL(request.url).searchParams;
      const context = Object.fromEntries(['page', 'product'].flatMap((k) => (page.get(k) ? [[k, page.get(k)]] : [])));
      return json(await backend.loadHall({ context }, ctx));
    }),
    get('knowledge', async (request, ctx) => {
      const text = JSON.stringify(await op('loadKnowledge')(ctx));
      const etag = etagOf(text);
      const headers = { ETag: etag, 'Cache-Control': 'no-cache' };
      if (request.headers.get('If-None-Match') === etag) return new HttpResponse(null, { status: 304, headers });
      return new HttpResponse(text, { headers: { ...headers, 'Content-Type': 'application/json' } });
    }),
    get('articles', async (request, ctx) => {
      const q = new URL(request.url).searchParams.get('q') ?? '';
      return json({ articles: await op('searchArticles')(q, ctx) });
    }),
    get('articles/:id', async (_, ctx, { id = '' }) => json(await op('getArticle')(id, ctx))),
    get('conversations/:id/messages', async (request, ctx, { id = '' }) => {
      const query = new URL(request.url).searchParams;
      const before = query.get('before');
      // Paging back (from the newest when only a limit is given): the backend's own history when it has one,
      // else its replay from the start.
      if (before !== null || (query.get('after') === null && query.get('limit') !== null)) {
        const page = {
          conversationId: id,
          before: before === null ? undefined : Number(before) || 0,
          limit: Number(query.get('limit')) || undefined,
        };
        const messages = backend.loadMessages
          ? await backend.loadMessages(page, ctx)
          : historyPage(await backfill(id, 0, ctx), page);
        return json({ messages });
      }
      return json({ messages: await backfill(id, Number(query.get('after')) || 0, ctx) });
    }),
    // Anonymous visitors get a token that names them from then on (the handlers use it as the customer id).
    post('visitors', async () => {
      const id = `visitor-${Math.random().toString(36).slice(2)}`;
      return { token: id, id };
    }),
    events,
    post('conversations/messages', (body, ctx) => backend.sendMessage(body as never, ctx)),
    post('conversations/:id/human', (body, ctx, { id = '' }) =>
      op('requestHuman')({ ...body, conversationId: id } as never, ctx),
    ),
    http.delete(
      base + 'conversations/:id/human',
      serve(async (request, { id = '' }) => {
        await op('cancelHuman')(id, contextOf(request));
        return new HttpResponse(null, { status: 204 });
      }),
    ),
    post('conversations/:id/close', (_, ctx, { id = '' }) => op('endConversation')(id, ctx)),
    post('conversations/:id/typing', (body, ctx, { id = '' }) =>
      op('sendTyping')({ conversationId: id, typing: body.typing === true }, ctx),
    ),
    post('conversations/:id/rating', (body, ctx, { id = '' }) =>
      op('rate')({ ...body, conversationId: id } as never, ctx),
    ),
    post('articles/:id/rating', (body, ctx, { id = '' }) => op('rate')({ ...body, articleId: id } as never, ctx)),
    post('actions/:id', (body, ctx, { id = '' }) => op('runAction')({ ...body, actionId: id } as never, ctx)),
    post('tickets', (body, ctx) => op('submitTicket')(body as never, ctx)),
    post('uploads', (body, ctx) => {
      if (!(body.file instanceof Blob))
        throw new AdapterError('rejected', 'a multipart "file" field is required', 400, 'invalid');
      return op('uploadAttachment')({ file: body.file }, ctx);
    }),
    post('events', async (body, ctx) => {
      await backend.track?.((Array.isArray(body.events) ? body.events : []) as never, ctx);
    }),
  ];
};
