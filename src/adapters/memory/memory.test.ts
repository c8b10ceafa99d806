import { expect } from '@open-wc/testing';
import { AdapterError, type CallContext, type ConversationEvent, type StreamState } from '../../core/adapter.js';
import type { Locale, Message } from '../../core/types.js';
import { createMemoryAdapter, type MemoryAdapter, type MemoryData } from './index.js';

const FAST: MemoryData = { latency: 0, timing: { queueStepMs: 10, agentJoinMs: 10, typingMs: 5, botDelayMs: 5 } };

const ctx = (locale: Locale = 'zh-CN', signal = new AbortController().signal): CallContext => ({ signal, locale });

let n = 0;
const send = (adapter: MemoryAdapter, text: string, locale: Locale = 'zh-CN', conversationId?: string) =>
  adapter.sendMessage(
    { clientId: `t-${++n}`, conversationId, text, attachments: [], context: { locale } },
    ctx(locale),
  );

/** Subscribes and resolves with every event up to the first one that satisfies `until`. */
const collect = (
  adapter: MemoryAdapter,
  conversationId: string,
  until: (event: ConversationEvent) => boolean,
  after = 0,
): Promise<ConversationEvent[]> =>
  new Promise((resolve, reject) => {
    const events: ConversationEvent[] = [];
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out after ${JSON.stringify(events)}`));
    }, 3000);
    const stop = adapter.subscribe(
      { conversationId, after },
      {
        event(event) {
          events.push(event);
          if (!until(event)) return;
          clearTimeout(timer);
          stop();
          resolve(events);
        },
      },
      ctx(),
    );
  });

const messages = (events: ConversationEvent[]): Message[] =>
  events.flatMap((e) => (e.type === 'message' ? [e.message] : []));

const fromRole = (role: Message['role']) => (e: ConversationEvent) => e.type === 'message' && e.message.role === role;

const rejection = async (promise: Promise<unknown>): Promise<AdapterError> => {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(AdapterError);
    return error as AdapterError;
  }
  throw new Error('expected a rejection');
};

describe('memory adapter', () => {
  it('loads a hall in the caller’s language', async () => {
    const adapter = createMemoryAdapter(FAST);
    const zh = await adapter.loadHall({}, ctx('zh-CN'));
    expect(zh.greeting).to.contain('王小明');
    expect(zh.company).to.equal('优选商城');
    expect(zh.orders.length).to.be.at.least(7);
    expect(zh.actions.length).to.be.at.least(6);
    expect(zh.recommendations.length).to.be.at.least(8);
    expect(zh.announcements.map((a) => a.level)).to.include('warning');
    expect(zh.service.humanAvailable).to.equal(true);

    const en = await adapter.loadHall({}, ctx('en'));
    expect(en.greeting).to.contain('Alex');
    expect(en.company).to.equal('Youxuan Store');
    expect(en.orders.map((o) => o.id)).to.deep.equal(zh.orders.map((o) => o.id));
    expect(en.orders[0]!.title).to.not.equal(zh.orders[0]!.title);

    const named = await adapter.loadHall({}, { ...ctx('en'), user: { id: 'u1', name: 'Dana' } });
    expect(named.greeting).to.contain('Dana');
  });

  it('records a message once however often it is sent', async () => {
    const adapter = createMemoryAdapter(FAST);
    const message = { clientId: 'same', text: '你好', attachments: [], context: { locale: 'zh-CN' as const } };
    const first = await adapter.sendMessage(message, ctx());
    const again = await adapter.sendMessage({ ...message, conversationId: first.conversationId }, ctx());
    expect(again).to.deep.equal(first);
    expect(adapter.records.messages).to.have.length(1);
    const events = await collect(adapter, first.conversationId, fromRole('bot'));
    expect(messages(events).filter((m) => m.clientId === 'same')).to.have.length(1);
  });

  for (const [locale, question] of [
    ['zh-CN', '我的快递到哪了'],
    ['en', 'where is my package'],
  ] as const) {
    it(`echoes "${question}" and answers it from the knowledge base`, async () => {
      const adapter = createMemoryAdapter(FAST);
      const receipt = await send(adapter, question, locale);
      const events = await collect(adapter, receipt.conversationId, fromRole('bot'));
      const [echo, answer] = messages(events);
      expect(echo).to.include({ role: 'customer', clientId: receipt.clientId, text: question, seq: receipt.seq });
      expect(events.some((e) => e.type === 'typing' && e.typing)).to.equal(true);
      expect(answer!.seq).to.be.greaterThan(echo!.seq);
      expect(answer!.cards?.[0]).to.include({ type: 'article', articleId: 'tracking-status' });
      expect(answer!.text).to.equal((answer!.cards?.[0] as { summary: string }).summary);
    });
  }

  it('offers suggested questions when nothing matches', async () => {
    const adapter = createMemoryAdapter(FAST);
    const receipt = await send(adapter, '🦄🦄🦄', 'en');
    const [, fallback] = messages(await collect(adapter, receipt.conversationId, fromRole('bot')));
    expect(fallback!.text).to.contain('Human agent');
    const replies = fallback!.cards?.[0];
    expect(replies?.type).to.equal('replies');
    expect((replies as { replies: string[] }).replies.length).to.be.within(2, 3);
  });

  it('replays only what comes after the cursor, in seq order', async () => {
    const adapter = createMemoryAdapter(FAST);
    const first = await send(adapter, '退款多久到账');
    const cursor = messages(await collect(adapter, first.conversationId, fromRole('bot'))).at(-1)!.seq;
    const second = await send(adapter, '怎么开发票', 'zh-CN', first.conversationId);
    const events = await collect(adapter, first.conversationId, fromRole('bot'), cursor);
    const seqs = messages(events).map((m) => m.seq);
    expect(seqs[0]).to.be.greaterThan(cursor);
    expect(messages(events)[0]!.clientId).to.equal(second.clientId);
    expect(seqs).to.deep.equal([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).to.equal(seqs.length);
  });

  it('treats an unknown conversation id as a new, empty conversation', async () => {
    const adapter = createMemoryAdapter(FAST);
    const states: StreamState[] = [];
    const events: ConversationEvent[] = [];
    const stop = adapter.subscribe(
      { conversationId: 'kept-from-last-visit', after: 4 },
      { event: (e) => events.push(e), state: (s) => states.push(s) },
      ctx(),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(states).to.deep.equal(['open']);
    expect(events).to.deep.equal([]);
    const receipt = await send(adapter, '你好', 'zh-CN', 'kept-from-last-visit');
    expect(receipt.conversationId).to.equal('kept-from-last-visit');
    expect(events.map((e) => e.type)).to.include('message');
    stop();
  });

  it('stops delivering after unsubscribe or abort', async () => {
    const adapter = createMemoryAdapter(FAST);
    const receipt = await send(adapter, '我的快递到哪了');
    const seen: ConversationEvent[] = [];
    const stop = adapter.subscribe(
      { conversationId: receipt.conversationId, after: receipt.seq },
      { event: (e) => seen.push(e) },
      ctx(),
    );
    stop();
    const controller = new AbortController();
    adapter.subscribe(
      { conversationId: receipt.conversationId, after: receipt.seq },
      { event: (e) => seen.push(e) },
      ctx('zh-CN', controller.signal),
    );
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(seen).to.deep.equal([]);
    // The bot's answer was held, not lost, and reaches the next listener.
    const events = await collect(adapter, receipt.conversationId, fromRole('bot'), receipt.seq);
    expect(messages(events)[0]!.role).to.equal('bot');
  });

  it('queues a hand-off, counts down, and the agent joins with the context', async () => {
    const adapter = createMemoryAdapter(FAST);
    const receipt = await send(adapter, 'my parcel is late', 'en');
    const done = collect(adapter, receipt.conversationId, fromRole('agent'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const response = await adapter.requestHuman(
      {
        conversationId: receipt.conversationId,
        reason: 'late delivery',
        priority: 'normal',
        context: { locale: 'en', orderId: 'YX58190385' },
        transcript: [],
      },
      ctx('en'),
    );
    expect(response).to.include({ status: 'queued', position: 3 });
    const events = await done;
    const positions = events.flatMap((e) => (e.type === 'queue' ? [e.position] : []));
    expect(positions).to.deep.equal([3, 2, 1]);
    const joined = events.find((e) => e.type === 'agent');
    expect(joined).to.deep.include({ status: 'joined' });
    const greeting = messages(events).at(-1)!;
    expect(greeting.text).to.contain('YX58190385').and.contain('late delivery');
    expect(greeting.author?.name).to.equal((joined as { agent: { name: string } }).agent.name);
    expect(adapter.records.humanRequests).to.have.length(1);

    // From now on the agent answers, not the bot.
    const next = await send(adapter, 'it says delivered but I have nothing', 'en', receipt.conversationId);
    const reply = messages(await collect(adapter, receipt.conversationId, fromRole('agent'), next.seq));
    expect(reply.map((m) => m.role)).to.deep.equal(['agent']);

    const bye = await send(adapter, 'thanks!', 'en', receipt.conversationId);
    const closing = await collect(adapter, receipt.conversationId, (e) => e.type === 'closed', bye.seq);
    expect(closing.at(-1)).to.deep.equal({ type: 'closed', by: 'agent' });
  });

  it('puts VIP customers at the front and prefers their last agent', async () => {
    const adapter = createMemoryAdapter({ ...FAST, customer: { id: 'v', name: 'Vera', tier: 'vip' } });
    const receipt = await send(adapter, '人工', 'zh-CN');
    const request = {
      conversationId: receipt.conversationId,
      reason: '',
      priority: 'normal' as const,
      context: { locale: 'zh-CN' as const },
      transcript: [],
      preferredAgentId: 'a-zhoujie',
    };
    expect(await adapter.requestHuman(request, ctx())).to.include({ status: 'queued', position: 1 });
    const events = await collect(adapter, receipt.conversationId, fromRole('agent'));
    expect(events.find((e) => e.type === 'agent')).to.deep.include({ agent: { id: 'a-zhoujie', name: '周杰' } });
    // The bot kept quiet about "人工": the client hands that to a person.
    expect(messages(events).map((m) => m.role)).to.deep.equal(['customer', 'agent']);
  });

  it('lets the customer leave the queue and end the conversation', async () => {
    const adapter = createMemoryAdapter({ ...FAST, timing: { ...FAST.timing, queueStepMs: 30 } });
    const receipt = await send(adapter, 'hello', 'en');
    const request = {
      conversationId: receipt.conversationId,
      reason: '',
      priority: 'normal' as const,
      context: { locale: 'en' as const },
      transcript: [],
    };
    await adapter.requestHuman(request, ctx('en'));
    await adapter.cancelHuman(receipt.conversationId, ctx('en'));
    await adapter.endConversation(receipt.conversationId, ctx('en'));
    const events = await collect(adapter, receipt.conversationId, (e) => e.type === 'closed');
    expect(events.some((e) => e.type === 'agent')).to.equal(false);
    expect(events.at(-1)).to.deep.equal({ type: 'closed', by: 'customer' });
  });

  it('answers a hand-off with "offline" when no agent is on duty', async () => {
    const adapter = createMemoryAdapter(FAST);
    adapter.setService({ humanAvailable: false });
    const request = {
      conversationId: 'c',
      reason: '',
      priority: 'normal' as const,
      context: { locale: 'en' as const },
      transcript: [],
    };
    const response = await adapter.requestHuman(request, ctx('en'));
    expect(response.status).to.equal('offline');
    expect(Date.parse((response as { nextOpenAt: string }).nextOpenAt)).to.be.greaterThan(Date.now());
    expect((await adapter.loadHall({}, ctx())).service.humanAvailable).to.equal(false);
    adapter.setService({ humanAvailable: true });
    expect((await adapter.requestHuman(request, ctx('en'))).status).to.equal('queued');

    const closed = createMemoryAdapter({
      ...FAST,
      service: { humanAvailable: false, nextOpenAt: '2031-01-01T01:00:00Z' },
    });
    expect(await closed.requestHuman(request, ctx('en'))).to.deep.equal({
      status: 'offline',
      nextOpenAt: '2031-01-01T01:00:00Z',
    });
  });

  it('runs self-service actions with realistic results and refusals', async () => {
    const adapter = createMemoryAdapter(FAST);
    const run = (actionId: string, input: Record<string, unknown>) => adapter.runAction({ actionId, input }, ctx('en'));

    const tracked = await run('track', { orderId: 'YX58190385' });
    expect(tracked.ok).to.equal(true);
    expect(tracked.card).to.include({ type: 'result', ok: true });
    expect((tracked.card as { lines: string[] }).lines).to.have.length(4);

    expect((await run('cancel', { orderId: 'YX58190385', reason: 'mistake' })).ok).to.equal(false);
    expect((await run('address', { orderId: 'YX58190385', address: 'x', phone: '1' })).ok).to.equal(false);
    expect((await run('cancel', { orderId: 'YX58203147', reason: 'mistake' })).ok).to.equal(true);
    const hall = await adapter.loadHall({}, ctx('zh-CN'));
    expect(hall.orders.find((o) => o.id === 'YX58203147')?.status).to.equal('cancelled');

    const refund = await run('refund', { orderId: 'YX58176402', reason: 'damaged' });
    expect(refund.message).to.match(/R\d{12}/);
    const invoice = await run('invoice', { orderId: 'YX58121079', type: 'personal', email: 'a@b.co' });
    expect(invoice.message).to.contain('a@b.co');

    expect((await rejection(run('track', { orderId: 'nope' }))).status).to.equal(422);
    const missing = await rejection(run('refund', { orderId: 'YX58176402' }));
    expect(missing).to.include({ code: 'rejected', status: 422 });
    expect((await rejection(run('teleport', {}))).status).to.equal(404);
    expect(adapter.records.actions).to.have.length(9);
  });

  it('posts an action’s result into the conversation it was run from, and nowhere without one', async () => {
    const adapter = createMemoryAdapter(FAST);
    const { conversationId } = await send(adapter, '人工', 'en');
    const run = (actionId: string, input: Record<string, unknown>, id?: string) =>
      adapter.runAction({ actionId, input, conversationId: id }, ctx('en'));
    await run('track', { orderId: 'YX58190385' });
    const tracked = await run('track', { orderId: 'YX58190385' }, conversationId);
    const refused = await run('cancel', { orderId: 'YX58190385', reason: 'mistake' }, conversationId);
    await rejection(run('track', { orderId: 'nope' }, conversationId));

    const events = await collect(adapter, conversationId, (e) => e.type === 'message' && e.message.seq === 3);
    const bot = messages(events).filter((m) => m.role === 'bot');
    expect(bot.map((m) => m.text)).to.deep.equal([tracked.message, refused.message]);
    expect(bot[0]!.cards).to.deep.equal([tracked.card]);
    expect(bot[1]!.cards).to.deep.equal([{ type: 'result', ok: false, title: 'Cancel order' }]);
    expect(bot[0]!.author?.name).to.equal('Youxuan Assistant');
  });

  it('issues ticket receipts and records ratings and events', async () => {
    const adapter = createMemoryAdapter(FAST);
    const ticket = {
      category: 'delivery',
      description: 'late',
      contact: 'a@b.co',
      attachments: [],
      context: { locale: 'en' as const },
    };
    const receipt = await adapter.submitTicket(ticket, ctx());
    expect(receipt.id).to.match(/^T\d{8}\d{4}$/);
    expect(receipt.status).to.equal('open');
    expect((await adapter.submitTicket(ticket, ctx())).id).to.not.equal(receipt.id);
    await adapter.rate({ conversationId: 'c', score: 5, tags: [] }, ctx());
    await adapter.track([{ type: 'unrated', at: new Date().toISOString() }], ctx());
    expect(adapter.records.tickets).to.have.length(2);
    expect(adapter.records.ratings).to.have.length(1);
    expect(adapter.records.tracked[0]?.type).to.equal('unrated');
  });

  it('serves the knowledge base', async () => {
    const adapter = createMemoryAdapter(FAST);
    const { articles } = await adapter.loadKnowledge(ctx('en'));
    expect(articles.length).to.be.at.least(150);
    expect(articles.every((a) => a.body === undefined && a.title)).to.equal(true);
    const full = await adapter.getArticle('refund-time', ctx('en'));
    expect(full.body).to.contain('**').and.contain('https://');
    expect((await rejection(adapter.getArticle('missing', ctx()))).status).to.equal(404);
    const hits = await adapter.searchArticles('发票', ctx('zh-CN'));
    expect(hits[0]?.tags).to.include('invoices');
  });

  it('uploads with progress and returns a previewable attachment', async () => {
    const adapter = createMemoryAdapter(FAST);
    const progress: number[] = [];
    const file = new File(['png'], 'photo.png', { type: 'image/png' });
    const attachment = await adapter.uploadAttachment({ file, onProgress: (r) => progress.push(r) }, ctx());
    expect(attachment).to.include({ name: 'photo.png', size: 3, type: 'image/png' });
    expect(attachment.url).to.match(/^blob:/);
    expect(progress.at(-1)).to.equal(1);
    expect(progress).to.deep.equal([...progress].sort((a, b) => a - b));
  });

  it('rejects as aborted when the signal aborts', async () => {
    const adapter = createMemoryAdapter({ latency: 50 });
    const controller = new AbortController();
    const pending = adapter.loadHall({}, ctx('en', controller.signal));
    setTimeout(() => controller.abort(), 5);
    expect((await rejection(pending)).code).to.equal('aborted');
    expect((await rejection(adapter.loadKnowledge(ctx('en', AbortSignal.abort())))).code).to.equal('aborted');
  });

  it('serves given data in place of the sample, tolerating junk', async () => {
    const adapter = createMemoryAdapter({
      ...FAST,
      orders: [],
      articles: [
        { id: 'a', title: 'Gift wrapping', summary: 'Add gift wrapping at checkout.' },
        { id: 'a', title: 'Duplicate' },
        null as never,
      ],
      greeting: 'Welcome back, {name}',
      company: 'Acme',
    });
    const hall = await adapter.loadHall({}, ctx('en'));
    expect(hall.orders).to.deep.equal([]);
    expect(hall.greeting).to.equal('Welcome back, Alex Chen');
    expect(hall.company).to.equal('Acme');
    expect(hall.actions.length).to.be.at.least(6);
    expect((await adapter.loadKnowledge(ctx('zh-CN'))).articles.map((a) => a.id)).to.deep.equal(['a']);
    const receipt = await send(adapter, 'gift wrapping', 'en');
    const [, answer] = messages(await collect(adapter, receipt.conversationId, fromRole('bot')));
    expect(answer!.cards?.[0]).to.include({ articleId: 'a' });
  });

  it('keeps every adapter independent', async () => {
    const one = createMemoryAdapter(FAST);
    const two = createMemoryAdapter(FAST);
    const receipt = await send(one, '你好');
    await one.runAction({ actionId: 'cancel', input: { orderId: 'YX58203147', reason: 'mistake' } }, ctx());
    const states: StreamState[] = [];
    const events: ConversationEvent[] = [];
    const stop = two.subscribe(
      { conversationId: receipt.conversationId, after: 0 },
      { event: (e) => events.push(e), state: (s) => states.push(s) },
      ctx(),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop();
    expect(states).to.deep.equal(['open']);
    expect(events).to.deep.equal([]);
    expect(two.records.messages).to.deep.equal([]);
    expect((await two.loadHall({}, ctx())).orders.find((o) => o.id === 'YX58203147')?.status).to.equal('unpaid');
  });
});
