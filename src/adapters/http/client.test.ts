import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { AdapterError, type CallContext } from '../../core/adapter.js';
import { createHttpAdapter, type HttpAdapterOptions } from './index.js';

const ENDPOINT = 'https://api.test/v1/';
const worker = setupWorker();
const ctx = (extra: Partial<CallContext> = {}): CallContext => ({
  signal: new AbortController().signal,
  locale: 'en',
  ...extra,
});
const adapter = (options: Partial<HttpAdapterOptions> = {}) =>
  createHttpAdapter({ endpoint: ENDPOINT, backoffMs: 1, ...options });

const HALL = {
  greeting: 'Hi',
  announcements: [{ id: 'a1', level: 'warning', title: 'Delays' }],
  orders: [{ id: 'o1', status: 'shipped', title: 'Kettle', createdAt: '2026-01-01T00:00:00Z' }],
  recommendations: [{ id: 'r1', text: 'Where is my parcel?' }],
  actions: [{ id: 'track', title: 'Track', fields: [{ name: 'order', type: 'order', label: 'Order' }] }],
  service: { humanAvailable: true },
};

/** Resolves with the AdapterError a promise rejects with; fails if it resolves or throws anything else. */
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'rejects with an AdapterError').to.be.instanceOf(AdapterError);
  return error as AdapterError;
};

