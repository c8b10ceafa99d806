// OLA alerts (server/services/ola.ts) and their webhooks (server/services/webhooks.ts): late items found in the
// database, each reported once, delivered signed to a receiver that first answers 503 and gets the retry.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { conversations, customers, messages, tickets } from '../db/schema.js';
import { alertsFromEnv, findBreaches, parseOla, watchOla } from '../services/ola.js';
import { createWebhooks, signWebhook } from '../services/webhooks.js';
import { kinds, testServer, type TestServer } from './helpers.js';

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
  return { url: `http://127.0.0.1:${port}/hooks`, received, close: () => server.close() };
};

for (const kind of kinds()) {
  describe(`OLA alerts (${kind})`, () => {
    let server: TestServer;
    before(async () => {
      server = await testServer(kind);
      const db = server.app.db;
      await db.insert(customers).values([
        { id: 'u:ola-1', kind: 'signed' },
        { id: 'u:ola-2', kind: 'signed' },
        { id: 'u:ola-3', kind: 'signed' },
      ]);
      await db.insert(conversations).values([
        // Queued 10 min ago, angry: late for a 5-min queue OLA, and angry and waiting.
        {
          id: '00000000-0000-4000-8000-000000000001',
          customerId: 'u:ola-1',
          human: 'queued',
          queuedAt: ago(10),
          sentiment: 'angry',
        },
        // Queued 2 min ago, calm: within every threshold.
        { id: '00000000-0000-4000-8000-000000000002', customerId: 'u:ola-2', human: 'queued', queuedAt: ago(2) },
        // With an agent, whose last reply came before the customer's message 20 min ago.
        {
          id: '00000000-0000-4000-8000-000000000003',
          customerId: 'u:ola-3',
          human: 'connected',
          queuedAt: ago(40),
          agentId: 'a-wei',
        },
      ]);
      await db.insert(messages).values([
        {
          conversationId: '00000000-0000-4000-8000-000000000003',
          seq: 1,
          role: 'agent',
          text: 'Hello',
          createdAt: ago(30),
        },
        {
          conversationId: '00000000-0000-4000-8000-000000000003',
          seq: 2,
          role: 'customer',
          text: 'Still there?',
          createdAt: ago(20),
        },
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
      assert.deepEqual(found, [
        'angry-waiting 00000000-0000-4000-8000-000000000001',
        'no-reply 00000000-0000-4000-8000-000000000003',
        'queue-wait 00000000-0000-4000-8000-000000000001',
        'ticket-unsolved T-OLA-OLD',
      ]);
      const noReply = breaches.find((b) => b.kind === 'no-reply')!;
      assert.ok(Math.abs(Date.parse(noReply.since) - ago(20).getTime()) < 5000, 'since the unanswered message');
      assert.deepEqual(await findBreaches(server.app.db, { queueMinutes: 15, replyMinutes: 25, ticketHours: 48 }), []);
    });

    it('reports a breach once, as a signed webhook retried after a 503', async () => {
      const hooks = await receiver();
      const failures: string[] = [];
      const webhooks = createWebhooks({
        url: hooks.url,
        secret: SECRET,
        backoffMs: 20,
        onFailure: (_event, reason) => failures.push(reason),
      });
      const watch = watchOla(server.app.db, { queueMinutes: 5 }, webhooks, { intervalMs: 3_600_000 });
      try {
        const fresh = await watch.check();
        assert.deepEqual(
          fresh.map((b) => b.kind),
          ['queue-wait'],
        );
        assert.deepEqual(await watch.check(), [], 'still late: not reported again');
        const start = Date.now();
        while (!hooks.received.some((r) => r.status === 200) && Date.now() - start < 5000)
          await new Promise((r) => setTimeout(r, 20));
        assert.deepEqual(
          hooks.received.map((r) => r.status),
          [503, 200],
          'one retry after the 503, then delivered',
        );
        const [first, second] = hooks.received;
        assert.equal(first!.headers['x-service-hall-delivery'], second!.headers['x-service-hall-delivery']);
        for (const r of hooks.received) {
          const timestamp = Number(r.headers['x-service-hall-timestamp']);
          assert.equal(r.headers['x-service-hall-signature'], signWebhook(SECRET, timestamp, r.body));
          assert.notEqual(r.headers['x-service-hall-signature'], signWebhook('another', timestamp, r.body));
        }
        const event = JSON.parse(second!.body);
        assert.equal(event.type, 'ola.breached');
        assert.equal(second!.headers['x-service-hall-event'], 'ola.breached');
        assert.equal(event.data.kind, 'queue-wait');
        assert.equal(event.data.conversationId, '00000000-0000-4000-8000-000000000001');
        assert.deepEqual(failures, []);
      } finally {
        watch.close();
        webhooks.close();
        hooks.close();
      }
    });

    it('gives up on a receiver that refuses (4xx) without retrying, and says why', async () => {
      let calls = 0;
      const failures: string[] = [];
      const webhooks = createWebhooks({
        url: 'http://receiver.test/hooks',
        secret: SECRET,
        backoffMs: 1,
        fetch: async () => (calls++, new Response(null, { status: 410 })),
        onFailure: (_event, reason) => failures.push(reason),
      });
      assert.equal(await webhooks.emit('ola.breached', {}), false);
      assert.equal(calls, 1);
      assert.deepEqual(failures, ['HTTP 410']);
    });

    it('a server started with alerts checks by itself and sends them', async () => {
      const hooks = await receiver();
      const own = await testServer(kind, {
        alerts: { webhookUrl: hooks.url, webhookSecret: SECRET, thresholds: { queueMinutes: 1 }, intervalMs: 100 },
      });
      try {
        await own.app.db.insert(customers).values({ id: 'u:ola-own', kind: 'signed' });
        await own.app.db.insert(conversations).values({ customerId: 'u:ola-own', human: 'queued', queuedAt: ago(3) });
        const start = Date.now();
        while (!hooks.received.some((r) => r.status === 200) && Date.now() - start < 10_000)
          await new Promise((r) => setTimeout(r, 50));
        const delivered = hooks.received.find((r) => r.status === 200);
        assert.ok(delivered, 'the alert arrived');
        assert.equal(JSON.parse(delivered.body).data.customerId, 'u:ola-own');
      } finally {
        await own.close();
        hooks.close();
      }
    });
  });
}

describe('OLA configuration', () => {
  it('reads thresholds from SERVICE_HALL_OLA and refuses anything else', () => {
    assert.deepEqual(parseOla('queue=5, reply=10,angry,ticket=24'), {
      queueMinutes: 5,
      replyMinutes: 10,
      angryWaiting: true,
      ticketHours: 24,
    });
    assert.throws(() => parseOla('queue=soon'), /"queue=soon" is not/);
    assert.throws(() => parseOla('lunch=5'), /"lunch=5" is not/);
  });

  it('alerts need a URL, thresholds and a secret', () => {
    assert.equal(alertsFromEnv({}), undefined);
    assert.equal(alertsFromEnv({ SERVICE_HALL_WEBHOOK_URL: 'https://crm.example/hooks' }), undefined);
    assert.throws(
      () => alertsFromEnv({ SERVICE_HALL_WEBHOOK_URL: 'https://crm.example/hooks', SERVICE_HALL_OLA: 'queue=5' }),
      /SERVICE_HALL_WEBHOOK_SECRET/,
    );
    assert.deepEqual(
      alertsFromEnv({
        SERVICE_HALL_WEBHOOK_URL: 'https://crm.example/hooks',
        SERVICE_HALL_OLA: 'angry',
        SERVICE_HALL_WEBHOOK_SECRET: 's',
      }),
      { webhookUrl: 'https://crm.example/hooks', webhookSecret: 's', thresholds: { angryWaiting: true } },
    );
  });
});
