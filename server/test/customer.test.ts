// The customer API (docs/protocol.md) on each database: hall, knowledge, messages, stream, hand-off,
// actions, tickets, uploads, ratings and signals.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kinds, multipartFile as multipart, PNG, readEvents, testServer, type TestServer } from './helpers.js';

for (const kind of kinds()) {
  describe(`customer API on ${kind}`, () => {
    let s: TestServer;
    let url: string;
    let token: string;
    const auth = (t = token) => ({ authorization: `Bearer ${t}` });
    const send = async (t: string, text: string, conversationId?: string, clientId = crypto.randomUUID()) => {
      const res = await s.app.inject({
        method: 'POST',
        url: '/api/conversations/messages',
        headers: auth(t),
        payload: {
          clientId,
          text,
          attachments: [],
          context: { locale: 'en' },
          ...(conversationId && { conversationId }),
        },
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { conversationId: string; id: string; clientId: string; seq: number; createdAt: string };
    };
    const messages = async (t: string, id: string, query = 'after=0') =>
      (await s.app.inject({ url: `/api/conversations/${id}/messages?${query}`, headers: auth(t) })).json().messages as {
        seq: number;
        role: string;
        text: string;
        clientId?: string;
        cards?: { type: string }[];
      }[];

    before(async () => {
      s = await testServer(kind);
      url = await s.app.listen({ port: 0, host: '127.0.0.1' });
      token = await s.customer('alice', { name: 'Alice', tier: 'vip' });
    });
    after(() => s.close());

    it('answers /healthz', async () => {
      const res = await s.app.inject('/healthz');
      assert.equal(res.statusCode, 200);
    });

    it('serves the hall: anonymous without orders, a signed customer with theirs and a greeting by name', async () => {
      const anonymous = (await s.app.inject('/api/hall?locale=en')).json();
      assert.equal(anonymous.orders.length, 0);
      assert.match(anonymous.greeting, /how can we help/i);
      assert.ok(anonymous.actions.length > 0 && anonymous.announcements.length > 0);
      const hall = (await s.app.inject({ url: '/api/hall?locale=en&page=checkout', headers: auth() })).json();
      assert.match(hall.greeting, /Alice/);
      assert.ok(hall.orders.length > 0);
      assert.equal(hall.company, 'Youxuan Store');
      assert.equal(typeof hall.service.humanAvailable, 'boolean');
      const zh = (await s.app.inject({ url: '/api/hall?locale=zh-TW', headers: auth() })).json();
      assert.match(zh.greeting, /Alice/);
      assert.equal(zh.company, '优选商城', 'zh-TW falls back to zh-CN content');
    });

    it('serves the knowledge index with an ETag and 304, and articles by id and by search', async () => {
      const first = await s.app.inject('/api/knowledge?locale=en');
      assert.equal(first.statusCode, 200);
      const etag = first.headers.etag as string;
      assert.ok(etag);
      const { articles } = first.json();
      assert.ok(articles.length > 100);
      assert.equal(articles[0].body, undefined, 'the index has no bodies');
      const again = await s.app.inject({ url: '/api/knowledge?locale=en', headers: { 'if-none-match': etag } });
      assert.equal(again.statusCode, 304);
      const article = (await s.app.inject(`/api/articles/${articles[0].id}?locale=en`)).json();
      assert.equal(article.id, articles[0].id);
      assert.ok(article.body);
      assert.equal((await s.app.inject('/api/articles/nope?locale=en')).statusCode, 404);
      const found = (await s.app.inject('/api/articles?q=refund&locale=en')).json().articles;
      assert.ok(found.length > 0 && found.length <= 20);
    });

    it('issues visitor tokens that identify a visitor', async () => {
      const res = await s.app.inject({ method: 'POST', url: '/api/visitors', payload: {} });
      assert.equal(res.statusCode, 200);
      const { token: visitor, id } = res.json();
      assert.ok(visitor && id);
      const receipt = await send(visitor, 'Hello');
      assert.ok(receipt.conversationId);
    });

    it('asks for a token before storing anything, and rejects a bad one', async () => {
      const none = await s.app.inject({
        method: 'POST',
        url: '/api/conversations/messages',
        payload: { clientId: 'x', text: 'hi', attachments: [], context: { locale: 'en' } },
      });
      assert.equal(none.statusCode, 401);
      assert.equal(none.json().error.code, 'unauthorized');
      const forged = await s.app.inject({
        url: '/api/hall',
        headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' },
      });
      assert.equal(forged.statusCode, 401);
    });

    it('stores a message once per clientId, also a retried first message, and answers with the bot', async () => {
      const clientId = crypto.randomUUID();
      const first = await send(token, 'How long does a refund take?', undefined, clientId);
      const retry = await send(token, 'How long does a refund take?', undefined, clientId);
      assert.deepEqual(retry, first, 'a retried first message finds its receipt');
      const also = await send(token, 'How long does a refund take?', first.conversationId, clientId);
      assert.deepEqual(also, first);
      const list = await messages(token, first.conversationId);
      assert.equal(list.filter((m) => m.clientId === clientId).length, 1);
      const bot = list.find((m) => m.role === 'bot');
      assert.ok(bot, 'the bot answered');
      assert.equal(bot.seq, first.seq + 1);
      assert.equal(bot.cards?.[0]?.type, 'article');
      const next = await send(token, 'thanks', first.conversationId);
      assert.ok(next.seq > bot.seq);
    });

    it('deduplicates concurrent sends of one clientId', async () => {
      const clientId = crypto.randomUUID();
      const receipts = await Promise.all(
        Array.from({ length: 5 }, () => send(token, 'same message', undefined, clientId)),
      );
      for (const r of receipts) assert.deepEqual(r, receipts[0]);
      assert.equal((await messages(token, receipts[0]!.conversationId)).filter((m) => m.role === 'customer').length, 1);
    });

    it('gives a vague question choices and a request for a person no bot answer', async () => {
      const vague = await send(token, 'refund');
      const list = await messages(token, vague.conversationId);
      assert.ok(list.some((m) => m.role === 'bot'));
      const human = await send(token, 'I want to talk to a person');
      assert.equal((await messages(token, human.conversationId)).filter((m) => m.role === 'bot').length, 0);
    });

    it('pages history backwards with before and limit', async () => {
      const first = await send(token, 'one');
      for (const text of ['two', 'three', 'four']) await send(token, text, first.conversationId);
      const all = await messages(token, first.conversationId);
      const top = all.at(-1)!.seq;
      const page = await messages(token, first.conversationId, `before=${top}&limit=2`);
      assert.deepEqual(
        page.map((m) => m.seq),
        all.slice(-3, -1).map((m) => m.seq),
      );
      const after = await messages(token, first.conversationId, `after=${all[1]!.seq}`);
      assert.deepEqual(
        after.map((m) => m.seq),
        all.slice(2).map((m) => m.seq),
      );
    });

    it('streams: replays after Last-Event-ID, echoes with clientId, then goes live, each seq once', async () => {
      const first = await send(token, 'Where is my parcel?');
      const response = await fetch(`${url}/api/conversations/${first.conversationId}/events`, {
        headers: { ...auth(), accept: 'text/event-stream', 'last-event-id': String(first.seq) },
      });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
      const stream = readEvents(response);
      await stream.until((e) => e.some((x) => x.event === 'message'));
      assert.ok(
        stream.events.every((e) => e.event !== 'message' || Number(e.id) > first.seq),
        'nothing at or before the cursor',
      );
      const second = await send(token, 'and my invoice?', first.conversationId);
      await stream.until((e) =>
        e.some((x) => x.event === 'message' && (x.data as { clientId?: string }).clientId === second.clientId),
      );
      const seqs = stream.events.filter((e) => e.event === 'message').map((e) => Number(e.id));
      assert.deepEqual(
        seqs,
        [...new Set(seqs)].sort((a, b) => a - b),
      );
      stream.cancel();
    });

    it('hands off: offline with no agent, queued with an agent online, position and agent live on the stream', async () => {
      const conv = await send(token, 'my kettle arrived broken');
      const human = (body = {}) =>
        s.app.inject({
          method: 'POST',
          url: `/api/conversations/${conv.conversationId}/human`,
          headers: auth(),
          payload: {
            reason: 'customer asked',
            priority: 'normal',
            context: { locale: 'en', orderId: 'YX58176402' },
            transcript: [],
            ...body,
          },
        });
      const offline = (await human()).json();
      assert.equal(offline.status, 'offline');

      const cookie = await s.agent();
      const presence = await s.app.inject({
        method: 'PUT',
        url: '/api/desk/presence',
        headers: { cookie },
        payload: { status: 'online' },
      });
      assert.equal(presence.statusCode, 200);
      const queued = (await human()).json();
      assert.equal(queued.status, 'queued');
      assert.equal(queued.position, 1, 'a VIP goes first');

      const stream = readEvents(
        await fetch(`${url}/api/conversations/${conv.conversationId}/events`, {
          headers: { ...auth(), accept: 'text/event-stream', 'last-event-id': String(conv.seq) },
        }),
      );
      await stream.until((e) => e.some((x) => x.event === 'queue'));

      const assign = await s.app.inject({
        method: 'POST',
        url: `/api/desk/conversations/${conv.conversationId}/assign`,
        headers: { cookie },
        payload: {},
      });
      assert.equal(assign.statusCode, 200, assign.body);
      await stream.until((e) =>
        e.some((x) => x.event === 'agent' && (x.data as { status: string }).status === 'joined'),
      );
      const connected = (await human()).json();
      assert.equal(connected.status, 'connected');

      const reply = await s.app.inject({
        method: 'POST',
        url: `/api/desk/conversations/${conv.conversationId}/messages`,
        headers: { cookie },
        payload: { clientId: 'agent-1', text: 'Sorry to hear that, let me check.' },
      });
      assert.equal(reply.statusCode, 200, reply.body);
      await stream.until((e) => e.some((x) => x.event === 'message' && (x.data as { role: string }).role === 'agent'));

      const close = await s.app.inject({
        method: 'POST',
        url: `/api/desk/conversations/${conv.conversationId}/close`,
        headers: { cookie },
        payload: {},
      });
      assert.equal(close.statusCode, 204);
      await stream.until((e) => e.some((x) => x.event === 'closed'));
      const rating = await s.app.inject({
        method: 'POST',
        url: `/api/conversations/${conv.conversationId}/rating`,
        headers: auth(),
        payload: { score: 5, tags: ['fast'], comment: 'great' },
      });
      assert.equal(rating.statusCode, 204);
      stream.cancel();
      await s.app.inject({
        method: 'PUT',
        url: '/api/desk/presence',
        headers: { cookie },
        payload: { status: 'offline' },
      });
    });

    it('runs actions with the provider and posts the result into the conversation', async () => {
      const conv = await send(token, 'track my parcel');
      const res = await s.app.inject({
        method: 'POST',
        url: '/api/actions/track?locale=en',
        headers: auth(),
        payload: { input: { orderId: 'YX58190385' }, conversationId: conv.conversationId },
      });
      assert.equal(res.statusCode, 200, res.body);
      const result = res.json();
      assert.equal(result.ok, true);
      assert.equal(result.card.type, 'result');
      const list = await messages(token, conv.conversationId);
      assert.ok(list.at(-1)!.cards?.some((c) => c.type === 'result'));
      const missing = await s.app.inject({
        method: 'POST',
        url: '/api/actions/track',
        headers: auth(),
        payload: { input: {} },
      });
      assert.equal(missing.statusCode, 422);
      const unknown = await s.app.inject({
        method: 'POST',
        url: '/api/actions/nope',
        headers: auth(),
        payload: { input: {} },
      });
      assert.equal(unknown.statusCode, 404);
      const notMine = await s.app.inject({
        method: 'POST',
        url: '/api/actions/track',
        headers: auth(),
        payload: { input: { orderId: 'SOMEONE-ELSES' } },
      });
      assert.equal(notMine.statusCode, 422);
    });

    it('uploads sniffed files, serves them by signed URL only, and files tickets with them', async () => {
      const form = multipart('kettle.png', 'image/png', PNG);
      const upload = await s.app.inject({
        method: 'POST',
        url: '/api/uploads',
        headers: { ...auth(), 'content-type': form.type },
        payload: form.payload,
      });
      assert.equal(upload.statusCode, 200, upload.body);
      const attachment = upload.json();
      assert.equal(attachment.type, 'image/png');
      assert.equal(attachment.size, PNG.length);
      // inject() answers as localhost:80; the same path is fetched from the listening server.
      const signed = new URL(attachment.url);
      assert.equal(signed.pathname, `/api/uploads/${attachment.id}`);
      const file = await fetch(url + signed.pathname + signed.search);
      assert.equal(file.status, 200);
      assert.deepEqual(Buffer.from(await file.arrayBuffer()), PNG);
      const unsigned = await fetch(url + signed.pathname + signed.search.replace(/sig=[^&]+/, 'sig=forged'));
      assert.equal(unsigned.status, 404);

      const ticket = await s.app.inject({
        method: 'POST',
        url: '/api/tickets',
        headers: auth(),
        payload: {
          category: 'damage',
          description: '水壶到货就坏了',
          orderId: 'YX58176402',
          contact: 'alice@example.com',
          attachments: [attachment],
          context: { locale: 'zh-CN' },
        },
      });
      assert.equal(ticket.statusCode, 200, ticket.body);
      assert.match(ticket.json().id, /^T\d{14}$/);
      assert.equal(ticket.json().status, 'open');
    });

    it('takes ratings of articles and batches of signals', async () => {
      const rate = await s.app.inject({
        method: 'POST',
        url: '/api/articles/refund-time/rating',
        headers: auth(),
        payload: { score: 0, tags: [] },
      });
      assert.equal(rate.statusCode, 204, rate.body);
      const events = await s.app.inject({
        method: 'POST',
        url: '/api/events',
        headers: auth(),
        payload: {
          events: [
            { type: 'bot-to-human', at: new Date().toISOString() },
            { type: 'something-new', at: 'not a date', data: { a: 1 } },
          ],
        },
      });
      assert.equal(events.statusCode, 204);
    });
  });
}
