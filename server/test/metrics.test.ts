// The metrics (docs/desk-api.md § Metrics) on each database: every figure against numbers computed by hand
// from a small fixture, the edge cases (an empty period, no ratings, one agent), CSV, and a conversation
// played through the API moving the figures.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { conversations, customers, messages, queries, ratings, signals } from '../db/schema.js';
import { queryKey } from '../services/metrics.js';
import { kinds, testServer, type TestServer } from './helpers.js';

const at = (iso: string) => new Date(iso);
const plus = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000);

interface Fixture {
  id: string;
  customer: string;
  created: string;
  orderId?: string;
  intent?: string;
  bot?: boolean;
  /** Seconds after `created`. */
  queued?: number;
  agent?: string;
  /** Seconds after `queued`. */
  firstReply?: number;
  /** Seconds after the first reply (or after `created` without one). */
  closed?: number;
  human?: 'none' | 'queued' | 'connected' | 'closed';
  rating?: number;
}

// Hand-computed figures for this set are in the assertions below; see the comment on each.
const FIXTURE: Fixture[] = [
  // Before the period: makes C1 a reopen (same order, 13 h earlier).
  { id: 'c0', customer: 'u:a', created: '2026-10-31T20:00:00Z', orderId: 'O1', bot: true, closed: 60, human: 'closed' },
  {
    id: 'c1',
    customer: 'u:a',
    created: '2026-11-01T09:00:00Z',
    orderId: 'O1',
    intent: 'article:tracking-status',
    bot: true,
    closed: 300,
    human: 'closed',
    rating: 5,
  },
  {
    id: 'c2',
    customer: 'u:a',
    created: '2026-11-01T15:00:00Z',
    orderId: 'O1',
    bot: true,
    queued: 120,
    agent: 'a-lina',
    firstReply: 60,
    closed: 600,
    human: 'closed',
    rating: 2,
  },
  {
    id: 'c3',
    customer: 'u:b',
    created: '2026-11-01T10:00:00Z',
    intent: 'q:how do i get a refund',
    bot: true,
    human: 'none',
  },
  { id: 'c4', customer: 'u:c', created: '2026-11-01T11:00:00Z', bot: true, queued: 60, human: 'none' },
  {
    id: 'c5',
    customer: 'u:d',
    created: '2026-11-02T08:00:00Z',
    queued: 30,
    agent: 'a-wei',
    firstReply: 120,
    closed: 1800,
    human: 'closed',
  },
  // 26 h after C3 with the same intent: not a reopen.
  {
    id: 'c6',
    customer: 'u:b',
    created: '2026-11-02T12:00:00Z',
    intent: 'q:how do i get a refund',
    bot: true,
    queued: 60,
    human: 'queued',
  },
  {
    id: 'c7',
    customer: 'u:a',
    created: '2026-11-02T09:30:00Z',
    orderId: 'O2',
    bot: true,
    queued: 60,
    agent: 'a-lina',
    firstReply: 30,
    closed: 600,
    human: 'closed',
    rating: 4,
  },
];

const uuid = (id: string) => `00000000-0000-4000-8000-${id.replace(/\D/g, '').padStart(12, '0')}`;

