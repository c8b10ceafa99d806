import {
  AdapterError,
  type Adapter,
  type CallContext,
  type HumanResponse,
  type KnowledgeIndex,
  type ActionResult,
  type SendReceipt,
  type StreamState,
  type TicketReceipt,
  type ConversationPage,
  type TicketPage,
  type TrackedEvent,
} from '../../core/adapter.js';
import type { Article, Attachment, Hall, Message, TicketReply, TicketSummary, TicketThread } from '../../core/types.js';
import { createSlot } from '../../state/persist.js';
import type { HttpAdapterOptions } from './index.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => !!v && typeof v == 'object' && !Array.isArray(v);

/**
 * Checks a response object against a compact spec, hand-written rather than a schema library for bytes:
 * space-separated `name[:type][?]`, where type is a letter of {@link TYPES} (default `s`), `*X` a list of X
 * whose malformed entries are dropped, or `=a|b` one of those strings; `?` marks an optional field.
 * Optional nulls are deleted, so the UI only ever meets `undefined`. Extra fields pass through.
 */
const is = (v: unknown, spec: unknown): v is Obj =>
  isObj(v) &&
  typeof spec == 'string' &&
  spec.split(' ').every((field) => {
    const [k = '', t = 's'] = field.replace('?', '').split(':');
    const x = v[k];
    return field.endsWith('?') && x == null
      ? delete v[k]
      : t[0] == '='
        ? t
            .slice(1)
            .split('|')
            .includes(x as string)
        : t[0] == '*'
          ? // One bad order must not cost the customer the whole hall.
            Array.isArray(x) && (v[k] = x.filter(TYPES[t[1]!]!))
          : TYPES[t]!(x);
  });

const shape = (spec: string) => (v: unknown) => is(v, spec);

const CARDS: Obj = {
  article: 'articleId title summary?',
  order: 'order:O',
  action: 'actionId title',
  result: 'ok:b title lines:S?',
  replies: 'replies:S',
};

/** The field types of the protocol, by letter. */
const TYPES: Record<string, (v: unknown) => unknown> = {
  s: (v) => typeof v == 'string',
  n: Number.isFinite,
  b: (v) => typeof v == 'boolean',
  o: isObj,
  S: (v) => Array.isArray(v) && v.every(TYPES.s!),
  // Article, knowledge list, attachment (file), agent, author (name)
  T: shape('id title body? summary? keywords:S? tags:S?'),
  K: shape('articles:*T'),
  F: shape('id name size:n type url?'),
  A: shape('id name avatar?'),
  N: shape('name id? avatar?'),
  // Order and its items, card, message
  O: shape('id status title createdAt items:*I? total:n? currency?'),
  I: shape('name quantity:n? image?'),
  C: (v) => is(v, 'type') && is(v, CARDS[v.type as string]),
  M: shape(
    'id seq:n conversationId clientId? role:=customer|bot|agent|system text createdAt author:N? attachments:*F? cards:*C? sentiment?',
  ),
  // Hall: announcement (warning), recommendation, action (x), field, option (pick), service status
  H: shape('greeting company? announcements:*W orders:*O recommendations:*R actions:*X service:V'),
  W: (v) => is(v, 'id level title body?') && (is(v, 'level:=info|warning|critical') || ((v as Obj).level = 'info')),
  R: shape('id text articleId? statuses:S? pages:S? tiers:S? popularity:n?'),
  X: shape('id title icon? description? fields:*D statuses:S? keywords:S?'),
  D: shape('name type label required:b? placeholder? options:*P? max:n?'),
  P: shape('value label'),
  V: shape('humanAvailable:b expectedWaitSeconds:n? nextOpenAt?'),
  // Past conversations and tickets: latest entry (last), conversation (Y), ticket (Q), reply (E)
  L: shape('role:=customer|bot|agent|system text createdAt author:N?'),
  Y: shape('id status:=open|closed summary orderId? createdAt updatedAt last:L?'),
  Q: shape('id status:=open|pending|solved category summary orderId? createdAt updatedAt last:L?'),
  E: shape('id role:=customer|agent text createdAt author:N? attachments:*F?'),
  // Human hand-off answer
  U: (v) =>
    is(v, 'status:=queued')
      ? is(v, 'position:n etaSeconds:n?')
      : is(v, 'status:=connected')
        ? is(v, 'agent:A')
        : is(v, 'status:=offline nextOpenAt?'),
};

