import { expect } from '@open-wc/testing';
import { atom } from 'nanostores';
import { createPersistence } from './persist.js';
import { createSession, type Session, type SessionOptions } from './session.js';
import { AdapterError } from '../core/adapter.js';
import {
  createTestAdapter,
  createTestStorage,
  rejectedError,
  until,
  watchRejections,
  type TestAdapter,
} from './test-adapter.js';

const throwing = () => ({
  calls: 0,
  getItem() {
    this.calls++;
    throw new DOMException('denied', 'SecurityError');
  },
  setItem() {
    this.calls++;
    throw new DOMException('full', 'QuotaExceededError');
  },
  removeItem() {
    this.calls++;
    throw new DOMException('denied', 'SecurityError');
  },
});

describe('persistence', () => {
  it('keeps values under namespaced, versioned, per-owner keys', () => {
    const storage = createTestStorage();
    const persistence = createPersistence(storage, 'ns');
    const $draft = atom('');
    const $seen = atom<string[]>([]);
    persistence.bind('draft', $draft, '');
    persistence.bind('seen', $seen, [], 'global');
    persistence.own('u1');
    $draft.set('hi');
    $seen.set(['a']);
    persistence.flush();
    expect(storage.data.get('ns:v1:u1:draft')).to.equal('"hi"');
    expect(storage.data.get('ns:v1:seen')).to.equal('["a"]');
  });

  it('removes the previous owner’s private values but keeps kept and global ones', () => {
    const storage = createTestStorage();
    const persistence = createPersistence(storage, 'ns');
    const [$private, $kept, $global] = [atom(''), atom(''), atom('')];
    persistence.bind('p', $private, '');
    persistence.bind('k', $kept, '', 'kept');
    persistence.bind('g', $global, '', 'global');
    persistence.own('u1');
    $private.set('secret');
    $kept.set('agent');
    $global.set('shared');
    persistence.own('u2');
    expect([$private.get(), $kept.get(), $global.get()]).to.deep.equal(['', '', 'shared']);
    expect(storage.data.has('ns:v1:u1:p')).to.equal(false);
    expect(storage.data.get('ns:v1:u1:k')).to.equal('"agent"');
    // A new page for another user also removes what the last one left.
    $private.set('two');
    persistence.flush();
    const next = createPersistence(storage, 'ns');
    next.bind('p', atom(''), '');
    next.own('u3');
    expect(storage.data.has('ns:v1:u2:p')).to.equal(false);
  });

  it('writes changes together, at most every 250 ms, and at once on flush', async () => {
    const writes: string[] = [];
    const storage = createTestStorage();
    const persistence = createPersistence(
      { ...storage, setItem: (key, value) => (writes.push(key), storage.setItem(key, value)) },
      'ns',
    );
    const [$a, $b] = [atom(0), atom(0)];
    persistence.bind('a', $a, 0);
    persistence.bind('b', $b, 0, 'private', (b) => b * 10);
    persistence.own('u1');
    writes.length = 0;
    for (let i = 1; i <= 100; i++) $a.set(i);
    $b.set(1);
    expect(writes).to.deep.equal([]);
    await new Promise((resolve) => setTimeout(resolve));
    expect(writes).to.deep.equal(['ns:v1:u1:a', 'ns:v1:u1:b']);
    expect([storage.data.get('ns:v1:u1:a'), storage.data.get('ns:v1:u1:b')]).to.deep.equal(['100', '10']);
    // Soon after a write, the next one waits for the rest of the interval, or for a flush (the page hides).
    $a.set(101);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(writes).to.have.length(2);
    persistence.flush();
    expect(storage.data.get('ns:v1:u1:a')).to.equal('101');
    $a.set(102);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(storage.data.get('ns:v1:u1:a')).to.equal('102');
  });

  it('revives what JSON cannot hold, and reads a value that cannot be revived as the fallback', () => {
    const storage = createTestStorage();
    storage.setItem('ns:v1:u1:when', '"2030-01-01T00:00:00.000Z"');
    storage.setItem('ns:v1:u1:bad', '"x"');
    const persistence = createPersistence(storage, 'ns');
    const [$when, $bad] = [atom(''), atom('ok')];
    const revive = (value: string) => {
      if (value === 'x') throw new TypeError('cannot revive');
      return new Date(value).toISOString().slice(0, 4);
    };
    persistence.bind('when', $when, '', 'private', undefined, revive);
    persistence.bind('bad', $bad, 'ok', 'private', undefined, revive);
    persistence.own('u1');
    expect([$when.get(), $bad.get()]).to.deep.equal(['2030', 'ok']);
  });

  it('falls back to memory when storage throws, silently', () => {
    const storage = throwing();
    const persistence = createPersistence(storage, 'ns');
    const $draft = atom('');
    persistence.bind('draft', $draft, '');
    persistence.own('u1');
    $draft.set('hi');
    $draft.set('hello');
    persistence.own('u1');
    expect($draft.get()).to.equal('hello');
    // It stops asking a storage that failed.
    expect(storage.calls).to.equal(1);
  });

  it('reads corrupt or mistyped JSON as the fallback', () => {
    const storage = createTestStorage();
    storage.setItem('ns:v1:u1:list', '{not json');
    storage.setItem('ns:v1:u1:text', '[1]');
    storage.setItem('ns:v1:u1:object', 'null');
    const persistence = createPersistence(storage, 'ns');
    const [$list, $text, $object] = [atom<number[]>([]), atom('x'), atom({ a: 1 })];
    persistence.bind('list', $list, []);
    persistence.bind('text', $text, 'x');
    persistence.bind('object', $object, { a: 1 });
    persistence.own('u1');
    expect([$list.get(), $text.get(), $object.get()]).to.deep.equal([[], 'x', { a: 1 }]);
  });
});