const load = async (s: TestServer) => {
  const db = s.app.db;
  await db
    .insert(customers)
    .values(['u:a', 'u:b', 'u:c', 'u:d'].map((id) => ({ id, kind: 'signed' as const })))
    .onConflictDoNothing();
  for (const f of FIXTURE) {
    const created = at(f.created);
    const queuedAt = f.queued === undefined ? null : plus(f.created, f.queued);
    const replyAt = queuedAt && f.firstReply !== undefined ? plus(queuedAt.toISOString(), f.firstReply) : null;
    const closedAt = f.closed === undefined ? null : plus((replyAt ?? created).toISOString(), f.closed);
    const id = uuid(f.id);
    const list = [
      { role: 'customer' as const, createdAt: created },
      ...(f.bot ? [{ role: 'bot' as const, createdAt: plus(f.created, 1) }] : []),
      ...(replyAt ? [{ role: 'agent' as const, createdAt: replyAt }] : []),
    ];
    await db.insert(conversations).values({
      id,
      customerId: f.customer,
      human: f.human ?? 'none',
      queuedAt,
      agentId: f.agent ?? null,
      closedAt,
      context: f.orderId ? { orderId: f.orderId } : {},
      intent: f.intent ?? null,
      createdAt: created,
      lastSeq: list.length,
    });
    await db
      .insert(messages)
      .values(
        list.map((m, i) => ({ conversationId: id, seq: i + 1, role: m.role, text: m.role, createdAt: m.createdAt })),
      );
    if (f.rating)
      await db.insert(ratings).values({
        customerId: f.customer,
        conversationId: id,
        score: f.rating,
        createdAt: plus((closedAt ?? created).toISOString(), 30),
      });
  }
  // An earlier rating of C7, replaced by the later 4: only the last rating of a conversation counts.
  await db
    .insert(ratings)
    .values({ customerId: 'u:a', conversationId: uuid('c7'), score: 1, createdAt: at('2026-11-02T09:40:00Z') });
  await db.insert(signals).values([
    { customerId: 'u:d', type: 'unrated', at: at('2026-11-02T08:40:00Z'), data: { conversationId: uuid('c5') } },
    { customerId: 'u:b', type: 'queue-abandoned', at: at('2026-11-02T12:10:00Z'), data: { reason: 'page' } },
    { customerId: 'u:a', type: 'recontact', at: at('2026-11-02T09:30:00Z'), data: { conversationId: uuid('c7') } },
    // Another customer's signal about C1 is not believed.
    { customerId: 'u:c', type: 'unrated', at: at('2026-11-01T09:10:00Z'), data: { conversationId: uuid('c1') } },
  ]);
  const q = (conv: string, customer: string, iso: string, text: string, articleId: string | null) => ({
    conversationId: uuid(conv),
    customerId: customer,
    text,
    normalized: queryKey(text),
    articleId,
    locale: 'en',
    createdAt: at(iso),
  });
  await db.insert(queries).values([
    q('c3', 'u:b', '2026-11-01T10:00:00Z', 'How do I get a refund?', null),
    q('c6', 'u:b', '2026-11-02T12:00:00Z', 'how do I get a refund', null),
    q('c1', 'u:a', '2026-11-01T09:00:00Z', 'Where is my parcel?', 'tracking-status'),
    q('c2', 'u:a', '2026-11-01T15:00:00Z', 'where is my parcel', 'tracking-status'),
    q('c4', 'u:c', '2026-11-01T11:00:00Z', '退款怎么办？', null),
    q('c7', 'u:a', '2026-11-02T09:30:00Z', '=cmd|"/c calc"!A1', null),
    // Outside the period.
    q('c0', 'u:a', '2026-10-31T20:00:00Z', 'old question', null),
  ]);
  const vote = (customerId: string, articleId: string, score: number, iso: string) => ({
    customerId,
    articleId,
    score,
    createdAt: at(iso),
  });
  await db
    .insert(ratings)
    .values([
      vote('u:a', 'tracking-status', 1, '2026-11-01T09:01:00Z'),
      vote('u:b', 'tracking-status', 1, '2026-11-01T10:01:00Z'),
      vote('u:c', 'tracking-status', 0, '2026-11-02T10:01:00Z'),
      vote('u:b', 'refund-time', 0, '2026-11-02T12:01:00Z'),
      vote('u:b', 'refund-time', 1, '2026-10-30T12:01:00Z'),
    ]);
};

