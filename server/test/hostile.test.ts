// Isolation between customers, and hostile input: always a clear 4xx with the protocol's error body, never a
// 5xx or a crash. Also CORS (configured origins only) and the per-customer rate limit.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kinds, multipartFile as form, PNG, testServer, type TestServer } from './helpers.js';

for (const kind of kinds()) {
  describe(`isolation and hostile input on ${kind}`, () => {
    let s: TestServer;
    let alice: Record<string, string>;
    let bob: Record<string, string>;
    before(async () => {
      s = await testServer(kind, { origins: ['https://shop.example'], uploadLimit: 64 * 1024 });
      alice = { authorization: `Bearer ${await s.customer('alice')}` };
      bob = { authorization: `Bearer ${await s.customer('bob')}` };
    });
    after(() => s.close());

    const expect4xx = (res: { statusCode: number; body: string }, status?: number) => {
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${res.statusCode} ${res.body}`);
      if (status) assert.equal(res.statusCode, status, res.body);
      const body = JSON.parse(res.body) as { error: { code: string; message: string } };
      assert.equal(typeof body.error.code, 'string');
      assert.equal(typeof body.error.message, 'string');
    };

    it("keeps customer B out of A's conversation, ticket and upload: 404 everywhere", async () => {
      const sent = await s.app.inject({
        method: 'POST',
        url: '/api/conversations/messages',
        headers: alice,
        payload: { clientId: 'a-1', text: 'my secret order', attachments: [], context: { locale: 'en' } },
      });
      const { conversationId } = sent.json();
      for (const [method, url, payload] of [
        ['GET', `/api/conversations/${conversationId}/messages?after=0`],
        ['GET', `/api/conversations/${conversationId}/events`],
        ['POST', `/api/conversations/${conversationId}/close`, {}],
        ['POST', `/api/conversations/${conversationId}/rating`, { score: 1, tags: [] }],
        [
          'POST',
          `/api/conversations/${conversationId}/human`,
          { reason: 'x', priority: 'normal', context: { locale: 'en' }, transcript: [] },
        ],
        ['DELETE', `/api/conversations/${conversationId}/human`],
        [
          'POST',
          '/api/conversations/messages',
          { clientId: 'b-1', conversationId, text: 'hijack', attachments: [], context: { locale: 'en' } },
        ],
        ['POST', '/api/actions/track', { input: { orderId: 'YX58190385' }, conversationId }],
      ] as const) {
        const res = await s.app.inject({ method, url, headers: bob, ...(payload && { payload }) });
        expect4xx(res, 404);
      }
      // The same clientId from another customer is another message, not A's receipt.
      const same = await s.app.inject({
        method: 'POST',
        url: '/api/conversations/messages',
        headers: bob,
        payload: { clientId: 'a-1', text: 'mine', attachments: [], context: { locale: 'en' } },
      });
      assert.notEqual(same.json().conversationId, conversationId);

      const file = form('a.png', 'image/png', PNG);
      const upload = (
        await s.app.inject({
          method: 'POST',
          url: '/api/uploads',
          headers: { ...alice, 'content-type': file.type },
          payload: file.payload,
        })
      ).json();
      const ticket = await s.app.inject({
        method: 'POST',
        url: '/api/tickets',
        headers: bob,
        payload: {
          category: 'x',
          description: 'steal',
          contact: 'b@example.com',
          attachments: [upload],
          context: { locale: 'en' },
        },
      });
      expect4xx(ticket, 422);
      const message = await s.app.inject({
        method: 'POST',
        url: '/api/conversations/messages',
        headers: bob,
        payload: { clientId: 'b-2', text: '', attachments: [upload], context: { locale: 'en' } },
      });
      expect4xx(message, 422);
    });

    it('answers bad JSON, wrong types, unknown fields, oversized bodies and unknown ids with 4xx', async () => {
      const post = (payload: string | object, headers: Record<string, string> = {}) =>
        s.app.inject({
          method: 'POST',
          url: '/api/conversations/messages',
          headers: { ...alice, 'content-type': 'application/json', ...headers },
          payload,
        });
      expect4xx(await post('{"clientId": '), 400);
      expect4xx(await post({ clientId: 'w', text: { html: '<b>' }, attachments: [], context: { locale: 'en' } }), 400);
      expect4xx(await post({ clientId: 'w', text: 'x', attachments: 'all', context: { locale: 'en' } }), 400);
      expect4xx(await post({ clientId: 'x', text: 'x', attachments: [], context: { locale: 'en' }, admin: true }), 400);
      expect4xx(await post({ clientId: 'x', text: 'x', attachments: [], context: { locale: 'xx' } }), 400);
      expect4xx(await post({ clientId: 'x', text: 'x'.repeat(6000), attachments: [], context: { locale: 'en' } }), 400);
      expect4xx(await post('x'.repeat(300 * 1024)), 413);
      expect4xx(await post('<xml/>', { 'content-type': 'application/xml' }), 415);
      expect4xx(
        await post({
          clientId: 'x',
          conversationId: 'not-a-uuid',
          text: 'x',
          attachments: [],
          context: { locale: 'en' },
        }),
        404,
      );
      expect4xx(
        await post({
          clientId: 'y',
          conversationId: '00000000-0000-0000-0000-000000000000',
          text: 'x',
          attachments: [],
          context: { locale: 'en' },
        }),
        404,
      );
      expect4xx(await post({ clientId: 'z', text: '   ', attachments: [], context: { locale: 'en' } }), 422);
      expect4xx(await s.app.inject({ url: '/api/conversations/%00/messages', headers: alice }));
      expect4xx(await s.app.inject({ url: '/api/articles/..%2F..%2Fetc%2Fpasswd' }), 404);
      expect4xx(await s.app.inject({ url: '/api/uploads/..%2F..%2Fpackage.json?expires=9999999999&sig=x' }), 404);
      expect4xx(await s.app.inject({ url: '/api/../../package.json' }), 404);
      expect4xx(await s.app.inject({ url: '/api/nothing-here' }), 404);
      expect4xx(await s.app.inject({ url: '/api/conversations/x/messages?after=-5', headers: alice }), 400);
      expect4xx(
        await s.app.inject({ method: 'POST', url: '/api/events', headers: alice, payload: { events: 'all' } }),
        400,
      );
      expect4xx(
        await s.app.inject({ method: 'POST', url: '/api/desk/session', payload: { email: ['a'], password: 1 } }),
        400,
      );
      expect4xx(
        await s.app.inject({
          method: 'POST',
          url: '/api/tickets',
          headers: alice,
          payload: {
            category: 'x',
            description: 'd',
            contact: 'not contact',
            attachments: [],
            context: { locale: 'en' },
          },
        }),
        422,
      );
    });

    it('sniffs uploads: a lie about the type, an empty or oversized file, a wrong field are refused', async () => {
      const send = (f: ReturnType<typeof form>) =>
        s.app.inject({
          method: 'POST',
          url: '/api/uploads',
          headers: { ...alice, 'content-type': f.type },
          payload: f.payload,
        });
      expect4xx(await send(form('evil.png', 'image/png', Buffer.from('<script>alert(1)</script>'))), 415);
      expect4xx(await send(form('evil.svg', 'image/svg+xml', Buffer.from('<svg onload="alert(1)"/>'))), 415);
      expect4xx(await send(form('bin.txt', 'text/plain', Buffer.from([0, 1, 2, 3, 4, 5]))), 415);
      expect4xx(await send(form('empty.png', 'image/png', Buffer.alloc(0))), 415);
      expect4xx(await send(form('big.png', 'image/png', Buffer.concat([PNG, Buffer.alloc(100 * 1024)]))), 413);
      expect4xx(await send(form('a.png', 'image/png', PNG, 'other')), 400);
      expect4xx(
        await s.app.inject({
          method: 'POST',
          url: '/api/uploads',
          headers: { ...alice, 'content-type': 'application/json' },
          payload: {},
        }),
        415,
      );
      const ok = await send(form('note.txt', 'text/plain', Buffer.from('订单号 YX58203147')));
      assert.equal(ok.json().type, 'text/plain');
    });

    it('allows CORS for configured origins only', async () => {
      const preflight = (origin: string) =>
        s.app.inject({
          method: 'OPTIONS',
          url: '/api/conversations/messages',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization,content-type',
          },
        });
      const good = await preflight('https://shop.example');
      assert.equal(good.headers['access-control-allow-origin'], 'https://shop.example');
      const evil = await preflight('https://evil.example');
      assert.equal(evil.headers['access-control-allow-origin'], undefined);
    });
  });
}

describe('rate limits', () => {
  let s: TestServer;
  before(async () => {
    s = await testServer('pglite', { rateLimit: 5 });
  });
  after(() => s.close());

  it('limits each customer on their own, with 429 and Retry-After', async () => {
    const a = { authorization: `Bearer ${await s.customer('ra')}` };
    const b = { authorization: `Bearer ${await s.customer('rb')}` };
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await s.app.inject({ url: '/api/hall', headers: a })).statusCode);
    assert.deepEqual(statuses.slice(0, 5), [200, 200, 200, 200, 200]);
    const limited = await s.app.inject({ url: '/api/hall', headers: a });
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error.code, 'rate_limited');
    assert.ok(limited.headers['retry-after']);
    assert.equal(
      (await s.app.inject({ url: '/api/hall', headers: b })).statusCode,
      200,
      'another customer is not limited',
    );
  });
});
