import { expect } from '@open-wc/testing';
import type { OutgoingMessage } from '../core/adapter.js';
import { backoff } from './outbox.js';
import { createSession, type Session, type SessionOptions } from './session.js';
import {
  createTestAdapter,
  createTestStorage,
  networkError,
  rejectedError,
  serverError,
  until,
  watchRejections,
  type TestAdapter,
} from './test-adapter.js';

describe('outbox', () => {
  let fake: TestAdapter;
  let sessions: Session[];
  let rejections: () => unknown[];
  const open = (options: Partial<SessionOptions> = {}) => {
    const session = createSession({
      adapter: fake.adapter,
      locale: 'en',
      storage: null,
      retry: { baseMs: 1, maxMs: 5 },
      ...options,
    });
    sessions.push(session);
    return session;
  };
  const texts = (session: Session) => session.$messages.get().map((m) => `${m.text}:${m.delivery}`);
  const sentIds = () => fake.callsOf('sendMessage').map((c) => (c.input as OutgoingMessage).clientId);

  beforeEach(() => {
    fake = createTestAdapter();
    sessions = [];
    rejections = watchRejections();
  });
  afterEach(async () => {
    sessions.forEach((s) => s.destroy());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rejections()).to.deep.equal([]);
  });

  it('computes a full-jitter exponential backoff, capped', () => {
    expect(backoff(0, 100, 1000, () => 1)).to.equal(100);
    expect(backoff(3, 100, 1000, () => 1)).to.equal(800);
    expect(backoff(6, 100, 1000, () => 1)).to.equal(1000);
    expect(backoff(6, 100, 1000, () => 0.25)).to.equal(250);
    expect(backoff(2, 100, 1000, () => 0)).to.equal(0);
  });

  it('shows a message at once as sending, then sent', async () => {
    const session = open();
    expect(session.send('  ')).to.equal(undefined);
    const message = session.send('  hello  ')!;
    expect(message.text).to.equal('hello');
    expect(message.clientId).to.be.a('string');
    expect(texts(session)).to.deep.equal(['hello:sending']);
    await until(() => session.$messages.get()[0]?.delivery === 'sent');
    expect(session.$conversation.get()).to.include({ id: 'c1', status: 'active' });
  });

  it('sends in order, one at a time, into the conversation the first one opens', async () => {
    fake.delay('sendMessage', 5);
    const session = open();
    const ids = ['a', 'b', 'c', 'd'].map((t) => session.send(t)!.clientId);
    expect(texts(session)).to.deep.equal(['a:sending', 'b:sending', 'c:sending', 'd:sending']);
    await until(() => fake.stored.length === 4 && session.$messages.get().every((m) => m.delivery === 'sent'));
    expect(sentIds()).to.deep.equal(ids);
    const sent = fake.callsOf('sendMessage').map((c) => (c.input as OutgoingMessage).conversationId);
    expect(sent).to.deep.equal([undefined, 'c1', 'c1', 'c1']);
    expect(fake.stored.map((m) => m.text)).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(texts(session)).to.deep.equal(['a:sent', 'b:sent', 'c:sent', 'd:sent']);
  });

  it('retries network errors, 503 and lost answers with backoff, keeping the clientId', async () => {
    const waits: number[] = [];
    fake.fail('sendMessage', networkError(), serverError(503), 'cut');
    const session = open({ random: () => (waits.push(1), 1), retry: { baseMs: 2, maxMs: 100 } });
    const { clientId } = session.send('hello')!;
    session.send('next');
    await until(() => fake.stored.length === 2 && session.$messages.get().every((m) => m.delivery === 'sent'));
    expect(sentIds()).to.have.length(5);
    expect(sentIds().slice(0, 4)).to.deep.equal([clientId, clientId, clientId, clientId]);
    expect(waits).to.have.length(3);
    expect(texts(session)).to.deep.equal(['hello:sent', 'next:sent']);
  });

  it('marks a rejected message failed, reports it, goes on, and sends it again on retry()', async () => {
    const errors: string[] = [];
    fake.fail('sendMessage', rejectedError(400));
    const session = open();
    session.on('error', ({ error, operation }) => errors.push(`${operation}:${error.status}`));
    const { clientId } = session.send('bad')!;
    session.send('good');
    await until(() => texts(session).join() === 'good:sent,bad:failed');
    expect(session.$messages.get()[1]!.error?.code).to.equal('rejected');
    expect(errors).to.deep.equal(['sendMessage:400']);
    session.retry(clientId);
    expect(texts(session)).to.deep.equal(['good:sent', 'bad:sending']);
    await until(() => texts(session).join() === 'good:sent,bad:sent');
    expect(fake.stored.map((m) => m.text)).to.deep.equal(['good', 'bad']);
  });

  it('gives up after maxAttempts of retryable errors', async () => {
    fake.fail('sendMessage', serverError(), serverError(), serverError());
    const session = open({ retry: { baseMs: 1, maxAttempts: 3 } });
    session.send('x');
    await until(() => texts(session).join() === 'x:failed');
    expect(fake.callsOf('sendMessage')).to.have.length(3);
  });

  it('waits while offline without spending attempts, and flushes on "online"', async () => {
    const session = open({ retry: { baseMs: 1, maxMs: 60_000, maxAttempts: 2 } });
    window.dispatchEvent(new Event('offline'));
    expect(session.$connection.get()).to.equal('offline');
    // One failure while offline (not counted), one after: with two attempts allowed, it still goes out.
    fake.fail('sendMessage', networkError(), networkError());
    session.send('x');
    await until(() => fake.callsOf('sendMessage').length === 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.callsOf('sendMessage')).to.have.length(1);
    expect(texts(session)).to.deep.equal(['x:sending']);
    window.dispatchEvent(new Event('online'));
    expect(session.$connection.get()).to.equal('online');
    await until(() => texts(session).join() === 'x:sent', 500);
  });

  it('survives a reload: the next session resends with the same clientId and the server keeps one', async () => {
    const storage = createTestStorage();
    fake.delay('sendMessage', 50);
    fake.fail('sendMessage', 'cut');
    const first = open({ storage });
    const { clientId } = first.send('hello')!;
    first.send('world');
    // The first attempt reaches the server but its answer is lost; the page goes away during the retry.
    await until(() => fake.callsOf('sendMessage').length === 2);
    first.destroy();
    expect(fake.stored).to.have.length(1);
    fake.delay('sendMessage', 0);

    const second = open({ storage });
    expect(texts(second)).to.deep.equal(['hello:sending', 'world:sending']);
    await until(() => texts(second).join() === 'hello:sent,world:sent');
    expect(sentIds().filter((id) => id === clientId).length).to.equal(3);
    expect(fake.stored.map((m) => m.text)).to.deep.equal(['hello', 'world']);
    expect(second.$conversation.get().id).to.equal('c1');
    // and a third load shows the history from storage
    second.destroy();
    const third = open({ storage });
    expect(texts(third)).to.deep.equal(['hello:sent', 'world:sent']);
  });
});
