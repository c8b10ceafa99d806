import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { AdapterError, ConversationEvent, StreamSink, StreamState } from '../../core/adapter.js';
import type { Message } from '../../core/types.js';
import { pageFetch } from '../../test/engine.js';
import { createHttpAdapter, type HttpAdapterOptions } from './index.js';

const ENDPOINT = 'https://api.test/v1/';
// Answered in the page, so that the adapter's own stream reading is what runs, in every engine.
const mock = pageFetch();
const encoder = new TextEncoder();

/** One event-stream connection the test drives by hand. */
interface Connection {
  request: Request;
  write(text: string): void;
  cut(): void;
  end(): void;
}

/** Serves conversation c1's event stream; each connection is handed to the test. */
const serveStream = () => {
  const connections: Connection[] = [];
  mock.use(
    http.get(`${ENDPOINT}conversations/c1/events`, ({ request }) => {
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
      connections.push({
        request,
        write: (text) => controller.enqueue(encoder.encode(text)),
        cut: () => controller.error(new TypeError('cut')),
        end: () => controller.close(),
      });
      return new HttpResponse(body, { headers: { 'Content-Type': 'text/event-stream' } });
    }),
  );
  return connections;
};

const message = (seq: number, text = `m${seq}`): Message => ({
  id: `m${seq}`,
  seq,
  conversationId: 'c1',
  role: 'agent',
  text,
  createdAt: '2026-01-01T00:00:00Z',
});
const frame = (m: Message) => `id: ${m.seq}\nevent: message\ndata: ${JSON.stringify(m)}\n\n`;

/** Subscribes to c1 and records everything the sink hears. */
const listen = (options: Partial<HttpAdapterOptions> = {}, after = 0) => {
  const events: ConversationEvent[] = [];
  const states: StreamState[] = [];
  const errors: AdapterError[] = [];
  const controller = new AbortController();
  const sink: StreamSink = { event: (e) => events.push(e), state: (s) => states.push(s), error: (e) => errors.push(e) };
  const adapter = createHttpAdapter({ endpoint: ENDPOINT, backoffMs: 5, fetch: mock.fetch, ...options });
  const stop = adapter.subscribe({ conversationId: 'c1', after }, sink, {
    signal: controller.signal,
    locale: 'en',
    user: { id: 'u', token: 'tok' },
  });
  const seqs = () => events.flatMap((e) => (e.type === 'message' ? [e.message.seq] : []));
  return { events, states, errors, controller, stop, seqs };
};

