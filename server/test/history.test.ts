// A returning customer's past on each database: their conversations and tickets, newest first and paged,
// a ticket's thread, replying with a photo, reopening, and ticket changes live on the customer's stream.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kinds, multipartFile, PNG, readEvents, testServer, type TestServer } from './helpers.js';

for (const kind of kinds()) {
  describe(`customer history on ${kind}`, () => {
    let s: TestServer;
    let url: string;
    let token: string;
    let desk: string;
    const auth = (t = token) => ({ authorization: `Bearer ${t}` });
    const get = async (path: string, t = token) => {
      const res = await s.app.inject({ url: `/api/${path}`, headers: auth(t) });
      return { status: res.statusCode, body: res.json() };
    };
    const post = async (path: string, payload: object, t = token) => {
      const res = await s.app.inject({ method: 'POST', url: `/api/${path}`, headers: auth(t), payload });
      return { status: res.statusCode, body: res.json() };
    };
    const send = async (text: string, conversationId?: string) =>
      (
        await post('conversations/messages', {
          clientId: crypto.randomUUID(),
          text,
          attachments: [],
          context: { locale: 'en', orderId: 'YX58203147' },
          ...(conversationId && { conversationId }),
        })
      ).body as { conversationId: string };
    const file = async (description: string, t = token) =>
      (
        await post(
          'tickets',
          { category: 'other', description, contact: 'a@example.com', attachments: [], context: { locale: 'en' } },
          t,
        )
      ).body as { id: string };
    const deskCall = (method: 'POST' | 'PATCH', path: string, payload: object) =>
      s.app.inject({ method, url: `/api/desk/${path}`, headers: { cookie: desk }, payload });

    before(async () => {
      s = await testServer(kind);
      url = await s.app.listen({ port: 0, host: '127.0.0.1' });
      token = await s.customer('returning', { name: 'Rui' });
      desk = await s.agent();
    });
    after(() => s.close());

    it('lists only the customer’s own conversations, newest first, with summary, status and latest message', async () => {
      const first = await send('My kettle from order YX58203147 leaks');
      await send('Still leaking', first.conversationId);
      const second = await send('How do I get an invoice?');
      await file('Someone else’s ticket', await s.customer('stranger'));
      const { status, body } = await get('conversations');
      assert.equal(status, 200);
      const ids = body.conversations.map((c: { id: string }) => c.id);
      assert.deepEqual(ids.slice(0, 2), [second.conversationId, first.conversationId]);
      const older = body.conversations[1];
      assert.equal(older.summary, 'My kettle from order YX58203147 leaks');
      assert.equal(older.orderId, 'YX58203147');
      assert.equal(older.status, 'open');
      assert.ok(older.last.text && older.last.createdAt);
      // Without a cursor, a limit asks for the newest page of a conversation's history.
      const newest = await get(`conversations/${first.conversationId}/messages?limit=1`);
      assert.equal(newest.body.messages.length, 1);
      assert.equal(
        newest.body.messages[0].seq,
        (await get(`conversations/${first.conversationId}/messages?after=0`)).body.messages.at(-1).seq,
      );
      const stranger = await get('conversations', await s.customer('stranger'));
      assert.equal(stranger.body.conversations.length, 0);
    });

    it('pages both lists with an opaque cursor, never repeating or skipping one', async () => {
      for (let i = 0; i < 5; i++) await file(`Paged ticket ${i}`);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const { body } = await get(`tickets?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.ok(body.tickets.length <= 2);
        seen.push(...body.tickets.map((t: { id: string }) => t.id));
        cursor = body.next;
      } while (cursor);
      assert.equal(new Set(seen).size, seen.length);
      assert.ok(seen.length >= 5);
      assert.deepEqual((await get('tickets?cursor=bogus')).body.tickets, []);
      const conversations = await get('conversations?limit=1');
      assert.equal(conversations.body.conversations.length, 1);
      assert.ok(conversations.body.next);
    });

    it('shows a ticket’s thread, takes a reply with a photo, and keeps other customers out', async () => {
      const { id } = await file('The screen is cracked');
      const answered = await deskCall('POST', `tickets/${id}/replies`, { text: 'Please send a photo.' });
      assert.equal(answered.statusCode, 200, answered.body);
      const thread = await get(`tickets/${id}`);
      assert.equal(thread.status, 200);
      assert.equal(thread.body.ticket.description, 'The screen is cracked');
      assert.equal(thread.body.ticket.status, 'pending');
      assert.deepEqual(
        thread.body.replies.map((r: { role: string }) => r.role),
        ['agent'],
      );
      const photo = multipartFile('crack.png', 'image/png', PNG);
      const upload = await s.app.inject({
        method: 'POST',
        url: '/api/uploads',
        headers: { ...auth(), 'content-type': photo.type },
        payload: photo.payload,
      });
      assert.equal(upload.statusCode, 200, upload.body);
      const reply = await post(`tickets/${id}/replies`, { text: 'Here it is', attachments: [upload.json()] });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      assert.equal(reply.body.role, 'customer');
      assert.match(reply.body.attachments[0].url, /uploads\/.+sig=/);
      const after = await get(`tickets/${id}`);
      assert.equal(after.body.ticket.status, 'open', 'the customer’s answer puts the ball back with the team');
      assert.equal(after.body.replies.length, 2);
      assert.equal((await post(`tickets/${id}/replies`, { text: '   ' })).status, 422);
      const stranger = await s.customer('stranger-2');
      assert.equal((await get(`tickets/${id}`, stranger)).status, 404);
      assert.equal((await post(`tickets/${id}/replies`, { text: 'hi' }, stranger)).status, 404);
      assert.equal((await post(`tickets/${id}/reopen`, {}, stranger)).status, 404);
      assert.equal((await get('tickets/nope')).status, 404);
    });

    it('reopens a solved ticket, and leaves an open one as it is', async () => {
      const { id } = await file('Refund never came');
      assert.equal((await post(`tickets/${id}/reopen`, {})).body.status, 'open');
      await deskCall('PATCH', `tickets/${id}`, { status: 'solved' });
      assert.equal((await get(`tickets/${id}`)).body.ticket.status, 'solved');
      const reopened = await post(`tickets/${id}/reopen`, {});
      assert.equal(reopened.status, 200);
      assert.equal(reopened.body.status, 'open');
    });

    it('streams the customer’s ticket replies and status changes live, and replays after Last-Event-ID', async () => {
      const { id } = await file('Where is my refund?');
      const controller = new AbortController();
      const res = await fetch(`${url}/api/stream`, {
        headers: { ...auth(), accept: 'text/event-stream' },
        signal: controller.signal,
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
      const stream = readEvents(res);
      await deskCall('POST', `tickets/${id}/replies`, { text: 'Refunded today.' });
      await stream.until((e) =>
        e.some(
          (x) =>
            x.event === 'ticket' &&
            (x.data as { ticket: { last?: { text: string } } }).ticket.last?.text === 'Refunded today.',
        ),
      );
      await deskCall('PATCH', `tickets/${id}`, { status: 'solved' });
      await stream.until((e) =>
        e.some((x) => x.event === 'ticket' && (x.data as { ticket: { status: string } }).ticket.status === 'solved'),
      );
      // Another customer's ticket never shows on this stream.
      const other = await s.customer('stranger-3');
      const theirs = await file('Not yours', other);
      await deskCall('POST', `tickets/${theirs.id}/replies`, { text: 'For the stranger' });
      const replied = stream.events.find((e) => e.event === 'ticket')!;
      controller.abort();
      await stream.cancel();
      assert.ok(stream.events.every((e) => (e.data as { ticket: { id: string } }).ticket.id !== theirs.id));
      assert.match(replied.id ?? '', /^\d+$/);
      // Resuming from the first event's id replays what came after it: the solved status.
      const resumed = await fetch(`${url}/api/stream`, {
        headers: { ...auth(), accept: 'text/event-stream', 'last-event-id': replied.id! },
      });
      const replay = readEvents(resumed);
      await replay.until((e) =>
        e.some((x) => x.event === 'ticket' && (x.data as { ticket: { status: string } }).ticket.status === 'solved'),
      );
      await replay.cancel();
      assert.equal((await fetch(`${url}/api/stream`)).status, 401);
    });
  });
}
