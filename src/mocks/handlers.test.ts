import { expect, waitUntil } from '@open-wc/testing';
import { AdapterError, type Adapter, type CallContext, type StreamSink } from '../core/adapter.js';
import type { Message } from '../core/types.js';
import { startMockServer, type MockServer } from './browser.js';
import { createHandlers, type HandlerOptions } from './handlers.js';
import { itWhen, workerStreams } from '../test/engine.js';

const ENDPOINT = 'https://mock.test/api/';

/** A scripted backend that records what the handlers ask of it. */
const stub = () => {
  const calls: [string, unknown, CallContext][] = [];
  const streams: { sink: StreamSink; signal: AbortSignal; after: number }[] = [];
  const message = (seq: number): Message => ({
    id: `m${seq}`,
    seq,
    conversationId: 'c1',
    role: 'bot',
    text: `m${seq}`,
    createdAt: 'now',
  });
  const backend: Adapter = {
    loadHall: async (request, ctx) => {
      calls.push(['loadHall', request, ctx]);
      return {
        greeting: 'Hi',
        announcements: [],
        orders: [],
        recommendations: [],
        actions: [],
        service: { humanAvailable: true },
      };
    },
    sendMessage: async (m, ctx) => {
      calls.push(['sendMessage', m, ctx]);
      return { conversationId: 'c1', id: 'm9', clientId: m.clientId, seq: 9, createdAt: 'now' };
    },
    subscribe: ({ after }, sink, ctx) => {
      streams.push({ sink, signal: ctx.signal, after });
      // Replays the history after the cursor, as a real backend does.
      setTimeout(() =>
        [1, 2, 3].filter((seq) => seq > after).forEach((seq) => sink.event({ type: 'message', message: message(seq) })),
      );
      return () => {};
    },
    loadKnowledge: async () => ({ articles: [{ id: 'a', title: 'A' }] }),
    getArticle: async (id) => {
      throw new AdapterError('rejected', `no ${id}`, 404, 'not_found');
    },
  };
  return { backend, calls, streams };
};

const fetchText = (path: string, init?: RequestInit) => fetch(ENDPOINT + path, init);

describe('mock backend handlers', () => {
  let server: MockServer;
  let b: ReturnType<typeof stub>;
  const use = (options?: HandlerOptions) => {
    b = stub();
    server.worker.resetHandlers(...createHandlers(ENDPOINT, b.backend, options));
  };
  before(async () => {
    b = stub();
    server = await startMockServer(ENDPOINT, b.backend);
  });
  beforeEach(() => use());
  after(() => server.stop());

  it('passes the token as the user and the locale to the backend', async () => {
    await fetchText('hall?locale=zh-TW&page=%2Fcart', { headers: { Authorization: 'Bearer t1' } });
    await fetchText('hall');
    const [[, request, ctx], [, , anonymous]] = b.calls as [
      [string, unknown, CallContext],
      [string, unknown, CallContext],
    ];
    expect(request).to.deep.equal({ context: { page: '/cart' } });
    expect([ctx.locale, ctx.user]).to.deep.equal(['zh-TW', { id: 't1', token: 't1' }]);
    expect([anonymous.locale, anonymous.user]).to.deep.equal(['zh-CN', undefined]);
  });

  it('answers errors in the protocol format, and 404 unsupported for a missing optional operation', async () => {
    const missing = await fetchText('tickets', { method: 'POST', body: '{}' });
    expect(missing.status).to.equal(404);
    expect(await missing.json()).to.deep.equal({
      error: { code: 'unsupported', message: 'submitTicket is not supported by this backend' },
    });
    const rejected = await fetchText('articles/x');
    expect([rejected.status, await rejected.json()]).to.deep.equal([
      404,
      { error: { code: 'not_found', message: 'no x' } },
    ]);
  });

  it('serves knowledge with an ETag and 304 on If-None-Match', async () => {
    const first = await fetchText('knowledge');
    const etag = first.headers.get('ETag')!;
    expect(etag).to.match(/^".+"$/);
    expect((await fetchText('knowledge', { headers: { 'If-None-Match': etag } })).status).to.equal(304);
  });

  // WebKit's msw cannot stream a mocked body (engine.ts).
  itWhen(workerStreams)(
    'streams message events with their seq as id, resumes after Last-Event-ID, and backfills',
    async () => {
      const controller = new AbortController();
      const res = await fetchText('conversations/c1/events', {
        headers: { 'Last-Event-ID': '1' },
        signal: controller.signal,
      });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      while (!text.includes('id: 3')) text += (await reader.read()).value;
      expect(res.headers.get('Content-Type')).to.equal('text/event-stream');
      expect(text).to.match(/^: connected\n\nid: 2\nevent: message\ndata: \{.*"seq":2.*\}\n\nid: 3\n/);
      b.streams[0]!.sink.event({ type: 'queue', position: 2 });
      text = (await reader.read()).value!;
      expect(text).to.equal('event: queue\ndata: {"position":2}\n\n');
      controller.abort();
      await waitUntil(() => b.streams[0]!.signal.aborted, 'the backend subscription ends with the client');

      const backfill = await (await fetchText('conversations/c1/messages?after=2')).json();
      expect(backfill.messages.map((m: Message) => m.seq)).to.deep.equal([3]);
    },
  );

  it('injects failures before storing and cuts after storing', async () => {
    const message = JSON.stringify({ clientId: 'k', text: 'hi', attachments: [], context: { locale: 'en' } });
    use({ faults: { failRate: 1 } });
    expect((await fetchText('conversations/messages', { method: 'POST', body: message })).status).to.equal(503);
    expect(b.calls).to.have.length(0);
    use({ faults: { cutAfterStoreRate: 1 } });
    const cut = await fetchText('conversations/messages', { method: 'POST', body: message }).catch((e: unknown) => e);
    expect(cut).to.be.instanceOf(TypeError);
    expect(b.calls.map(([name]) => name)).to.deep.equal(['sendMessage']);
  });

  itWhen(workerStreams)('goes offline on demand, adds latency and drops streams', async () => {
    let offline = true;
    use({ faults: { offline: () => offline, latency: [50, 50], dropStreamEveryMs: 100 } });
    expect(await fetchText('hall').catch((e: unknown) => e)).to.be.instanceOf(TypeError);
    offline = false;
    const start = performance.now();
    const res = await fetchText('conversations/c1/events');
    expect(performance.now() - start).to.be.greaterThan(45);
    const reader = res.body!.getReader();
    const ended = await (async () => {
      for (;;) if ((await reader.read()).done) return 'done';
    })().catch((e: unknown) => e);
    expect(ended).to.be.instanceOf(TypeError);
    await waitUntil(() => b.streams[0]!.signal.aborted);
  });
});