describe('http adapter: event stream', () => {
  afterEach(() => mock.reset());

  it('parses events, multi-line data, comments, CRLF and chunks split anywhere', async () => {
    const connections = serveStream();
    const s = listen({}, 0);
    await waitUntil(() => connections.length === 1);
    const c = connections[0]!;
    expect(c.request.headers.get('Accept')).to.equal('text/event-stream');
    expect(c.request.headers.get('Authorization')).to.equal('Bearer tok');
    expect(c.request.headers.get('Last-Event-ID')).to.equal('0');
    const pretty = JSON.stringify(message(1, 'first\nline'), null, 2).split('\n');
    c.write(': ping\n\n');
    c.write(`id: 1\nevent: message\n${pretty.map((l) => `data: ${l}`).join('\n')}\n\n`);
    // A CRLF stream cut between \r and \n, and between a field name and its value.
    const crlf = `id:2\r\nevent:message\r\ndata:${JSON.stringify(message(2))}\r\n\r\n`;
    c.write(crlf.slice(0, 10));
    c.write(crlf.slice(10, crlf.indexOf('\r\n\r\n') + 1));
    c.write(crlf.slice(crlf.indexOf('\r\n\r\n') + 1));
    c.write('event: typing\ndata: {"typing":true,"author":{"name":"Li"}}\n\n');
    c.write('event: queue\ndata: {"position":2,"etaSeconds":60}\n\n');
    c.write('event: agent\ndata: {"status":"joined","agent":{"id":"a","name":"Li"}}\n\n');
    c.write('event: read-receipt\ndata: {"upTo":2}\n\n');
    c.write('event: closed\ndata: {"by":"agent"}\n\n');
    await waitUntil(() => s.events.length === 6);
    s.stop();
    expect(s.events).to.deep.equal([
      { type: 'message', message: message(1, 'first\nline') },
      { type: 'message', message: message(2) },
      { type: 'typing', typing: true, author: { name: 'Li' } },
      { type: 'queue', position: 2, etaSeconds: 60 },
      { type: 'agent', status: 'joined', agent: { id: 'a', name: 'Li' } },
      { type: 'closed', by: 'agent' },
    ]);
    expect(s.states).to.deep.equal(['open']);
    expect(s.errors).to.deep.equal([]);
  });

  it('reports a malformed event and keeps the stream going', async () => {
    const connections = serveStream();
    const s = listen();
    await waitUntil(() => connections.length === 1);
    const c = connections[0]!;
    c.write('event: message\ndata: <html>\n\n');
    c.write(`event: message\ndata: ${JSON.stringify({ ...message(1), seq: 'one' })}\n\n`);
    c.write('event: queue\ndata: {"position":"first"}\n\n');
    c.write('event: agent\ndata: {"status":"dancing","agent":{"id":"a","name":"Li"}}\n\n');
    c.write(frame(message(2)));
    await waitUntil(() => s.events.length === 1);
    s.stop();
    expect(s.seqs()).to.deep.equal([2]);
    expect(s.errors.map((e) => e.code)).to.deep.equal(['malformed', 'malformed', 'malformed', 'malformed']);
    expect(connections).to.have.length(1);
  });

  it('after a dropped stream, backfills, then resumes with Last-Event-ID, delivering each seq once', async () => {
    const connections = serveStream();
    const backfills: string[] = [];
    mock.use(
      http.get(`${ENDPOINT}conversations/c1/messages`, ({ request }) => {
        backfills.push(new URL(request.url).searchParams.get('after')!);
        // Overlapping and unordered on purpose; a broken entry is dropped.
        return HttpResponse.json({ messages: [message(4), message(2), message(3), { id: 'bad' }] });
      }),
    );
    const s = listen({}, 1);
    await waitUntil(() => connections.length === 1);
    connections[0]!.write(frame(message(2)));
    await waitUntil(() => s.events.length === 1);
    connections[0]!.cut();
    await waitUntil(() => connections.length === 2);
    expect(backfills).to.deep.equal(['2']);
    expect(connections[1]!.request.headers.get('Last-Event-ID')).to.equal('4');
    connections[1]!.write(frame(message(4)) + frame(message(5)));
    await waitUntil(() => s.seqs().length === 4);
    s.stop();
    expect(s.seqs()).to.deep.equal([2, 3, 4, 5]);
    expect(s.states).to.deep.equal(['open', 'reconnecting', 'open']);
  });

  it('reconnects when the server ends the stream, and after a failed attempt with backoff', async () => {
    const connections = serveStream();
    let backfills = 0;
    mock.use(
      http.get(`${ENDPOINT}conversations/c1/messages`, () =>
        ++backfills === 1 ? HttpResponse.error() : HttpResponse.json({ messages: [] }),
      ),
    );
    const s = listen();
    await waitUntil(() => connections.length === 1);
    connections[0]!.end();
    await waitUntil(() => connections.length === 2);
    s.stop();
    expect(backfills).to.equal(2);
    expect(s.errors).to.deep.equal([]);
  });

  it('detects a stalled stream, while heartbeat comments keep a quiet one alive', async () => {
    const connections = serveStream();
    mock.use(http.get(`${ENDPOINT}conversations/c1/messages`, () => HttpResponse.json({ messages: [] })));
    const s = listen({ stallMs: 250 });
    await waitUntil(() => connections.length === 1);
    const beat = setInterval(() => connections[0]!.write(': ping\n\n'), 40);
    await aTimeout(600);
    clearInterval(beat);
    expect(connections).to.have.length(1);
    await waitUntil(() => s.states.length === 3, 'reconnects after silence', { timeout: 1000 });
    s.stop();
    expect(connections).to.have.length(2);
    expect(s.states).to.deep.equal(['open', 'reconnecting', 'open']);
  });

  it('goes offline without hammering the server and resumes on the online event', async () => {
    const connections = serveStream();
    mock.use(http.get(`${ENDPOINT}conversations/c1/messages`, () => HttpResponse.json({ messages: [] })));
    const s = listen();
    await waitUntil(() => connections.length === 1);
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      dispatchEvent(new Event('offline'));
      await waitUntil(() => s.states.includes('offline'));
      await aTimeout(100);
      expect(connections).to.have.length(1);
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
    dispatchEvent(new Event('online'));
    await waitUntil(() => connections.length === 2);
    await waitUntil(() => s.states.length === 3);
    s.stop();
    expect(s.states).to.deep.equal(['open', 'offline', 'open']);
  });

  it('stops on unsubscribe, on abort, and when the server answers 204', async () => {
    const connections = serveStream();
    const a = listen();
    a.stop();
    const b = listen();
    await waitUntil(() => connections.length === 1);
    b.controller.abort();
    await aTimeout(50);
    expect(connections).to.have.length(1);

    let calls = 0;
    mock.reset(
      http.get(`${ENDPOINT}conversations/c1/events`, () => (calls++, new HttpResponse(null, { status: 204 }))),
    );
    const c = listen();
    await aTimeout(100);
    c.stop();
    expect(calls).to.equal(1);
  });

  it('reports a rejected stream (a 4xx) and a non-SSE answer, and keeps trying', async () => {
    let calls = 0;
    mock.use(
      http.get(`${ENDPOINT}conversations/c1/events`, () =>
        ++calls === 1
          ? HttpResponse.json({ error: { code: 'forbidden', message: 'No' } }, { status: 403 })
          : HttpResponse.json({}),
      ),
      http.get(`${ENDPOINT}conversations/c1/messages`, () => HttpResponse.json({ messages: [] })),
    );
    const s = listen();
    await waitUntil(() => s.errors.length >= 2);
    s.stop();
    expect(s.errors.slice(0, 2).map((e) => [e.code, e.reason])).to.deep.equal([
      ['rejected', 'forbidden'],
      ['malformed', undefined],
    ]);
  });
});