/** Payload specs of the stream's non-message events; other event names are ignored, for forward compatibility. */
const EVENTS: Obj = {
  typing: 'typing:b author:N?',
  queue: 'position:n etaSeconds:n?',
  agent: 'status:=joined|left agent:A',
  closed: 'by?',
};

const malformed = () => new AdapterError('malformed', 'malformed response');
const need =
  <T>(ok: (v: unknown) => unknown) =>
  (v: unknown): T => {
    if (ok(v)) return v as T;
    throw malformed();
  };
const articles = (v: unknown) => need<KnowledgeIndex>(TYPES.K!)(v).articles;

const noop = () => {};
/** How often a customer stream waiting for an identity (a visitor token yet to be issued) looks again. */
const IDENTITY_WAIT_MS = 5e3;

/** Hands an event to a sink; a failing listener is the host's bug and must not cut the stream. */
const deliver = (sink: { event(e: never): void }, v: Obj) => {
  try {
    sink.event(v as never);
  } catch (error) {
    reportError(error);
  }
};

/** What one keepalive body may hold: under the browsers' 64 KiB quota, with room for the envelope. */
const KEEPALIVE_BYTES = 60_000;
const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)).length;
/** Consecutive slices of `events`, each under KEEPALIVE_BYTES unless a single event is bigger on its own. */
const keepaliveSlices = (events: TrackedEvent[]): TrackedEvent[][] => {
  const slices: TrackedEvent[][] = [];
  let size = Infinity;
  for (const event of events) {
    const n = bytes(event) + 1;
    if (size + n > KEEPALIVE_BYTES) {
      slices.push([]);
      size = 2;
    }
    slices[slices.length - 1]!.push(event);
    size += n;
  }
  return slices;
};