for (const kind of kinds()) {
  describe(`metrics on ${kind}`, () => {
    let s: TestServer;
    let lina: string;
    let wei: string;
    const metrics = async (query: string, cookie = lina, headers: Record<string, string> = {}) => {
      const res = await s.app.inject({
        method: 'GET',
        url: `/api/desk/metrics?${query}`,
        headers: { cookie, ...headers },
      });
      return {
        status: res.statusCode,
        res,
        body: String(res.headers['content-type']).includes('json') ? res.json() : res.body,
      };
    };

    before(async () => {
      s = await testServer(kind);
      lina = await s.agent('lina@demo.test');
      wei = await s.agent('wei@demo.test');
      await load(s);
    });
    after(() => s.close());

    it('computes every figure of a period as hand-computed', async () => {
      const { status, body } = await metrics('from=2026-11-01&to=2026-11-02');
      assert.equal(status, 200, JSON.stringify(body));
      assert.deepEqual(body.period, { from: '2026-11-01T00:00:00.000Z', to: '2026-11-03T00:00:00.000Z', tz: 'UTC' });
      assert.deepEqual(body.totals, {
        conversations: 7, // C1–C7; C0 is before the period
        handedOff: 5, // C2 C4 C5 C6 C7
        csat: {
          average: 3.67, // C1 5, C2 2, C7 4 (its earlier 1 replaced)
          responses: 3,
          distribution: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 },
          responseRate: { count: 3, of: 4, rate: 0.75 }, // ended: C1 C2 C5 C7
        },
        firstResponseSeconds: { p50: 60, p90: 108, count: 3 }, // 30 60 120
        handlingSeconds: { p50: 600, p90: 1560, count: 3 }, // 600 600 1800
        selfService: { count: 1, of: 7, rate: 0.1429 }, // C3 only: C1 was reopened by C2
        botToHuman: { count: 4, of: 6, rate: 0.6667 }, // bot in all but C5; handed C2 C4 C6 C7
        queueAbandon: { count: 2, of: 5, rate: 0.4 }, // C4 left, C6 left the page (signal)
        reopen: { count: 3, of: 7, rate: 0.4286 }, // C1 (C0, same order) C2 (C1) C7 (signal)
        unrated: { count: 1, of: 4, rate: 0.25 }, // C5 dismissed; u:c's signal about C1 ignored
      });
      assert.deepEqual(
        body.days.map((d: { day: string }) => d.day),
        ['2026-11-01', '2026-11-02'],
      );
      const [first, second] = body.days;
      assert.equal(first.conversations, 4);
      assert.equal(first.csat.average, 3.5);
      assert.deepEqual(first.selfService, { count: 1, of: 4, rate: 0.25 });
      assert.deepEqual(first.reopen, { count: 2, of: 4, rate: 0.5 });
      assert.deepEqual(first.queueAbandon, { count: 1, of: 2, rate: 0.5 });
      assert.deepEqual(first.firstResponseSeconds, { p50: 60, p90: 60, count: 1 });
      assert.equal(second.conversations, 3);
      assert.deepEqual(second.handlingSeconds, { p50: 1200, p90: 1680, count: 2 });
      assert.deepEqual(second.unrated, { count: 1, of: 2, rate: 0.5 });
    });

    it('counts article votes per article, and groups knowledge gaps with examples', async () => {
      const { body } = await metrics('from=2026-11-01&to=2026-11-02&locale=en');
      assert.deepEqual(body.articles, [
        {
          articleId: 'tracking-status',
          title: body.articles[0].title,
          yes: 2,
          no: 1,
          helpful: { count: 2, of: 3, rate: 0.6667 },
        },
        {
          articleId: 'refund-time',
          title: body.articles[1].title,
          yes: 0,
          no: 1,
          helpful: { count: 0, of: 1, rate: 0 },
        },
      ]);
      assert.ok(body.articles[0].title, 'the article title from the content');
      const gaps = body.knowledgeGaps.map((g: { query: string; examples: string[]; lastAt: string }) => ({
        ...g,
        examples: [...g.examples].sort(),
      }));
      assert.deepEqual(gaps, [
        {
          query: 'how do i get a refund',
          count: 2,
          customers: 1,
          noArticle: 2,
          handedOff: 1, // C6 was handed off after it
          examples: ['How do I get a refund?', 'how do I get a refund'].sort(),
          lastAt: '2026-11-02T12:00:00.000Z',
        },
        {
          query: 'cmd c calc a1',
          count: 1,
          customers: 1,
          noArticle: 1,
          handedOff: 1,
          examples: ['=cmd|"/c calc"!A1'],
          lastAt: '2026-11-02T09:30:00.000Z',
        },
        {
          query: 'where is my parcel', // answered, but C2 still ended with a person; C1's did not
          count: 1,
          customers: 1,
          noArticle: 0,
          handedOff: 1,
          examples: ['where is my parcel'],
          lastAt: '2026-11-01T15:00:00.000Z',
        },
        {
          query: '退款怎么办',
          count: 1,
          customers: 1,
          noArticle: 1,
          handedOff: 1,
          examples: ['退款怎么办？'],
          lastAt: '2026-11-01T11:00:00.000Z',
        },
      ]);
    });

    it('narrows to one agent, and leaves team-wide rates out', async () => {
      const { body } = await metrics('from=2026-11-01&to=2026-11-02&agent=a-lina');
      assert.equal(body.period.agent, 'a-lina');
      assert.equal(body.totals.conversations, 2); // C2 C7
      assert.equal(body.totals.csat.average, 3);
      assert.deepEqual(body.totals.firstResponseSeconds, { p50: 45, p90: 57, count: 2 });
      assert.deepEqual(body.totals.handlingSeconds, { p50: 600, p90: 600, count: 2 });
      assert.deepEqual(body.totals.reopen, { count: 2, of: 2, rate: 1 });
      assert.equal(body.totals.selfService, null);
      assert.equal(body.totals.botToHuman, null);
      assert.equal(body.totals.queueAbandon, null);
    });

    it('answers an empty period and one without ratings with zeros and nulls, not errors', async () => {
      const empty = (await metrics('from=2026-10-01&to=2026-10-02')).body;
      assert.equal(empty.totals.conversations, 0);
      assert.equal(empty.totals.csat.average, null);
      assert.deepEqual(empty.totals.selfService, { count: 0, of: 0, rate: null });
      assert.deepEqual(empty.totals.firstResponseSeconds, { p50: null, p90: null, count: 0 });
      assert.equal(empty.days.length, 2);
      assert.deepEqual(empty.knowledgeGaps, []);
      assert.deepEqual(empty.articles, []);
      const unrated = (await metrics('from=2026-11-01T10:00:00Z&to=2026-11-01T12:00:00Z')).body;
      assert.equal(unrated.totals.conversations, 2); // C3 C4
      assert.equal(unrated.totals.csat.responses, 0);
      assert.equal(unrated.totals.csat.average, null);
      assert.deepEqual(unrated.totals.csat.responseRate, { count: 0, of: 0, rate: null });
      assert.deepEqual(
        unrated.days.map((d: { day: string }) => d.day),
        ['2026-11-01'],
      );
    });

    it('counts days in the given time zone', async () => {
      const { body } = await metrics('from=2026-11-01&to=2026-11-01&tz=Asia/Shanghai');
      // 2026-10-31T16:00Z to 2026-11-01T16:00Z: C0 (20:00Z = 04:00 local) to C2 (15:00Z = 23:00 local).
      assert.equal(body.period.from, '2026-10-31T16:00:00.000Z');
      assert.equal(body.totals.conversations, 5); // C0 C1 C2 C3 C4
      assert.deepEqual(
        body.days.map((d: { day: string }) => d.day),
        ['2026-11-01'],
      );
    });

    it('exports CSV, with hostile cells defused', async () => {
      const days = await metrics('from=2026-11-01&to=2026-11-02&format=csv');
      assert.equal(days.status, 200);
      assert.match(String(days.res.headers['content-type']), /^text\/csv/);
      assert.match(String(days.res.headers['content-disposition']), /attachment; filename="metrics-days-2026-11-01/);
      const lines = String(days.body).trim().split('\r\n');
      assert.equal(lines[0]?.split(',')[0], 'day');
      assert.equal(lines.length, 4);
      assert.equal(lines[3], 'total,7,5,3.67,3,0.75,60,108,600,1560,0.1429,0.6667,0.4286,0.4,0.25');
      const gaps = await metrics('from=2026-11-01&to=2026-11-02&table=gaps', lina, { accept: 'text/csv' });
      assert.ok(String(gaps.body).includes('cmd c calc a1,1,1,1,1,"\'=cmd|""/c calc""!A1",'), String(gaps.body));
    });

    it('is for admins only, and says clearly what is wrong with a query', async () => {
      assert.equal((await metrics('', wei)).status, 403);
      assert.equal((await metrics('', '')).status, 401);
      const cases: [string, RegExp][] = [
        ['from=2026-13-01', /from must be a date/],
        ['from=2026-02-30', /from must be a date/],
        ['to=yesterday!!', /to must be a date/],
        ['from=2026-11-02&to=2026-11-01', /from must be before to/],
        ['from=2024-01-01&to=2026-01-01', /at most 366 days/],
        ['agent=nobody', /No agent/],
        ['tz=Mars/Olympus', /tz must be an IANA time zone/],
        ['format=xml', /format/],
        ['colour=blue', /additional|colour/],
      ];
      for (const [query, message] of cases) {
        const { status, body } = await metrics(query);
        assert.equal(status, 400, query);
        assert.equal(body.error.code, 'invalid', query);
        assert.match(body.error.message, message, query);
      }
      const ok = await metrics('');
      assert.equal(ok.status, 200);
      assert.equal(ok.body.days.length, 31, 'the last 30 days by default, touching 31 calendar days');
    });

    it('moves with a conversation played through the API: hand-off, an answer, a rating of 2, a gap', async () => {
      const token = await s.customer('played', { name: 'Played' });
      const auth = { authorization: `Bearer ${token}` };
      const send = async (text: string, conversationId?: string) => {
        const res = await s.app.inject({
          method: 'POST',
          url: '/api/conversations/messages',
          headers: auth,
          payload: {
            clientId: crypto.randomUUID(),
            text,
            attachments: [],
            context: { locale: 'en' },
            ...(conversationId && { conversationId }),
          },
        });
        assert.equal(res.statusCode, 200, res.body);
        return (res.json() as { conversationId: string }).conversationId;
      };
      const before = (await metrics('')).body.totals;
      const id = await send('Do you sell purple giraffe saddles');
      await s.app.inject({
        method: 'PUT',
        url: '/api/desk/presence',
        headers: { cookie: lina },
        payload: { status: 'online' },
      });
      const human = await s.app.inject({
        method: 'POST',
        url: `/api/conversations/${id}/human`,
        headers: auth,
        payload: { reason: 'customer asked', priority: 'normal', context: { locale: 'en' }, transcript: [] },
      });
      assert.equal(human.json().status, 'queued', human.body);
      const desk = (path: string, payload: object) =>
        s.app.inject({ method: 'POST', url: `/api/desk/${path}`, headers: { cookie: lina }, payload });
      assert.equal((await desk(`conversations/${id}/assign`, {})).statusCode, 200);
      assert.equal(
        (await desk(`conversations/${id}/messages`, { clientId: 'reply-1', text: 'We do not, sorry.' })).statusCode,
        200,
      );
      assert.equal((await desk(`conversations/${id}/close`, {})).statusCode, 204);
      const rated = await s.app.inject({
        method: 'POST',
        url: `/api/conversations/${id}/rating`,
        headers: auth,
        payload: { score: 2, tags: [] },
      });
      assert.equal(rated.statusCode, 204);

      const { totals, knowledgeGaps } = (await metrics('')).body;
      assert.equal(totals.conversations, before.conversations + 1);
      assert.equal(totals.csat.responses, before.csat.responses + 1);
      assert.equal(totals.csat.distribution[2], before.csat.distribution[2] + 1);
      assert.equal(totals.botToHuman.count, before.botToHuman.count + 1);
      assert.equal(totals.handlingSeconds.count, before.handlingSeconds.count + 1);
      assert.equal(totals.firstResponseSeconds.count, before.firstResponseSeconds.count + 1);
      const gap = knowledgeGaps.find((g: { query: string }) => g.query === 'do you sell purple giraffe saddles');
      assert.deepEqual(gap && { count: gap.count, noArticle: gap.noArticle, handedOff: gap.handedOff }, {
        count: 1,
        noArticle: 1,
        handedOff: 1,
      });
    });
  });
}
