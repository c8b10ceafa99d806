import { expect } from '@open-wc/testing';
import type { HumanRequest, OutgoingMessage, TrackedEvent } from '../core/adapter.js';
import type { Agent, Message } from '../core/types.js';
import { createSession, type Session, type SessionEvents, type SessionOptions } from './session.js';
import {
  createTestAdapter,
  rejectedError,
  until,
  watchRejections,
  type Echo,
  type TestAdapter,
} from './test-adapter.js';

const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));
/** Stream events of one task are applied together, in a microtask. */
const applied = () => Promise.resolve();

describe('session', () => {
  let fake: TestAdapter;
  let sessions: Session[];
  let rejections: () => unknown[];
  const setup = (echo: Echo = 'after') => {
    fake = createTestAdapter(echo);
  };
  const open = (options: Partial<SessionOptions> = {}) => {
    const session = createSession({
      adapter: fake.adapter,
      locale: 'en',
      storage: null,
      retry: { baseMs: 1 },
      ...options,
    });
    sessions.push(session);
    return session;
  };
  const record = <K extends keyof SessionEvents>(session: Session, event: K) => {
    const seen: SessionEvents[K][] = [];
    session.on(event, (detail) => seen.push(detail));
    return seen;
  };
  const texts = (session: Session) => session.$messages.get().map((m) => m.text);
  /** Opens a session with a conversation that has one confirmed customer message. */
  const started = async (options: Partial<SessionOptions> = {}) => {
    const session = open(options);
    session.send('hello');
    await until(() => session.$messages.get()[0]?.delivery === 'sent' && fake.subscriptions.some((s) => s.open));
    return session;
  };
  const message = (seq: number, extra: Partial<Message> = {}): Message => ({
    id: `s${seq}`,
    seq,
    conversationId: 'c1',
    role: 'bot',
    text: `bot ${seq}`,
    createdAt: new Date(seq * 1000).toISOString(),
    ...extra,
  });

  beforeEach(() => {
    setup();
    sessions = [];
    rejections = watchRejections();
  });
  afterEach(async () => {
    sessions.forEach((s) => s.destroy());
    await tick();
    expect(rejections()).to.deep.equal([]);
  });

  describe('messages', () => {
    for (const echo of ['before', 'after'] as const) {
      it(`shows a message once when the echo comes ${echo} the receipt`, async () => {
        setup(echo);
        const session = open();
        const seen = record(session, 'message');
        session.send('one');
        await until(() => fake.subscriptions.length);
        session.send('two');
        session.send('three');
        await until(() => session.$messages.get().every((m) => m.delivery === 'sent') && fake.stored.length === 3);
        await tick();
        expect(texts(session)).to.deep.equal(['one', 'two', 'three']);
        expect(seen.map((e) => e.message.text)).to.deep.equal(['one', 'two', 'three']);
        expect(session.$messages.get().map((m) => m.seq)).to.deep.equal([1, 2, 3]);
      });
    }

    it('keeps order and uniqueness when stream events come out of order or twice', async () => {
      const session = await started();
      const seen = record(session, 'message');
      for (const seq of [4, 3, 4, 2, 3]) fake.push({ type: 'message', message: message(seq) });
      await applied();
      expect(session.$messages.get().map((m) => m.seq)).to.deep.equal([1, 2, 3, 4]);
      expect(seen).to.have.length(3);
      expect(session.$conversation.get().lastSeq).to.equal(4);
    });

    it('shows a message with an unknown role as system text, and survives a malformed event', async () => {
      const session = await started();
      const errors = record(session, 'error');
      fake.push({
        type: 'message',
        message: message(2, { role: 'robot' as Message['role'], text: 42 as unknown as string }),
      });
      fake.push({ type: 'message', message: null as unknown as Message });
      fake.push({ type: 'agent', status: 'joined', agent: null as unknown as Agent });
      await applied();
      expect(session.$messages.get()[1]).to.include({ role: 'system', text: '42' });
      expect(errors.map((e) => e.error.code)).to.deep.equal(['malformed', 'malformed']);
      expect(session.$messages.get()).to.have.length(2);
    });

    it('counts bot and agent messages as unread while the panel is closed', async () => {
      const session = await started();
      const unread = record(session, 'unread');
      fake.push({ type: 'message', message: message(2) });
      fake.push({ type: 'message', message: message(3, { role: 'agent' }) });
      fake.push({ type: 'message', message: message(3, { role: 'agent' }) });
      await applied();
      expect(session.$unread.get()).to.equal(2);
      session.setVisible(true);
      expect(session.$unread.get()).to.equal(0);
      fake.push({ type: 'message', message: message(4) });
      await applied();
      expect(session.$unread.get()).to.equal(0);
      // One count per batch of stream events.
      expect(unread.map((u) => u.count)).to.deep.equal([2, 0]);
    });

    it('shows typing, queue, agent and closed events', async () => {
      const session = await started();
      const queue = record(session, 'queue');
      fake.push({ type: 'typing', typing: true, author: { name: 'Ann' } });
      await applied();
      expect(session.$typing.get()).to.deep.equal({ name: 'Ann' });
      fake.push({ type: 'message', message: message(2, { role: 'agent' }) });
      await applied();
      expect(session.$typing.get()).to.equal(null);
      // Events of one batch keep their order: typing that follows a reply shows.
      fake.push({ type: 'message', message: message(3, { role: 'agent' }) });
      fake.push({ type: 'typing', typing: true, author: { name: 'Ann' } });
      await applied();
      expect(session.$typing.get()).to.deep.equal({ name: 'Ann' });
      fake.push({ type: 'queue', position: 2, etaSeconds: 30 });
      await applied();
      expect(session.$human.get()).to.include({ status: 'queued', position: 2 });
      expect(queue).to.deep.equal([{ position: 2, etaSeconds: 30 }]);
      fake.push({ type: 'agent', status: 'joined', agent: { id: 'ag1', name: 'Ann' } });
      await applied();
      expect(session.$human.get()).to.include({ status: 'connected' });
      // Nothing after the end of the conversation is applied, even from the same batch.
      fake.push({ type: 'closed', by: 'agent' });
      fake.push({ type: 'message', message: message(4) });
      await applied();
      expect(session.$messages.get().map((m) => m.seq)).to.not.include(4);
      expect(session.$conversation.get().status).to.equal('ended');
      expect(session.$human.get().status).to.equal('ended');
    });

    it('tells the agent when the customer types: only while an agent has it, only changes', async () => {
      const session = await started();
      const typing = () => fake.callsOf('sendTyping').map((c) => c.input);
      session.$draft.set('before anyone joined');
      session.$draft.set('');
      expect(typing(), 'nobody to tell yet').to.deep.equal([]);
      fake.push({ type: 'agent', status: 'joined', agent: { id: 'ag1', name: 'Ann' } });
      await applied();
      session.$draft.set('W');
      session.$draft.set('Wh');
      session.$draft.set('Where');
      session.$draft.set('  ');
      session.$draft.set('Where is it');
      session.send(session.$draft.get());
      const conversationId = session.$conversation.get().id;
      expect(typing()).to.deep.equal([
        { conversationId, typing: true },
        { conversationId, typing: false },
        { conversationId, typing: true },
        { conversationId, typing: false },
      ]);
    });

    it('notes an agent joining and leaving in the list, once per change, and leaves notices out of the transcript', async () => {
      const session = await started();
      const seen = record(session, 'message');
      const ann = { id: 'ag1', name: 'Ann' };
      fake.push({ type: 'agent', status: 'joined', agent: ann });
      // Announced again at the same point (a reconnection): nothing new.
      fake.push({ type: 'agent', status: 'joined', agent: ann });
      fake.push({ type: 'message', message: message(2, { role: 'agent' }) });
      // A stream that states the current agent on every connection, after a reply: still nothing new.
      fake.push({ type: 'agent', status: 'joined', agent: ann });
      fake.push({ type: 'agent', status: 'left', agent: ann });
      await applied();
      const notices = session.$messages.get().map((m) => m.notice ?? m.seq);
      expect(notices).to.deep.equal([1, { kind: 'agent-joined', name: 'Ann' }, 2, { kind: 'agent-left', name: 'Ann' }]);
      const joined = session.$messages.get()[1]!;
      expect(joined).to.include({ role: 'system', text: '', seq: 1, conversationId: 'c1', delivery: 'sent' });
      expect(joined.author).to.deep.equal(ann);
      expect(seen.map((e) => e.message.seq)).to.deep.equal([2]);
      expect(session.$unread.get()).to.equal(1);

      await session.requestHuman();
      const { transcript } = fake.callsOf('requestHuman')[0]!.input as HumanRequest;
      expect(transcript.map((t) => t.role)).to.deep.equal(['customer', 'agent']);
    });

    it('drops queued events of a subscription that was replaced', async () => {
      const session = await started();
      fake.push({ type: 'message', message: message(2) });
      await session.end();
      await applied();
      expect(texts(session)).to.deep.equal(['hello']);
      expect(session.$conversation.get().lastSeq).to.be.below(2);
    });

    it('reflects the stream state in $connection', async () => {
      const session = await started();
      const { sink } = fake.subscriptions[0]!;
      sink.state?.('reconnecting');
      expect(session.$connection.get()).to.equal('reconnecting');
      sink.state?.('open');
      expect(session.$connection.get()).to.equal('online');
    });

    it('starts a new conversation with an empty list after the previous one ended', async () => {
      const session = await started();
      await session.end();
      expect(fake.callsOf('endConversation')).to.have.length(1);
      fake.delay('sendMessage', 0);
      session.send('again');
      // The fake server opens c2 because the client sends no conversation id.
      await until(() => session.$conversation.get().id === 'c2');
      expect(texts(session)).to.deep.equal(['again']);
    });
  });

  describe('human hand-off', () => {
    it('goes straight to a human when the customer asks for one', async () => {
      const session = open({ user: { id: 'u1', tier: 'vip' } });
      const escalations = record(session, 'escalate');
      session.selectOrder('o1');
      session.send('I want to talk to a human');
      await until(() => session.$human.get().status === 'queued');
      expect(fake.stored.map((m) => m.text)).to.deep.equal(['I want to talk to a human']);
      const request = fake.callsOf('requestHuman')[0]!.input as HumanRequest;
      expect(request).to.deep.include({ conversationId: 'c1', reason: 'customer asked', priority: 'high' });
      expect(request.context).to.include({ locale: 'en', orderId: 'o1', tier: 'vip' });
      expect(request.transcript.map((t) => t.text)).to.deep.equal(['I want to talk to a human']);
      expect(escalations).to.deep.equal([{ reason: 'customer asked', priority: 'high', sentiment: undefined }]);
      expect(session.$human.get()).to.include({ position: 3, etaSeconds: 120 });
    });

    it('opens a conversation with the reason when there is none', async () => {
      const session = open({ locale: 'zh-CN' });
      const response = await session.requestHuman();
      expect(response?.status).to.equal('queued');
      expect(fake.stored.map((m) => m.text)).to.deep.equal(['转人工']);
      expect(session.$recent.get()).to.deep.equal([]);
    });

    it('offers a human to an angry customer and escalates with high priority', async () => {
      const session = open();
      session.send('This is ridiculous!!!');
      expect(session.$notice.get()).to.deep.equal({ kind: 'offer-human', sentiment: 'angry' });
      await until(() => session.$messages.get()[0]?.delivery === 'sent');
      const escalations = record(session, 'escalate');
      await session.requestHuman('button');
      expect(session.$notice.get()).to.equal(null);
      expect(escalations[0]).to.deep.equal({ reason: 'button', priority: 'high', sentiment: 'angry' });
      expect((fake.callsOf('requestHuman')[0]!.input as HumanRequest).context.sentiment).to.equal('angry');
      expect((fake.callsOf('sendMessage')[0]!.input as OutgoingMessage).context.sentiment).to.equal('angry');
    });

    it('warns about personal data in the draft', () => {
      const session = open();
      session.$draft.set('my id 11010519491231002X');
      expect(session.$notice.get()?.kind).to.equal('sensitive');
      session.$draft.set('hello');
      expect(session.$notice.get()).to.equal(null);
    });

    it('shows the ticket path when no agent is online, and prefers the last agent', async () => {
      const session = await started();
      fake.push({ type: 'agent', status: 'joined', agent: { id: 'ag7', name: 'Bo' } });
      fake.push({ type: 'closed' });
      await applied();
      fake.respondHuman({ status: 'offline', nextOpenAt: '2030-01-01T09:00:00Z' });
      await session.requestHuman('help');
      expect(session.$human.get()).to.include({ status: 'offline', nextOpenAt: '2030-01-01T09:00:00Z' });
      expect((fake.callsOf('requestHuman')[0]!.input as HumanRequest).preferredAgentId).to.equal('ag7');
    });

    it('does not ask twice while waiting, and cancels', async () => {
      const session = await started();
      await session.requestHuman();
      expect(await session.requestHuman()).to.equal(undefined);
      expect(fake.callsOf('requestHuman')).to.have.length(1);
      await session.cancelHuman();
      expect(session.$human.get().status).to.equal('none');
      expect(fake.callsOf('cancelHuman')).to.have.length(1);
    });

    it('falls back to none and reports when the request fails', async () => {
      const session = await started();
      const errors = record(session, 'error');
      fake.fail('requestHuman', rejectedError(409));
      expect(await session.requestHuman()).to.equal(undefined);
      expect(session.$human.get().status).to.equal('none');
      expect(errors.map((e) => e.operation)).to.deep.equal(['requestHuman']);
    });
  });

  describe('rating', () => {
    it('rates a conversation once, and each article once', async () => {
      const session = await started();
      const ratings = record(session, 'rating');
      await session.end();
      await Promise.all([session.rate({ score: 5, tags: [] }), session.rate({ score: 1, tags: [] })]);
      await session.rate({ articleId: 'a1', score: 0, tags: [] });
      await session.rate({ articleId: 'a1', score: 1, tags: [] });
      await session.rate({ articleId: 'a2', score: 1, tags: [] });
      expect(fake.callsOf('rate').map((c) => c.input)).to.deep.equal([
        { score: 5, tags: [], conversationId: 'c1' },
        { articleId: 'a1', score: 0, tags: [] },
        { articleId: 'a2', score: 1, tags: [] },
      ]);
      expect(ratings).to.have.length(3);
      expect(session.$articleVotes.get()).to.deep.equal({ a1: 'no', a2: 'yes' });
      expect(session.$conversation.get().rated).to.equal(true);
      // "Not helpful" offers a person.
      expect(session.$notice.get()?.kind).to.equal('offer-human');
    });

    it('allows a second try when the rating failed', async () => {
      const session = await started();
      await session.end();
      fake.fail('rate', rejectedError(500), rejectedError(500));
      await session.rate({ score: 5, tags: [] });
      expect(session.$conversation.get().rated).to.equal(false);
      await session.rate({ articleId: 'a1', score: 1, tags: [] });
      expect(session.$articleVotes.get()).to.deep.equal({});
      await session.rate({ score: 5, tags: [] });
      await session.rate({ articleId: 'a1', score: 1, tags: [] });
      expect(fake.callsOf('rate')).to.have.length(4);
      expect(session.$articleVotes.get()).to.deep.equal({ a1: 'yes' });
    });
  });

  describe('signals', () => {
    const signals = (session: Session) => {
      const seen = record(session, 'signal');
      return () => seen.map((s) => s.type);
    };
    const tracked = () => fake.callsOf('track').flatMap((c) => (c.input as TrackedEvent[]).map((e) => e.type));

    it('emits bot-to-human after a bot answer and batches signals to track on page hide', async () => {
      const session = await started();
      const types = signals(session);
      fake.reply('c1', 'Here is an article');
      await applied();
      await session.requestHuman();
      expect(types()).to.deep.equal(['bot-to-human']);
      expect(tracked()).to.deep.equal([]);
      window.dispatchEvent(new Event('pagehide'));
      // Still queued when the page goes: the queue is abandoned.
      expect(types()).to.deep.equal(['bot-to-human', 'queue-abandoned']);
      expect(tracked()).to.deep.equal(['bot-to-human', 'queue-abandoned']);
    });

    it('emits queue-abandoned when the customer leaves the queue', async () => {
      const session = await started();
      const types = signals(session);
      await session.requestHuman();
      await session.cancelHuman();
      expect(types()).to.deep.equal(['queue-abandoned']);
    });

    it('emits repeat-question for the same question again, and keeps recent questions', () => {
      const session = open();
      const types = signals(session);
      session.send('Where is my parcel?');
      session.send('How do I return?');
      session.send('where is my parcel');
      expect(types()).to.include('repeat-question');
      expect(session.$recent.get()).to.deep.equal(['where is my parcel', 'How do I return?']);
      for (let i = 0; i < 10; i++) session.send(`q${i}`);
      expect(session.$recent.get()).to.have.length(8);
    });

    it('emits recontact for a new conversation on the same order within a day', async () => {
      let now = 1_000_000;
      const session = open({ now: () => now });
      const types = signals(session);
      session.selectOrder('o1');
      session.send('where is it');
      await until(() => session.$conversation.get().id === 'c1');
      await session.end();
      now += 3600e3;
      session.send('still not here');
      await until(() => session.$conversation.get().id === 'c2');
      expect(types()).to.deep.equal(['recontact']);
    });

    it('emits unrated once when the rating prompt is dismissed', async () => {
      const session = await started();
      const types = signals(session);
      await session.end();
      session.dismissRating();
      session.dismissRating();
      window.dispatchEvent(new Event('pagehide'));
      expect(types()).to.deep.equal(['unrated']);
      expect(session.$conversation.get().ratingDismissed).to.equal(true);
    });

    it('emits unrated when the page hides after the agent closed without a rating', async () => {
      const session = await started();
      const types = signals(session);
      fake.push({ type: 'closed', by: 'agent' });
      await applied();
      window.dispatchEvent(new Event('pagehide'));
      expect(types()).to.deep.equal(['unrated']);
    });
  });

  describe('other actions', () => {
    it('loads the hall, reports an error state and retries on the next call', async () => {
      const session = open();
      const ready = record(session, 'ready');
      const errors = record(session, 'error');
      fake.fail('loadHall', rejectedError(500));
      await session.loadHall();
      expect(session.$hall.get()).to.include({ status: 'error' });
      expect(errors.map((e) => e.operation)).to.deep.equal(['loadHall']);
      await session.loadHall();
      expect(session.$hall.get().status).to.equal('ready');
      expect(ready).to.have.length(1);
    });

    it('runs an action in the open conversation, so that its result is posted there', async () => {
      const session = await started();
      await session.runAction('track', { orderId: 'o1' });
      await session.end();
      await session.runAction('track', { orderId: 'o1' });
      expect(fake.callsOf('runAction').map((c) => c.input)).to.deep.equal([
        { actionId: 'track', input: { orderId: 'o1' }, conversationId: 'c1' },
        { actionId: 'track', input: { orderId: 'o1' }, conversationId: undefined },
      ]);
    });

    it('loads knowledge once, and again for a new locale', async () => {
      const session = open();
      await Promise.all([session.ensureKnowledge(), session.ensureKnowledge()]);
      expect(session.$knowledge.get().map((a) => a.id)).to.deep.equal(['a1']);
      session.setLocale('zh-CN');
      await until(() => fake.callsOf('loadKnowledge').length === 2);
      expect(fake.callsOf('loadKnowledge')[1]!.ctx.locale).to.equal('zh-CN');
    });

    it('runs actions, submits tickets with context and uploads checked files', async () => {
      const session = open({ user: { id: 'u1', tier: 'gold' } });
      const actions = record(session, 'action');
      const tickets = record(session, 'ticket');
      expect(await session.runAction('track', { orderId: 'o1' })).to.deep.equal({ ok: true, message: 'done' });
      expect(actions[0]?.actionId).to.equal('track');
      const input = { category: 'refund', description: 'x', contact: 'a@b.c', attachments: [] };
      expect((await session.submitTicket(input)).id).to.equal('T-1');
      expect(tickets).to.have.length(1);
      expect((fake.callsOf('submitTicket')[0]!.input as { context: object }).context).to.include({ tier: 'gold' });
      const progress: number[] = [];
      const file = new File(['x'], 'a.png', { type: 'image/png' });
      expect((await session.upload(file, (r) => progress.push(r))).name).to.equal('a.png');
      expect(progress).to.deep.equal([1]);
      const error = await session
        .upload(new File(['<svg/>'], 'a.svg', { type: 'image/svg+xml' }))
        .catch((e: unknown) => e);
      expect(error).to.include({ code: 'rejected', reason: 'file-type' });
      expect(fake.callsOf('uploadAttachment')).to.have.length(1);
    });

    it('passes an abort signal, locale and user to every call and aborts them all on destroy', async () => {
      const session = open({ user: { id: 'u1', token: 't' } });
      fake.delay('loadHall', 1000);
      fake.delay('sendMessage', 1000);
      const hall = session.loadHall();
      session.send('hello');
      await tick();
      session.destroy();
      await hall;
      expect(fake.calls.length).to.be.greaterThan(1);
      for (const call of fake.calls) {
        expect(call.ctx.signal.aborted).to.equal(true);
        expect(call.ctx.locale).to.equal('en');
        expect(call.ctx.user?.id).to.equal('u1');
      }
      // Nothing happens after destroy.
      expect(session.send('late')).to.equal(undefined);
      window.dispatchEvent(new Event('online'));
      await tick();
      expect(fake.callsOf('sendMessage')).to.have.length(1);
    });

    it('aborts the stream on destroy', async () => {
      const session = await started();
      session.destroy();
      expect(fake.subscriptions.every((s) => !s.open)).to.equal(true);
    });

    it('dismisses announcements once', () => {
      const session = open();
      session.dismissAnnouncement('a');
      session.dismissAnnouncement('a');
      expect(session.$dismissed.get()).to.deep.equal(['a']);
    });

    it('keeps listener errors from breaking the session', async () => {
      const session = open();
      const onerror = window.onerror;
      const thrown: unknown[] = [];
      window.onerror = (_m, _s, _l, _c, error) => {
        thrown.push(error);
        return true;
      };
      session.on('message', () => {
        throw new Error('host bug');
      });
      session.send('hi');
      await until(() => session.$messages.get()[0]?.delivery === 'sent');
      await tick();
      window.onerror = onerror;
      expect(thrown.map(String)).to.deep.equal(['Error: host bug']);
    });
  });
});