/** The implementation behind {@link createHttpAdapter}, loaded on first use. */
export const createClient = ({
  endpoint,
  timeoutMs = 15e3,
  fetch: fetchFn = fetch,
  headers: extra,
  stallMs = 45e3,
  backoffMs = 1e3,
}: HttpAdapterOptions): Adapter => {
  const base = new URL(endpoint.replace(/\/*$/, '/'), globalThis.location?.href);
  const url = (path: string, query: Record<string, unknown> = {}) => {
    const u = new URL(path, base);
    for (const [k, v] of Object.entries(query)) if (v != null) u.searchParams.set(k, String(v));
    return u;
  };
  const seg = encodeURIComponent;
  const backoff = (attempt: number) => Math.min(3e4, backoffMs * 2 ** attempt) * (0.5 + Math.random());
  // Responses that carried an ETag, replayed on 304 Not Modified.
  const etags = new Map<string, [etag: string, body: unknown]>();

  // An anonymous customer's identity: a visitor token the backend issues on demand, kept for their return.
  const visitor = createSlot('visitor:' + base.href);
  let issuing: Promise<unknown> | undefined;

  const send = async (u: URL, ctx: CallContext, init: RequestInit, signal: AbortSignal) => {
    const own = ctx.user?.token;
    const go = (token?: string) => {
      const headers = new Headers({
        Accept: 'application/json',
        ...extra,
        ...(init.headers as Record<string, string>),
      });
      if (typeof init.body == 'string') headers.set('Content-Type', 'application/json');
      // The token never leaves the endpoint's origin, whatever URL a path resolves to.
      if (token && u.origin == base.origin) headers.set('Authorization', 'Bearer ' + token);
      return fetchFn(u, { ...init, headers, signal });
    };
    const kept = own ? undefined : visitor.get();
    const res = await go(own ?? kept);
    if (res.status != 401 || own || u.origin != base.origin) return res;
    // The backend needs to know who this is: it issues a visitor token (POST visitors), and the request is repeated once.
    if (kept && visitor.get() == kept) visitor.set();
    await (issuing ??= fetchFn(url('visitors'), {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...extra },
      body: '{}',
      signal,
    })
      .then((r) => r.ok && r.json())
      .then((body) => is(body, 'token') && visitor.set(body.token as string))
      .catch(noop)
      .finally(() => (issuing = undefined)));
    const token = visitor.get();
    return token ? go(token) : res;
  };

  /**
   * A customer the backend cannot know yet: no token of the host's, no visitor token. They have no past, and
   * asking would make the backend issue a visitor token for every page view.
   */
  const anonymous = (ctx: CallContext) => !ctx.user?.token && !visitor.get();

  const failure = (res: Response, body: unknown) => {
    const error = isObj(body) && isObj(body.error) ? body.error : {};
    const s = res.status;
    const str = (v: unknown) => (typeof v == 'string' ? v : undefined);
    return s == 429 || s >= 500
      ? new AdapterError('server', `HTTP ${s}`, s)
      : new AdapterError('rejected', str(error.message) ?? `HTTP ${s}`, s, str(error.code));
  };

  /** One JSON call: timeout, error mapping, ETag, and for GETs retries with backoff, jitter and Retry-After. */
  const request = async (ctx: CallContext, u: URL, init: RequestInit = {}): Promise<unknown> => {
    for (let attempt = 0; ; attempt++) {
      const cached = init.method ? undefined : etags.get(u.href);
      let res: Response | undefined;
      const timeout = AbortSignal.timeout(timeoutMs);
      try {
        res = await send(
          u,
          ctx,
          cached ? { ...init, headers: { 'If-None-Match': cached[0] } } : init,
          AbortSignal.any([ctx.signal, timeout]),
        );
        if (cached && res.status == 304) return cached[1];
        const text = await res.text();
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // An HTML error page from a proxy is still a server error; as a success it is malformed.
          if (res.ok) throw malformed();
        }
        if (!res.ok || (isObj(body) && body.error)) throw failure(res, body);
        const etag = res.headers.get('ETag');
        if (etag && !init.method) etags.set(u.href, [etag, body]);
        return body;
      } catch (e) {
        const error = ctx.signal.aborted
          ? new AdapterError('aborted', 'aborted')
          : e instanceof AdapterError
            ? e
            : // The signal says why: WebKit rejects a timed-out fetch with its own error, not the signal's reason.
              new AdapterError('network', timeout.aborted ? 'timeout' : 'network error');
        // Retry-After is either seconds or an HTTP date.
        const after = res?.headers.get('Retry-After');
        const wait = Math.max(
          backoff(attempt),
          (after && (isNaN(+after) ? Date.parse(after) - Date.now() : +after * 1e3)) || 0,
        );
        if (init.method || attempt > 1 || !error.retryable || wait > timeoutMs) throw error;
        // An abort ends the wait at once; the next attempt then fails as aborted.
        await new Promise((resolve) => {
          setTimeout(resolve, wait);
          ctx.signal.addEventListener('abort', resolve);
        });
      }
    }
  };
  const get = (ctx: CallContext, path: string, query?: Obj) =>
    request(ctx, url(path, { locale: ctx.locale, ...query }));
  const post = (ctx: CallContext, path: string, body: unknown, init?: RequestInit) =>
    request(ctx, url(path), { method: 'POST', body: body instanceof FormData ? body : JSON.stringify(body), ...init });

  /**
   * Follows an event stream (SSE over fetch, so that it can carry the token): reconnects with backoff and
   * jitter, waits for `online` while offline, reconnects a stalled connection, and reports its health.
   */
  const follow = (
    path: string,
    sink: { state?(s: StreamState): void; error?(e: AdapterError): void },
    ctx: CallContext,
    on: {
      cursor(): string;
      /** Whether to connect now; when not, asked again a little later, without a request. */
      ready?(): boolean;
      /** Fills the gap after a drop, before reconnecting. */
      resume?(signal: AbortSignal): Promise<void>;
      dispatch(type: string, data: unknown, id: string): void;
    },
  ) => {
    let stopped = false;
    let waiting = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let state: StreamState | undefined;
    let conn = new AbortController();
    const set = (s: StreamState) => s != state && sink.state?.((state = s));

    const connect = async (resume?: boolean) => {
      waiting = false;
      if (on.ready && !on.ready()) {
        timer = setTimeout(connect, IDENTITY_WAIT_MS, resume);
        return;
      }
      const c = (conn = new AbortController());
      const signal = AbortSignal.any([ctx.signal, c.signal]);
      let stall: ReturnType<typeof setTimeout> | undefined;
      // No bytes at all, heartbeats included, for stallMs means a dead connection that TCP has not noticed.
      const arm = () => {
        clearTimeout(stall);
        stall = setTimeout(() => c.abort(), stallMs);
      };
      try {
        if (resume) await on.resume?.(signal);
        arm();
        const cursor = on.cursor();
        const res = await send(
          url(path),
          ctx,
          {
            // Firefox holds a second request for a URL whose response may be cached until the first one ends,
            // and a stream never ends: a resumed stream would wait behind the stream it replaces.
            cache: 'no-store',
            headers: { Accept: 'text/event-stream', ...(cursor && { 'Last-Event-ID': cursor }) },
          },
          signal,
        );
        // 204 is the SSE way of saying "do not reconnect" (the conversation is gone or closed).
        if (res.status == 204) return stop();
        if (!res.ok) throw failure(res, await res.json().catch(noop));
        if (!res.headers.get('Content-Type')?.startsWith('text/event-stream')) throw malformed();
        set('open');
        attempt = 0;
        const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
        // Aborting the fetch should error its body, but a body that came through a pipe may not hear it (WebKit):
        // cancelling the reader ends the read below in every engine.
        signal.addEventListener('abort', () => void reader.cancel().catch(noop), { once: true });
        let buffer = '';
        let data = '';
        let type = '';
        let id = '';
        for (;;) {
          arm();
          const { value, done } = await reader.read();
          if (done) break;
          // A trailing \r stays buffered: it may be the first half of a \r\n split across chunks.
          const lines = (buffer + value).split(/\r\n|\r(?!$)|\n/);
          buffer = lines.pop()!;
          for (const line of lines) {
            if (!line) {
              if (data) {
                let v: unknown;
                try {
                  v = JSON.parse(data.slice(0, -1));
                } catch {
                  /* dispatched as undefined: reported as malformed */
                }
                on.dispatch(type || 'message', v, id);
              }
              data = type = id = '';
            } else if (line[0] != ':') {
              const [, field, value = ''] = /^([^:]*):? ?(.*)$/.exec(line)!;
              if (field == 'data') data += value + '\n';
              else if (field == 'event') type = value;
              else if (field == 'id') id = value;
            }
          }
        }
      } catch (e) {
        // Drops, timeouts and 5xx only show as the reconnecting state; a rejection or a malformed answer is reported.
        if (!stopped && e instanceof AdapterError && !e.retryable && e.code != 'aborted') sink.error?.(e);
      } finally {
        clearTimeout(stall);
      }
      if (stopped) return;
      waiting = true;
      if (navigator.onLine === false) set('offline');
      else {
        set('reconnecting');
        timer = setTimeout(connect, backoff(attempt++), true);
      }
    };
    const wake = () => {
      if (!waiting) return;
      clearTimeout(timer);
      void connect(true);
    };
    const drop = () => conn.abort();
    const stop = () => {
      stopped = true;
      conn.abort();
      clearTimeout(timer);
      removeEventListener('online', wake);
      removeEventListener('offline', drop);
      ctx.signal.removeEventListener('abort', stop);
    };
    if (ctx.signal.aborted) return noop;
    ctx.signal.addEventListener('abort', stop);
    addEventListener('online', wake);
    addEventListener('offline', drop);
    void connect();
    return stop;
  };

  return {
    loadHall: async ({ context }, ctx) =>
      need<Hall>(TYPES.H!)(await get(ctx, 'hall', { page: context?.page, product: context?.product })),
    loadKnowledge: async (ctx) => ({ articles: articles(await get(ctx, 'knowledge')) }),
    getArticle: async (id, ctx) => need<Article>(TYPES.T!)(await get(ctx, 'articles/' + seg(id))),
    searchArticles: async (q, ctx) => articles(await get(ctx, 'articles', { q })),
    loadMessages: async ({ conversationId, before, limit }, ctx) => {
      const body = await get(ctx, `conversations/${seg(conversationId)}/messages`, { before, limit });
      if (!is(body, 'messages:*M')) throw malformed();
      return (body.messages as Message[]).sort((a, b) => a.seq - b.seq);
    },
    sendMessage: async (m, ctx) =>
      need<SendReceipt>((v) => is(v, 'conversationId id clientId seq:n createdAt') && v.clientId == m.clientId)(
        await post(ctx, 'conversations/messages', m),
      ),
    requestHuman: async ({ conversationId, ...rest }, ctx) =>
      need<HumanResponse>(TYPES.U!)(await post(ctx, `conversations/${seg(conversationId)}/human`, rest)),
    cancelHuman: async (id, ctx) =>
      void (await request(ctx, url(`conversations/${seg(id)}/human`), { method: 'DELETE' })),
    runAction: async ({ actionId, ...rest }, ctx) =>
      need<ActionResult>((v) => is(v, 'ok:b message') && (is(v, 'card:C?') || delete (v as Obj).card))(
        await post(ctx, 'actions/' + seg(actionId), rest),
      ),
    listConversations: async ({ cursor, limit }, ctx) =>
      anonymous(ctx)
        ? { conversations: [] }
        : need<ConversationPage>(shape('conversations:*Y next?'))(await get(ctx, 'conversations', { cursor, limit })),
    listTickets: async ({ cursor, limit }, ctx) =>
      anonymous(ctx)
        ? { tickets: [] }
        : need<TicketPage>(shape('tickets:*Q next?'))(await get(ctx, 'tickets', { cursor, limit })),
    getTicket: async (id, ctx) =>
      need<TicketThread>((v) => is(v, 'ticket:Q replies:*E') && is(v.ticket, 'description attachments:*F?'))(
        await get(ctx, 'tickets/' + seg(id)),
      ),
    replyTicket: async ({ ticketId, ...rest }, ctx) =>
      need<TicketReply>(TYPES.E!)(await post(ctx, `tickets/${seg(ticketId)}/replies`, rest)),
    reopenTicket: async (id, ctx) => need<TicketSummary>(TYPES.Q!)(await post(ctx, `tickets/${seg(id)}/reopen`, {})),
    submitTicket: async (ticket, ctx) => need<TicketReceipt>(shape('id status'))(await post(ctx, 'tickets', ticket)),
    uploadAttachment: async ({ file, onProgress }, ctx) => {
      onProgress?.(0);
      const form = new FormData();
      form.append('file', file, file.name ?? 'file');
      const result = need<Attachment>(TYPES.F!)(await post(ctx, 'uploads', form));
      onProgress?.(1);
      return result;
    },
    rate: async ({ conversationId, articleId, ...rest }, ctx) =>
      void (await post(
        ctx,
        articleId ? `articles/${seg(articleId)}/rating` : `conversations/${seg(conversationId ?? '')}/rating`,
        rest,
      )),
    endConversation: async (id, ctx) => void (await post(ctx, `conversations/${seg(id)}/close`, {})),
    sendTyping: async ({ conversationId, typing }, ctx) =>
      void (await post(ctx, `conversations/${seg(conversationId)}/typing`, { typing })),
    // keepalive lets a batch outlive the page when it is sent on pagehide. Browsers cap the bodies of keepalive
    // requests in flight at 64 KiB together, and WebKit rejects a request past it outright: so a big backlog goes
    // in slices under the cap, one after another, and only an event too big for any slice goes without keepalive.
    track: async (events, ctx) => {
      for (const slice of keepaliveSlices(events)) {
        await post(ctx, 'events', { events: slice }, { keepalive: bytes(slice) <= KEEPALIVE_BYTES });
      }
    },

    subscribe({ conversationId, after }, sink, ctx) {
      const path = `conversations/${seg(conversationId)}/`;
      let last = after;
      // Replays after Last-Event-ID and backfill may overlap; each seq is delivered once.
      const take = (message: Message) => {
        if (message.seq > last) {
          last = message.seq;
          deliver(sink, { type: 'message', message });
        }
      };
      return follow(path + 'events', sink, ctx, {
        cursor: () => '' + last,
        async resume(signal) {
          const body = await request({ ...ctx, signal }, url(path + 'messages', { after: last }));
          if (!is(body, 'messages:*M')) throw malformed();
          (body.messages as Message[]).sort((a, b) => a.seq - b.seq).forEach(take);
        },
        dispatch(type, v) {
          if (type == 'message' ? !TYPES.M!(v) : typeof EVENTS[type] == 'string' && !is(v, EVENTS[type]))
            sink.error?.(new AdapterError('malformed', `malformed ${type} event`));
          else if (type == 'message') take(v as Message);
          else if (typeof EVENTS[type] == 'string') deliver(sink, { ...(v as Obj), type });
        },
      });
    },

    subscribeCustomer(sink, ctx) {
      // The stream's own cursor: a reconnect replays the ticket changes after the last one delivered.
      let last = '';
      return follow('stream', sink, ctx, {
        cursor: () => last,
        ready: () => !anonymous(ctx),
        dispatch(type, v, id) {
          if (type != 'ticket') return;
          if (!is(v, 'ticket:Q')) return sink.error?.(new AdapterError('malformed', 'malformed ticket event'));
          if (id) last = id;
          deliver(sink, { type, ticket: v.ticket });
        },
      });
    },
  };
};