describe('http adapter: requests', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  it('resolves paths against the endpoint with or without a trailing slash and sends the locale and page', async () => {
    const urls: string[] = [];
    worker.use(http.get(`${ENDPOINT}hall`, ({ request }) => (urls.push(request.url), HttpResponse.json(HALL))));
    const hall = await createHttpAdapter({ endpoint: 'https://api.test/v1' }).loadHall(
      { context: { page: '/orders' } },
      ctx(),
    );
    await adapter().loadHall({}, ctx({ locale: 'zh-TW' }));
    expect(hall.greeting).to.equal('Hi');
    expect(urls).to.deep.equal([`${ENDPOINT}hall?locale=en&page=%2Forders`, `${ENDPOINT}hall?locale=zh-TW`]);
  });

  it('asks nothing about the past of a customer it cannot know yet, so that no visitor is issued per page view', async () => {
    localStorage.removeItem(`service-hall:v1:visitor:${ENDPOINT}`);
    const requests: string[] = [];
    worker.use(http.all(`${ENDPOINT}*`, ({ request }) => (requests.push(request.url), HttpResponse.json({}))));
    const a = adapter();
    expect(await a.listConversations!({}, ctx())).to.deep.equal({ conversations: [] });
    expect(await a.listTickets!({}, ctx())).to.deep.equal({ tickets: [] });
    const stop = a.subscribeCustomer!({ event: () => {} }, ctx());
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop();
    expect(requests).to.deep.equal([]);
  });

  it('validates past lists and ticket threads, dropping a malformed entry and rejecting a malformed thread', async () => {
    const ticket = { id: 'T1', status: 'pending', category: 'other', summary: 'Lid', createdAt: 'x', updatedAt: 'x' };
    worker.use(
      http.get(`${ENDPOINT}tickets`, () =>
        HttpResponse.json({ tickets: [ticket, { ...ticket, id: 'T2', status: 'weird' }, { id: 3 }], next: 'c2' }),
      ),
      http.get(`${ENDPOINT}tickets/T1`, () => HttpResponse.json({ ticket, replies: [] })),
    );
    const page = await adapter().listTickets!({}, ctx({ user: { id: 'u', token: 't' } }));
    expect(page.tickets.map((t) => t.id)).to.deep.equal(['T1']);
    expect(page.next).to.equal('c2');
    // The thread's ticket needs its description.
    expect((await failure(adapter().getTicket!('T1', ctx({ user: { id: 'u', token: 't' } })))).code).to.equal(
      'malformed',
    );
  });

  it('gets a visitor token when the backend asks who an anonymous customer is, and keeps it', async () => {
    localStorage.removeItem(`service-hall:v1:visitor:${ENDPOINT}`);
    const auth: (string | null)[] = [];
    let issued = 0;
    worker.use(
      http.post(`${ENDPOINT}visitors`, () => HttpResponse.json({ token: `v-${++issued}`, id: 'v' })),
      http.get(`${ENDPOINT}hall`, ({ request }) => {
        auth.push(request.headers.get('Authorization'));
        return request.headers.get('Authorization')?.startsWith('Bearer v-')
          ? HttpResponse.json(HALL)
          : HttpResponse.json({ error: { code: 'unauthorized', message: 'who?' } }, { status: 401 });
      }),
    );
    expect((await adapter().loadHall({}, ctx())).greeting).to.equal('Hi');
    expect(await adapter().loadHall({}, ctx()), 'a new adapter (a reload) reuses the kept token').to.be.ok;
    expect(auth).to.deep.equal([null, 'Bearer v-1', 'Bearer v-1']);
    expect(issued).to.equal(1);
    // A signed-in customer's own token is never replaced by a visitor's.
    await failure(adapter().loadHall({}, ctx({ user: { id: 'u', token: 'bad' } })));
    expect(issued).to.equal(1);
    localStorage.removeItem(`service-hall:v1:visitor:${ENDPOINT}`);
  });

  it('reports the 401 as it came when the backend issues no visitor tokens', async () => {
    worker.use(
      http.post(`${ENDPOINT}visitors`, () => new HttpResponse(null, { status: 404 })),
      http.get(`${ENDPOINT}hall`, () =>
        HttpResponse.json({ error: { code: 'unauthorized', message: 'no' } }, { status: 401 }),
      ),
    );
    const error = await failure(adapter().loadHall({}, ctx()));
    expect([error.code, error.status, error.reason]).to.deep.equal(['rejected', 401, 'unauthorized']);
  });

  it('sends the bearer token to the endpoint only, and only when there is one', async () => {
    const seen: [string, string | null][] = [];
    worker.use(
      http.get(`${ENDPOINT}*`, ({ request }) => {
        seen.push([request.url, request.headers.get('Authorization')]);
        return HttpResponse.json({ id: 'x', title: 'X' });
      }),
    );
    const user = { id: 'u1', token: 'secret' };
    await adapter().getArticle!('a1', ctx({ user }));
    await adapter().getArticle!('a1', ctx({ user: { id: 'u2' } }));
    // An id that looks like another origin stays a path segment under the endpoint.
    await adapter().getArticle!('//evil.test/steal', ctx({ user }));
    expect(seen.map(([, auth]) => auth)).to.deep.equal(['Bearer secret', null, 'Bearer secret']);
    for (const [url] of seen) expect(new URL(url).origin).to.equal('https://api.test');
    expect(seen[2]![0]).to.contain('articles/%2F%2Fevil.test%2Fsteal');
  });

  it('resolves a relative endpoint against the page and uses a custom fetch', async () => {
    const requests: Request[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(new Request(input, init));
      return Response.json({ id: 'x', title: 'X' });
    };
    await createHttpAdapter({ endpoint: '/api', fetch }).getArticle!('a1', ctx({ user: { id: 'u', token: 't' } }));
    expect(requests[0]!.url).to.equal(`${location.origin}/api/articles/a1?locale=en`);
    expect(requests[0]!.headers.get('Authorization')).to.equal('Bearer t');
  });

  const malformed: [string, () => Response, string][] = [
    ['wrong types', () => HttpResponse.json({ ...HALL, greeting: 42 }), 'malformed'],
    ['a missing field', () => HttpResponse.json({ ...HALL, service: undefined }), 'malformed'],
    ['a missing list', () => HttpResponse.json({ ...HALL, orders: undefined }), 'malformed'],
    ['HTML instead of JSON', () => HttpResponse.html('<!doctype html><h1>Welcome to nginx</h1>'), 'malformed'],
    ['an array', () => HttpResponse.json([HALL]), 'malformed'],
    ['an empty body', () => new HttpResponse(null, { status: 200 }), 'malformed'],
    [
      'a 200 with an error body',
      () => HttpResponse.json({ error: { code: 'expired', message: 'Session expired' } }),
      'rejected',
    ],
  ];
  for (const [name, respond, code] of malformed) {
    it(`turns ${name} into AdapterError '${code}'`, async () => {
      worker.use(http.get(`${ENDPOINT}hall`, respond));
      const error = await failure(adapter().loadHall({}, ctx()));
      expect(error.code).to.equal(code);
    });
  }

  it('keeps a 200 error body reason', async () => {
    worker.use(
      http.get(`${ENDPOINT}hall`, () => HttpResponse.json({ error: { code: 'expired', message: 'Session expired' } })),
    );
    const error = await failure(adapter().loadHall({}, ctx()));
    expect([error.reason, error.message]).to.deep.equal(['expired', 'Session expired']);
  });

  it('drops malformed list entries, tolerates unknown statuses and extra fields, normalises nulls', async () => {
    worker.use(
      http.get(`${ENDPOINT}hall`, () =>
        HttpResponse.json({
          ...HALL,
          extra: true,
          announcements: [{ id: 'a', level: 'outage', title: 'Down', body: null }, { id: 'b' }],
          orders: [
            {
              id: 'o1',
              status: 'lost-in-space',
              title: 'Kettle',
              createdAt: '2026-01-01',
              total: null,
              items: [{ name: 'K' }, { qty: 1 }],
            },
            { id: 'o2', status: 'paid', title: 5, createdAt: '2026-01-01' },
            null,
          ],
          recommendations: [
            { id: 'r', text: 'Q', statuses: ['shipped', 3] },
            { id: 'r2', text: 'Q2', tiers: ['vip'] },
          ],
          actions: [
            { id: 'x', title: 'No fields' },
            { ...HALL.actions[0], fields: [{ name: 'n' }, HALL.actions[0]!.fields[0]] },
          ],
        }),
      ),
    );
    const hall = await adapter().loadHall({}, ctx());
    expect(hall.announcements).to.deep.equal([{ id: 'a', level: 'info', title: 'Down' }]);
    expect(hall.orders).to.have.length(1);
    expect(hall.orders[0]!.status).to.equal('lost-in-space');
    expect(hall.orders[0]!.items).to.deep.equal([{ name: 'K' }]);
    expect('total' in hall.orders[0]!).to.equal(false);
    expect(hall.recommendations.map((r) => r.id)).to.deep.equal(['r2']);
    expect(hall.actions.map((a) => a.fields.length)).to.deep.equal([1]);
    expect((hall as unknown as { extra: boolean }).extra).to.equal(true);
  });

  it('validates every operation at the boundary', async () => {
    worker.use(
      http.post(`${ENDPOINT}conversations/messages`, () =>
        HttpResponse.json({ conversationId: 'c', id: 'm', clientId: 'other', seq: 1, createdAt: 'x' }),
      ),
      http.post(`${ENDPOINT}conversations/c/human`, () => HttpResponse.json({ status: 'queued', position: '3' })),
      http.get(`${ENDPOINT}knowledge`, () => HttpResponse.json({ articles: [{ id: 'a', title: 'A' }, { id: 1 }] })),
      http.post(`${ENDPOINT}actions/refund`, () =>
        HttpResponse.json({ ok: true, message: 'Done', card: { type: 'mystery' } }),
      ),
      http.post(`${ENDPOINT}tickets`, () => HttpResponse.json({ id: 7, status: 'open' })),
    );
    const a = adapter();
    const message = { clientId: 'mine', text: 'hi', attachments: [], context: { locale: 'en' as const } };
    expect((await failure(a.sendMessage(message, ctx()))).code).to.equal('malformed');
    const human = {
      conversationId: 'c',
      reason: 'r',
      priority: 'normal' as const,
      context: { locale: 'en' as const },
      transcript: [],
    };
    expect((await failure(a.requestHuman!(human, ctx()))).code).to.equal('malformed');
    expect((await a.loadKnowledge!(ctx())).articles).to.deep.equal([{ id: 'a', title: 'A' }]);
    expect(await a.runAction!({ actionId: 'refund', input: {} }, ctx())).to.deep.equal({ ok: true, message: 'Done' });
    const ticket = {
      category: 'c',
      description: 'd',
      contact: 'x',
      attachments: [],
      context: { locale: 'en' as const },
    };
    expect((await failure(a.submitTicket!(ticket, ctx()))).code).to.equal('malformed');
  });

  it('maps 4xx to rejected with the reason and does not retry it', async () => {
    let calls = 0;
    worker.use(
      http.get(`${ENDPOINT}articles/gone`, () => {
        calls++;
        return HttpResponse.json({ error: { code: 'not_found', message: 'No such article' } }, { status: 404 });
      }),
    );
    const error = await failure(adapter().getArticle!('gone', ctx()));
    expect([error.code, error.status, error.reason, error.message, calls]).to.deep.equal([
      'rejected',
      404,
      'not_found',
      'No such article',
      1,
    ]);
  });

  it('retries a GET on 503 up to twice, then succeeds or fails as server', async () => {
    let calls = 0;
    worker.use(
      http.get(`${ENDPOINT}hall`, () =>
        ++calls < 3 ? new HttpResponse('busy', { status: 503 }) : HttpResponse.json(HALL),
      ),
    );
    expect((await adapter().loadHall({}, ctx())).greeting).to.equal('Hi');
    expect(calls).to.equal(3);

    calls = 0;
    worker.resetHandlers(http.get(`${ENDPOINT}hall`, () => (calls++, HttpResponse.json({}, { status: 429 }))));
    const error = await failure(adapter().loadHall({}, ctx()));
    expect([error.code, error.status, calls]).to.deep.equal(['server', 429, 3]);
  });

  it('waits as long as Retry-After says, and gives up when that is longer than the timeout', async () => {
    let calls = 0;
    worker.use(
      http.get(`${ENDPOINT}hall`, () =>
        ++calls < 2
          ? new HttpResponse(null, { status: 503, headers: { 'Retry-After': '1' } })
          : HttpResponse.json(HALL),
      ),
    );
    const start = performance.now();
    await adapter().loadHall({}, ctx());
    expect(performance.now() - start).to.be.greaterThan(950);

    calls = 0;
    const error = await failure(adapter({ timeoutMs: 500 }).loadHall({}, ctx()));
    expect([error.code, calls]).to.deep.equal(['server', 1]);
  });

  it('never retries a POST inside the adapter', async () => {
    let calls = 0;
    worker.use(
      http.post(`${ENDPOINT}conversations/messages`, () => (calls++, new HttpResponse(null, { status: 503 }))),
    );
    const message = { clientId: 'k', text: 'hi', attachments: [], context: { locale: 'en' as const } };
    expect((await failure(adapter().sendMessage(message, ctx()))).code).to.equal('server');
    expect(calls).to.equal(1);
  });

  it('maps a cut connection and a timeout to network, and an abort to aborted', async () => {
    worker.use(
      http.get(`${ENDPOINT}hall`, () => HttpResponse.error()),
      http.get(`${ENDPOINT}knowledge`, () => new Promise<Response>(() => {})),
    );
    expect((await failure(adapter().loadHall({}, ctx()))).code).to.equal('network');
    expect((await failure(adapter({ timeoutMs: 50 }).loadKnowledge!(ctx()))).message).to.equal('timeout');
    const controller = new AbortController();
    const pending = adapter().loadKnowledge!(ctx({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);
    expect((await failure(pending)).code).to.equal('aborted');
    expect((await failure(adapter().loadHall({}, ctx({ signal: AbortSignal.abort() })))).code).to.equal('aborted');
  });

  it('revalidates knowledge with If-None-Match and reuses it on 304', async () => {
    const conditions: (string | null)[] = [];
    // An endpoint of its own: the previous test leaves a request for ${ENDPOINT}knowledge unanswered in the worker,
    // and Firefox and WebKit may hold the next request for that URL behind it.
    const endpoint = 'https://etag.api.test/v1/';
    worker.use(
      http.get(`${endpoint}knowledge`, ({ request }) => {
        const condition = request.headers.get('If-None-Match');
        conditions.push(condition);
        return condition === '"v1"'
          ? new HttpResponse(null, { status: 304, headers: { ETag: '"v1"' } })
          : HttpResponse.json({ articles: [{ id: 'a', title: 'A', keywords: ['k'] }] }, { headers: { ETag: '"v1"' } });
      }),
    );
    const a = adapter({ endpoint });
    const first = await a.loadKnowledge!(ctx());
    const second = await a.loadKnowledge!(ctx());
    expect(conditions).to.deep.equal([null, '"v1"']);
    expect(second).to.deep.equal(first);
  });

  it('uploads multipart form data and reports progress', async () => {
    worker.use(
      http.post(`${ENDPOINT}uploads`, async ({ request }) => {
        const file = (await request.formData()).get('file') as File;
        return HttpResponse.json({
          id: 'f1',
          name: file.name,
          size: file.size,
          type: file.type,
          url: 'https://cdn.test/f1',
        });
      }),
    );
    const progress: number[] = [];
    const file = new File(['hello'], 'note.txt', { type: 'text/plain' });
    const attachment = await adapter().uploadAttachment!({ file, onProgress: (r) => progress.push(r) }, ctx());
    expect(attachment).to.deep.equal({
      id: 'f1',
      name: 'note.txt',
      size: 5,
      type: 'text/plain',
      url: 'https://cdn.test/f1',
    });
    expect(progress).to.deep.equal([0, 1]);
  });

  it('posts the right bodies, and tracks with keepalive so that a batch survives page hide', async () => {
    const sent: [string, string, unknown, boolean][] = [];
    const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
      sent.push([
        init.method ?? 'GET',
        String(input).replace(ENDPOINT, ''),
        init.body && JSON.parse(init.body as string),
        !!init.keepalive,
      ]);
      return new Response(null, { status: 204 });
    };
    const a = adapter({ fetch });
    await a.track!([{ type: 'unrated', at: 'now' }], ctx());
    await a.rate!({ conversationId: 'c1', score: 5, tags: ['fast'] }, ctx());
    await a.rate!({ articleId: 'a 1', score: 1, tags: [] }, ctx());
    await a.cancelHuman!('c1', ctx());
    await a.endConversation!('c1', ctx());
    expect(sent).to.deep.equal([
      ['POST', 'events', { events: [{ type: 'unrated', at: 'now' }] }, true],
      ['POST', 'conversations/c1/rating', { score: 5, tags: ['fast'] }, false],
      ['POST', 'articles/a%201/rating', { score: 1, tags: [] }, false],
      ['DELETE', 'conversations/c1/human', undefined, false],
      ['POST', 'conversations/c1/close', {}, false],
    ]);
  });

  it('sends a big backlog in keepalive slices under the 64 KiB quota, in order, and a giant event without keepalive', async () => {
    const bodies: { size: number; keepalive: boolean; events: { type: string }[] }[] = [];
    const fetch = async (_: RequestInfo | URL, init: RequestInit = {}) => {
      const body = init.body as string;
      bodies.push({ size: new Blob([body]).size, keepalive: !!init.keepalive, ...JSON.parse(body) });
      return new Response(null, { status: 204 });
    };
    // 300 events of about 500 bytes each, with multi-byte text: about 150 KB in all.
    const backlog = Array.from({ length: 300 }, (_, i) => ({
      type: `e${i}`,
      at: 'now',
      data: { q: '退款'.repeat(80) },
    }));
    await adapter({ fetch }).track!(backlog, ctx());
    expect(bodies.length).to.be.within(3, 4);
    for (const b of bodies) expect([b.keepalive, b.size <= 64 * 1024]).to.deep.equal([true, true]);
    expect(bodies.flatMap((b) => b.events.map((e) => e.type))).to.deep.equal(backlog.map((e) => e.type));

    bodies.length = 0;
    await adapter({ fetch }).track!([{ type: 'huge', at: 'now', data: { q: 'x'.repeat(70_000) } }], ctx());
    expect(bodies.map((b) => b.keepalive)).to.deep.equal([false]);
  });
});