describe('session persistence', () => {
  let fake: TestAdapter;
  let sessions: Session[];
  let rejections: () => unknown[];
  const open = (options: Partial<SessionOptions>) => {
    const session = createSession({ adapter: fake.adapter, locale: 'en', retry: { baseMs: 1 }, ...options });
    sessions.push(session);
    return session;
  };
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

  it('works with a storage that throws, without an error event', async () => {
    const session = open({ storage: throwing() });
    const errors: unknown[] = [];
    session.on('error', (e) => errors.push(e));
    session.$draft.set('draft');
    session.send('hello');
    await until(() => session.$messages.get()[0]?.delivery === 'sent');
    expect(errors).to.deep.equal([]);
  });

  it('starts clean from corrupt storage', () => {
    const storage = createTestStorage();
    for (const name of ['conversation', 'messages', 'outbox', 'draft', 'recent']) {
      storage.setItem(`service-hall:v1:anon:${name}`, '{"broken');
    }
    const session = open({ storage });
    expect(session.$messages.get()).to.deep.equal([]);
    expect(session.$conversation.get()).to.deep.equal({ status: 'none', rated: false, lastSeq: 0 });
  });

  it('uses localStorage by default, under the namespace', async () => {
    const namespace = `test-${Math.random()}`;
    const session = open({ namespace, user: { id: 'u9' } });
    session.$draft.set('kept');
    await until(() => localStorage.getItem(`${namespace}:v1:u9:draft`));
    expect(localStorage.getItem(`${namespace}:v1:u9:draft`)).to.equal('"kept"');
    for (const key of Object.keys(localStorage)) if (key.startsWith(namespace)) localStorage.removeItem(key);
  });

  it('clears the previous customer’s data when another one signs in', async () => {
    const storage = createTestStorage();
    const session = open({ storage, user: { id: 'alice' } });
    session.send('alice secret');
    await until(() => session.$messages.get()[0]?.delivery === 'sent');
    session.$draft.set('alice draft');
    await session.loadHall();
    session.identify({ id: 'alice', name: 'Alice' });
    expect(session.$draft.get()).to.equal('alice draft');

    session.identify({ id: 'bob' });
    expect(session.$messages.get()).to.deep.equal([]);
    expect(session.$draft.get()).to.equal('');
    expect(session.$recent.get()).to.deep.equal([]);
    expect(session.$conversation.get().id).to.equal(undefined);
    expect(session.$hall.get().status).to.not.equal('ready');
    expect([...storage.data.values()].some((v) => v.includes('alice'))).to.equal(false);
    // The switch cancelled alice's calls and stream.
    expect(fake.subscriptions.every((s) => !s.open)).to.equal(true);
    await until(() => session.$hall.get().status === 'ready');
    expect(fake.callsOf('loadHall').at(-1)!.ctx.user?.id).to.equal('bob');

    // A reload as alice finds nothing of hers either.
    session.destroy();
    const again = open({ storage, user: { id: 'alice' } });
    expect(again.$messages.get()).to.deep.equal([]);
  });

  it('keeps agent notices, a failed message’s error and article answers across a reload', async () => {
    const storage = createTestStorage();
    const session = open({ storage });
    session.send('hello');
    await until(() => fake.subscriptions.some((s) => s.open) && session.$messages.get()[0]?.delivery === 'sent');
    fake.push({ type: 'agent', status: 'joined', agent: { id: 'ag1', name: 'Ann' } });
    fake.fail('sendMessage', rejectedError(400));
    session.send('again');
    await until(() => session.$messages.get().some((m) => m.delivery === 'failed'));
    await session.rate({ articleId: 'a1', score: 1, tags: [] });
    session.destroy();

    const again = open({ storage });
    const messages = again.$messages.get();
    expect(messages.map((m) => m.notice?.kind ?? m.text)).to.deep.equal(['hello', 'agent-joined', 'again']);
    const { error } = messages[2]!;
    expect(error).to.be.instanceOf(AdapterError);
    expect(error).to.include({ code: 'rejected', status: 400, message: 'bad request', retryable: false });
    expect(again.$articleVotes.get()).to.deep.equal({ a1: 'yes' });
  });

  it('does not resend an outbox of another customer after a switch', async () => {
    const storage = createTestStorage();
    fake.delay('sendMessage', 1000);
    const session = open({ storage, user: { id: 'alice' } });
    session.send('for alice');
    session.identify({ id: 'bob' });
    expect(session.$messages.get()).to.deep.equal([]);
    expect(fake.callsOf('sendMessage')[0]!.ctx.signal.aborted).to.equal(true);
  });
});
