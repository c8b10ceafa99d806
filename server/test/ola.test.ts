// OLA alerts (server/services/ola.ts) and the webhooks (server/services/webhooks.ts, events.ts): late items found
// in the database, each claimed once in it however many instances watch, marked and first on the desk, and every
// event delivered signed to a receiver that first answers 503 and gets the retry.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { openDatabase } from '../db/connect.js';
import { conversations, customers, messages, tickets, webhookOutbox } from '../db/schema.js';
import { findBreaches, olaFromEnv, parseOla, watchOla } from '../services/ola.js';
import { createWebhooks, signWebhook, webhooksFromEnv } from '../services/webhooks.js';
import { freshPostgres, kinds, readEvents, testServer, type TestServer } from './helpers.js';

const SECRET = 'webhook-secret';
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/** A receiver that answers 503 to the first request of each delivery, then 200. */
const receiver = async () => {
  const received: { headers: IncomingHttpHeaders; body: string; status: number }[] = [];
  const seen = new Set<string>();
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const delivery = String(request.headers['x-service-hall-delivery']);
      const status = seen.has(delivery) ? 200 : 503;
      seen.add(delivery);
      received.push({ headers: request.headers, body, status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  /** The events delivered (answered 200), parsed. */
  const delivered = () =>
    received
      .filter((r) => r.status === 200)
      .map((r) => JSON.parse(r.body) as { id: string; type: string; data: Record<string, unknown> });
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    delivered,
    /** Resolves once `test` holds for the delivered events; fails after `ms`. */
    async until(test: (events: ReturnType<typeof delivered>) => boolean, ms = 10_000) {
      const start = Date.now();
      while (!test(delivered())) {
        if (Date.now() - start > ms) assert.fail(`timed out; got ${JSON.stringify(delivered().map((e) => e.type))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => server.close(),
  };
};

/** Every request carries a valid signature of its body, and no other secret's. */
const assertSigned = (received: { headers: IncomingHttpHeaders; body: string }[]) => {
  for (const r of received) {
    const timestamp = Number(r.headers['x-service-hall-timestamp']);
    assert.equal(r.headers['x-service-hall-signature'], signWebhook(SECRET, timestamp, r.body));
    assert.notEqual(r.headers['x-service-hall-signature'], signWebhook('another', timestamp, r.body));
  }
};

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const A = '00000000-0000-4000-8000-000000000001';
const B = '00000000-0000-4000-8000-000000000002';
const C = '00000000-0000-4000-8000-000000000003';

for (const kind of kinds()) {
  describe(`OLA alerts (${kind})`, () => {
    let server: TestServer;
    let url: string;
    before(async () => {
      server = await testServer(kind);
      url = await server.app.listen({ port: 0, host: '127.0.0.1' });
      const db = server.app.db;
      await db.insert(customers).values([
        { id: 'u:ola-1', kind: 'signed', name: 'Late Lu' },
        { id: 'u:ola-2', kind: 'signed', name: 'VIP Vera', tier: 'vip' },
        { id: 'u:ola-3', kind: 'signed' },
      ]);
      await db.insert(conversations).values([
        // Queued 10 min ago, angry: late for a 5-min queue OLA, and angry and waiting.
        { id: A, customerId: 'u:ola-1', human: 'queued', queuedAt: ago(10), sentiment: 'angry' },
        // Queued 2 min ago, a VIP: served before A by priority, within every threshold.
        { id: B, customerId: 'u:ola-2', human: 'queued', queuedAt: ago(2), priority: 1 },
        // With an agent, whose last reply came before the customer's message 20 min ago.
        { id: C, customerId: 'u:ola-3', human: 'connected', queuedAt: ago(40), agentId: 'a-wei', lastSeq: 2 },
      ]);
      await db.insert(messages).values([
        { conversationId: C, seq: 1, role: 'agent', text: 'Hello', createdAt: ago(30) },
        { conversationId: C, seq: 2, role: 'customer', text: 'Still there?', createdAt: ago(20) },
      ]);
      await db.insert(tickets).values([
        {
          id: 'T-OLA-OLD',
          customerId: 'u:ola-1',
          category: 'refund',
          description: 'x',
          contact: 'a@b.c',
          createdAt: new Date(Date.now() - 30 * 3_600_000),
        },
        { id: 'T-OLA-NEW', customerId: 'u:ola-2', category: 'refund', description: 'y', contact: 'a@b.c' },
      ]);
    });
    after(() => server.close());

    it('finds each kind of late item by its threshold, and nothing that is on time', async () => {
      const breaches = await findBreaches(server.app.db, {
        queueMinutes: 5,
        replyMinutes: 10,
        angryWaiting: true,
        ticketHours: 24,
      });
      const found = breaches.map((b) => `${b.kind} ${b.conversationId ?? b.ticketId}`).sort();
      assert.deepEqual(found, [`angry-waiting ${A}`, `no-reply ${C}`, `queue-wait ${A}`, 'ticket-unsolved T-OLA-OLD']);
      const noReply = breaches.find((b) => b.kind === 'no-reply')!;
      assert.ok(Math.abs(Date.parse(noReply.since) - ago(20).getTime()) < 5000, 'since the unanswered message');
      assert.deepEqual(await findBreaches(server.app.db, { queueMinutes: 15, replyMinutes: 25, ticketHours: 48 }), []);
    });

    it('claims a breach once in the database: a second check, or a restarted watch, reports nothing', async () => {
      const watch = watchOla(server.app.db, { queueMinutes: 5 }, undefined, { intervalMs: 3_600_000 });
      const restarted = watchOla(server.app.db, { queueMinutes: 5 }, undefined, { intervalMs: 3_600_000 });
      try {
        assert.deepEqual(
          (await watch.check()).map((b) => `${b.kind} ${b.conversationId}`),
          [`queue-wait ${A}`],
        );
        assert.deepEqual(await watch.check(), [], 'still late: not reported again');
        assert.deepEqual(await restarted.check(), [], 'nor by another watcher after a restart');
      } finally {
        watch.close();
        restarted.close();
      }
    });

    it("the desk queue puts the late customer first and says why; customers' places count it too", async () => {
      const cookie = await server.agent();
      const stream = readEvents(await fetch(`${url}/api/desk/events`, { headers: { cookie } }));
      try {
        await stream.until((e) => e.some((x) => x.event === 'queue'));
        const queue = async () =>
          (await server.app.inject({ url: '/api/desk/queue', headers: { cookie } })).json().queue as {
            conversationId: string;
            late?: { kind: string; since: string }[];
          }[];
        // Claimed by the previous test for queue=5: late first, before the VIP.
        const [first, second] = await queue();
        assert.equal(first!.conversationId, A);
        assert.deepEqual(
          first!.late!.map((l) => l.kind),
          ['queue-wait'],
        );
        assert.ok(Math.abs(Date.parse(first!.late![0]!.since) - ago(10).getTime()) < 5000);
        assert.equal(second!.conversationId, B);
        assert.equal(second!.late, undefined);
        assert.equal(await server.app.conversations.position({ id: A }), 1);
        assert.equal(await server.app.conversations.position({ id: B }), 2);

        // A new breach reaches the desk through the bus: the stream's queue now says angry too.
        const watch = watchOla(server.app.db, { angryWaiting: true }, undefined, { intervalMs: 3_600_000 });
        await watch.check();
        watch.close();
        await stream.until((e) =>
          e.some(
            (x) =>
              x.event === 'queue' &&
              (x.data as { queue: { late?: { kind: string }[] }[] }).queue[0]?.late?.length === 2,
          ),
        );
        assert.deepEqual(
          (await queue())[0]!.late!.map((l) => l.kind),
          ['angry-waiting', 'queue-wait'],
        );
      } finally {
        await stream.cancel();
      }
    });

    it('marks a ticket unsolved past its OLA on the desk, in the list and the ticket, until it is solved', async () => {
      const cookie = await server.agent();
      const get = async (path: string) => {
        const res = await server.app.inject({ method: 'GET', url: `/api/desk/${path}`, headers: { cookie } });
        assert.equal(res.statusCode, 200, res.body);
        return res.json();
      };
      const lateIn = async () =>
        Object.fromEntries(
          (await get('tickets')).tickets
            .filter((t: { id: string }) => t.id.startsWith('T-OLA'))
            .map((t: { id: string; late?: { kind: string }[] }) => [t.id, t.late?.map((l) => l.kind)]),
        );
      assert.deepEqual(await lateIn(), { 'T-OLA-OLD': undefined, 'T-OLA-NEW': undefined }, 'nothing before a check');
      const watch = watchOla(server.app.db, { ticketHours: 24 }, undefined, { intervalMs: 3_600_000 });
      try {
        await watch.check();
        assert.deepEqual(await lateIn(), { 'T-OLA-OLD': ['ticket-unsolved'], 'T-OLA-NEW': undefined });
        assert.deepEqual((await get('tickets/T-OLA-OLD')).ticket.late[0].kind, 'ticket-unsolved');
        const res = await server.app.inject({
          method: 'PATCH',
          url: '/api/desk/tickets/T-OLA-OLD',
          headers: { cookie },
          payload: { status: 'solved' },
        });
        assert.equal(res.json().ticket.late, undefined, 'a solved ticket is on time');
        assert.deepEqual(await lateIn(), { 'T-OLA-OLD': undefined, 'T-OLA-NEW': undefined });
      } finally {
        watch.close();
      }
    });

    it("marks an agent's silent conversation until the agent replies, live on the desk stream", async () => {
      const cookie = await server.agent('wei@demo.test');
      const stream = readEvents(await fetch(`${url}/api/desk/events`, { headers: { cookie } }));
      try {
        await stream.until((e) => e.some((x) => x.event === 'state'));
        const watch = watchOla(server.app.db, { replyMinutes: 10 }, undefined, { intervalMs: 3_600_000 });
        assert.equal((await watch.check()).length, 1);
        watch.close();
        await stream.until((e) =>
          e.some(
            (x) =>
              x.event === 'conversation' &&
              (x.data as { conversation: { id: string; late?: { kind: string }[] } }).conversation.late?.[0]?.kind ===
                'no-reply',
          ),
        );
        const detail = async () =>
          (await server.app.inject({ url: `/api/desk/conversations/${C}`, headers: { cookie } })).json().conversation;
        assert.equal((await detail()).late[0].kind, 'no-reply');
        const mine = (await server.app.inject({ url: '/api/desk/conversations', headers: { cookie } })).json();
        assert.equal(mine.conversations.find((c: { id: string }) => c.id === C).late[0].kind, 'no-reply');
        const reply = await server.app.inject({
          method: 'POST',
          url: `/api/desk/conversations/${C}/messages`,
          headers: { cookie },
          payload: { clientId: 'ola-reply', text: 'Sorry, here now' },
        });
        assert.equal(reply.statusCode, 200, reply.body);
        assert.equal((await detail()).late, undefined, 'answered: no longer late');
      } finally {
        await stream.cancel();
      }
    });

    it('an item late again later (a new since) is a new breach', async () => {
      const watch = watchOla(server.app.db, { queueMinutes: 5 }, undefined, { intervalMs: 3_600_000 });
      try {
        assert.deepEqual(await watch.check(), []);
        // The customer left and queued again 6 minutes ago: a new wait.
        await server.app.db.execute(
          sql`update conversations set queued_at = now() - interval '6 minutes' where id = ${A}`,
        );
        assert.deepEqual(
          (await watch.check()).map((b) => `${b.kind} ${b.conversationId}`),
          [`queue-wait ${A}`],
        );
      } finally {
        watch.close();
      }
    });

    it('gives up on a receiver that refuses (4xx) without retrying, and says why', async () => {
      let calls = 0;
      const failures: string[] = [];
      const webhooks = createWebhooks(server.app.db, {
        url: 'http://receiver.test/hooks',
        secret: SECRET,
        backoffMs: 1,
        fetch: async () => (calls++, new Response(null, { status: 410 })),
        onFailure: (_event, reason) => failures.push(reason),
      });
      try {
        await webhooks.emit('test.refused', {});
        await webhooks.deliver();
        assert.equal(calls, 1);
        assert.deepEqual(failures, ['HTTP 410']);
        const [row] = await server.app.db.select().from(webhookOutbox).where(eq(webhookOutbox.type, 'test.refused'));
        assert.equal(row!.lastError, 'HTTP 410');
        assert.ok(row!.gaveUpAt && !row!.deliveredAt);
      } finally {
        await webhooks.close();
      }
    });

    it('an event whose instance died mid-delivery is sent by another once its lease ends, with its own id', async () => {
      const hooks = await receiver();
      // The first instance claims the event and hangs on the receiver: as good as killed.
      let hung = 0;
      const dying = createWebhooks(server.app.db, {
        url: hooks.url,
        secret: SECRET,
        leaseMs: 1000,
        fetch: () => (hung++, new Promise<Response>(() => {})),
      });
      const other = createWebhooks(server.app.db, { url: hooks.url, secret: SECRET, backoffMs: 20, pollMs: 50 });
      try {
        await dying.emit('test.leased', { n: 1 });
        while (!hung) await pause(10);
        await pause(100);
        assert.deepEqual(hooks.received, [], 'not taken while the lease holds');
        await hooks.until((events) => events.some((e) => e.type === 'test.leased'));
        const [event] = hooks.delivered().filter((e) => e.type === 'test.leased');
        // The receiver has it; the round that sent it records so once the answer is in.
        await other.deliver();
        const [row] = await server.app.db.select().from(webhookOutbox).where(eq(webhookOutbox.id, event!.id));
        assert.deepEqual(event!.data, { n: 1 });
        assert.ok(row!.deliveredAt, 'recorded as delivered');
        assertSigned(hooks.received);
      } finally {
        // The hung delivery never ends; its instance only stops looking.
        void dying.close();
        await other.close();
        hooks.close();
      }
    });
  });

  describe(`two instances on one database (${kind})`, () => {
    it('watching the same breach send one signed webhook, retried after a 503, and a restart sends none', async () => {
      const hooks = await receiver();
      // PGlite belongs to one process: two apps in this one share it. Postgres: two pools on one database.
      const database =
        kind === 'pglite' ? await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'sh-ola-')) }) : undefined;
      const shared = database ? { database } : { databaseUrl: await freshPostgres() };
      const options = {
        ...shared,
        ola: { thresholds: { queueMinutes: 1 }, intervalMs: 40 },
        webhooks: { url: hooks.url, secret: SECRET, backoffMs: 30 },
      };
      const one = await testServer(kind, options);
      const two = await testServer(kind, options);
      try {
        await one.app.db.insert(customers).values({ id: 'u:ola-two', kind: 'signed' });
        await one.app.db.insert(conversations).values({ customerId: 'u:ola-two', human: 'queued', queuedAt: ago(3) });
        await hooks.until((events) => events.length > 0);
        // Both instances go on checking for a while: nothing more arrives.
        await pause(400);
        assert.deepEqual(
          hooks.received.map((r) => r.status),
          [503, 200],
          'one delivery: the 503, then its retry',
        );
        const [first, second] = hooks.received;
        assert.equal(first!.headers['x-service-hall-delivery'], second!.headers['x-service-hall-delivery']);
        assertSigned(hooks.received);
        assert.equal(second!.headers['x-service-hall-event'], 'ola.breached');
        const event = JSON.parse(second!.body);
        assert.equal(event.type, 'ola.breached');
        assert.deepEqual(
          { kind: event.data.kind, customerId: event.data.customerId },
          { kind: 'queue-wait', customerId: 'u:ola-two' },
        );

        await one.close();
        const again = await testServer(kind, options);
        await pause(400);
        await again.close();
        assert.equal(hooks.received.length, 2, 'a restarted instance does not send it again');
      } finally {
        await two.close();
        await database?.close();
        hooks.close();
      }
    });
  });

  describe(`conversation and ticket webhooks (${kind})`, () => {
    let server: TestServer;
    let hooks: Awaited<ReturnType<typeof receiver>>;
    let cookie: string;
    before(async () => {
      hooks = await receiver();
      // Webhooks without any OLA threshold.
      server = await testServer(kind, { webhooks: { url: hooks.url, secret: SECRET, backoffMs: 20 } });
      cookie = await server.agent();
      await server.app.inject({
        method: 'PUT',
        url: '/api/desk/presence',
        headers: { cookie },
        payload: { status: 'online' },
      });
    });
    after(async () => {
      await server.close();
      hooks.close();
    });

    const as = async (sub: string) => {
      const headers = { authorization: `Bearer ${await server.customer(sub)}` };
      const call = async (method: 'POST' | 'PATCH', url: string, payload: object, who = headers) => {
        const res = await server.app.inject({ method, url, headers: who, payload });
        assert.ok(res.statusCode < 300, res.body);
        return res.body ? res.json() : undefined;
      };
      return { headers, call };
    };

    /** A conversation handed to the signed-in agent. */
    const withAgent = async (sub: string) => {
      const customer = await as(sub);
      const { conversationId } = await customer.call('POST', '/api/conversations/messages', {
        clientId: crypto.randomUUID(),
        text: 'I need a person',
        attachments: [],
        context: { locale: 'en', orderId: 'YX58190385' },
      });
      await customer.call('POST', `/api/conversations/${conversationId}/human`, {
        reason: 'customer asked',
        priority: 'normal',
        context: { locale: 'en' },
        transcript: [],
      });
      await customer.call('POST', `/api/desk/conversations/${conversationId}/assign`, {}, { cookie } as never);
      return { ...customer, conversationId: conversationId as string };
    };

    it('conversation.closed carries the signals recorded for it, and a later rating comes as conversation.rated', async () => {
      const { call, conversationId } = await withAgent('hook-1');
      await call('POST', '/api/events', {
        events: [{ type: 'article-helpful', at: new Date().toISOString(), data: { conversationId, articleId: 'a1' } }],
      });
      await call('POST', `/api/desk/conversations/${conversationId}/close`, {}, { cookie } as never);
      await hooks.until((events) => events.some((e) => e.data.conversationId === conversationId));
      const closed = hooks.delivered().find((e) => e.data.conversationId === conversationId)!;
      assert.equal(closed.type, 'conversation.closed');
      assert.deepEqual(
        { ...closed.data, createdAt: undefined, closedAt: undefined, signals: undefined },
        {
          conversationId,
          customerId: 'u:hook-1',
          agentId: 'a-lina',
          locale: 'en',
          orderId: 'YX58190385',
          closedBy: 'agent',
          createdAt: undefined,
          closedAt: undefined,
          signals: undefined,
        },
      );
      assert.ok(Date.parse(closed.data.closedAt as string) > Date.now() - 60_000);
      assert.deepEqual(
        (closed.data.signals as { type: string; data: object }[]).map((s) => [s.type, s.data]),
        [['article-helpful', { conversationId, articleId: 'a1' }]],
      );
      assert.equal(closed.data.rating, undefined);

      await call('POST', `/api/conversations/${conversationId}/rating`, {
        score: 4,
        tags: ['fast'],
        comment: 'Thanks',
      });
      await hooks.until((events) => events.some((e) => e.type === 'conversation.rated'));
      const rated = hooks.delivered().find((e) => e.type === 'conversation.rated')!;
      assert.equal(rated.data.conversationId, conversationId);
      assert.deepEqual(
        { ...(rated.data.rating as object), createdAt: undefined },
        {
          score: 4,
          tags: ['fast'],
          comment: 'Thanks',
          createdAt: undefined,
        },
      );
      // Closing again changes nothing and sends nothing.
      await call('POST', `/api/conversations/${conversationId}/close`, {});
      await pause(200);
      assert.equal(hooks.delivered().filter((e) => e.data.conversationId === conversationId).length, 2);
      assertSigned(hooks.received);
    });

    it('a rating given before the end goes out with conversation.closed, not as conversation.rated', async () => {
      const { call, conversationId } = await withAgent('hook-2');
      await call('POST', `/api/conversations/${conversationId}/rating`, { score: 2, tags: [] });
      await call('POST', `/api/conversations/${conversationId}/close`, {});
      await hooks.until((events) => events.some((e) => e.data.conversationId === conversationId));
      await pause(200);
      const mine = hooks.delivered().filter((e) => e.data.conversationId === conversationId);
      assert.deepEqual(
        mine.map((e) => e.type),
        ['conversation.closed'],
      );
      assert.equal((mine[0]!.data.rating as { score: number }).score, 2);
      assert.equal(mine[0]!.data.closedBy, 'customer');
    });

    it('ticket.created, then ticket.solved once however often it is solved', async () => {
      const { call } = await as('hook-3');
      const { id } = await call('POST', '/api/tickets', {
        category: 'refund',
        description: 'The lid is <b>cracked</b>',
        contact: 'hook3@example.com',
        orderId: 'YX58190385',
        attachments: [],
        context: { locale: 'en' },
      });
      await hooks.until((events) => events.some((e) => e.data.ticketId === id));
      const created = hooks.delivered().find((e) => e.data.ticketId === id)!;
      assert.equal(created.type, 'ticket.created');
      assert.deepEqual(
        { ...created.data, createdAt: undefined, updatedAt: undefined },
        {
          ticketId: id,
          customerId: 'u:hook-3',
          category: 'refund',
          description: 'The lid is <b>cracked</b>',
          orderId: 'YX58190385',
          contact: 'hook3@example.com',
          status: 'open',
          createdAt: undefined,
          updatedAt: undefined,
        },
      );
      for (let i = 0; i < 2; i++)
        await call('PATCH', `/api/desk/tickets/${id}`, { status: 'solved' }, { cookie } as never);
      await hooks.until((events) => events.some((e) => e.type === 'ticket.solved' && e.data.ticketId === id));
      await pause(200);
      const solved = hooks.delivered().filter((e) => e.type === 'ticket.solved' && e.data.ticketId === id);
      assert.equal(solved.length, 1);
      assert.equal(solved[0]!.data.status, 'solved');
      assert.equal(solved[0]!.data.agentId, 'a-lina');
      assert.ok(solved[0]!.data.solvedAt);
    });
  });
}

describe('OLA and webhook configuration', () => {
  it('reads thresholds and the check interval from SERVICE_HALL_OLA and refuses anything else', () => {
    assert.deepEqual(parseOla('queue=5, reply=10,angry,ticket=24'), {
      thresholds: { queueMinutes: 5, replyMinutes: 10, angryWaiting: true, ticketHours: 24 },
    });
    assert.deepEqual(parseOla('queue=0.5,check=2'), { thresholds: { queueMinutes: 0.5 }, intervalMs: 2000 });
    assert.throws(() => parseOla('queue=soon'), /"queue=soon" is not/);
    assert.throws(() => parseOla('lunch=5'), /"lunch=5" is not/);
    assert.equal(olaFromEnv({}), undefined);
    assert.deepEqual(olaFromEnv({ SERVICE_HALL_OLA: 'angry' }), { thresholds: { angryWaiting: true } });
  });

  it('webhooks need a URL and a secret, and no thresholds', () => {
    assert.equal(webhooksFromEnv({}), undefined);
    assert.equal(webhooksFromEnv({ SERVICE_HALL_WEBHOOK_SECRET: 's' }), undefined);
    assert.throws(
      () => webhooksFromEnv({ SERVICE_HALL_WEBHOOK_URL: 'https://crm.example/hooks' }),
      /SERVICE_HALL_WEBHOOK_SECRET/,
    );
    assert.deepEqual(
      webhooksFromEnv({ SERVICE_HALL_WEBHOOK_URL: 'https://crm.example/hooks', SERVICE_HALL_WEBHOOK_SECRET: 's' }),
      { url: 'https://crm.example/hooks', secret: 's' },
    );
  });
});
