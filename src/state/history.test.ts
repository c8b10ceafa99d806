import { expect } from '@open-wc/testing';
import type { Message } from '../core/types.js';
import { createSession, type Session } from './session.js';
import { createTestAdapter, networkError, until, watchRejections } from './test-adapter.js';
import type { StorageLike } from './persist.js';

const COUNT = 2000;
const roles: Message['role'][] = ['customer', 'bot', 'agent'];
/** The server's side of conversation `c1`: `count` messages, seq 1 to `count`. */
const serverHistory = (count: number): Message[] =>
  Array.from({ length: count }, (_, i) => {
    const seq = i + 1;
    const role = roles[seq % 3]!;
    return {
      id: `m${seq}`,
      seq,
      conversationId: 'c1',
      role,
      ...(role === 'customer' ? { clientId: `k${seq}` } : { author: { name: role } }),
      text: `message ${seq} `.repeat(8),
      createdAt: new Date(seq * 60_000).toISOString(),
    };
  });

describe('a long history', () => {
  let session: Session | undefined;
  let rejections: () => unknown[];
  const namespace = `history-${Math.random().toString(36).slice(2)}`;
  beforeEach(() => (rejections = watchRejections()));
  afterEach(() => {
    session?.destroy();
    for (const key of Object.keys(localStorage)) if (key.startsWith(namespace)) localStorage.removeItem(key);
    expect(rejections()).to.deep.equal([]);
  });

  // Its long tasks are a performance bar, measured in `npm run bench`, not here.
  it(`takes in a replay of ${COUNT} messages in order, with few storage writes`, async () => {
    const fake = createTestAdapter();
    fake.stored.push(...serverHistory(COUNT));
    const writes: string[] = [];
    const storage: StorageLike = {
      getItem: (key) => localStorage.getItem(key),
      setItem: (key, value) => {
        writes.push(key);
        localStorage.setItem(key, value);
      },
      removeItem: (key) => localStorage.removeItem(key),
    };
    // A customer who comes back to an active conversation with nothing of it on this device.
    localStorage.setItem(
      `${namespace}:v1:anon:conversation`,
      JSON.stringify({ id: 'c1', status: 'active', rated: false, lastSeq: 0 }),
    );
    const started = performance.now();
    session = createSession({ adapter: fake.adapter, locale: 'en', storage, namespace });
    await until(() => session!.$messages.get().length >= COUNT, 5000);
    const took = performance.now() - started;
    console.log(`history: ${COUNT} messages in ${Math.round(took)} ms; ${writes.length} storage writes`);

    expect(session.$messages.get().map((m) => m.seq)).to.deep.equal(fake.stored.map((m) => m.seq));
    expect(session.$conversation.get().lastSeq).to.equal(COUNT);
    expect(writes.length).to.be.at.most(5);
    // What a reload needs: the newest messages and a cursor that agrees with them.
    session.destroy();
    const kept = JSON.parse(localStorage.getItem(`${namespace}:v1:anon:messages`)!) as Message[];
    expect(kept.map((m) => m.seq)).to.deep.equal(fake.stored.slice(-100).map((m) => m.seq));
    expect(JSON.parse(localStorage.getItem(`${namespace}:v1:anon:conversation`)!)).to.include({ lastSeq: COUNT });
  });

  /** What a device keeps of conversation `c1` across a reload: these messages, and the cursor after them. */
  const keep = (messages: Message[]) => {
    localStorage.setItem(
      `${namespace}:v1:anon:messages`,
      JSON.stringify(messages.map((m) => ({ ...m, delivery: 'sent' }))),
    );
    localStorage.setItem(
      `${namespace}:v1:anon:conversation`,
      JSON.stringify({ id: 'c1', status: 'active', rated: false, lastSeq: messages.at(-1)!.seq }),
    );
  };

  /** A customer back on this device, which kept the latest 100 messages of a conversation the server holds whole. */
  const returning = (count: number) => {
    const fake = createTestAdapter();
    fake.stored.push(...serverHistory(count));
    keep(fake.stored.slice(-100));
    const errors: string[] = [];
    session = createSession({ adapter: fake.adapter, locale: 'en', namespace });
    session.on('error', ({ error, operation }) => errors.push(`${operation}:${error.code}`));
    return { fake, session, errors };
  };

  it('pages back through a 20,000-message server history from the 100 the device kept', async function () {
    this.timeout(40_000);
    const { fake, session, errors } = returning(20_000);
    const messages: string[] = [];
    session.on('message', ({ message }) => messages.push(message.id));
    expect(session.$messages.get()).to.have.length(100);
    expect(session.$earlier.get()).to.equal('more');

    // Two asks while a page is on its way share it.
    await Promise.all([session.loadEarlier(), session.loadEarlier()]);
    expect(fake.callsOf('loadMessages').map((c) => c.input)).to.deep.equal([
      { conversationId: 'c1', before: 19_901, limit: 50 },
    ]);
    expect(session.$messages.get()[0]!.seq).to.equal(19_851);

    const started = performance.now();
    while (session.$earlier.get() === 'more') await session.loadEarlier();
    console.log(`history: 20,000 messages paged back in ${Math.round(performance.now() - started)} ms`);
    expect(session.$earlier.get()).to.equal('none');
    expect(session.$messages.get().map((m) => m.seq)).to.deep.equal(fake.stored.map((m) => m.seq));
    // Old messages are history, not news: no message events, nothing unread, and the cursor stays.
    expect(messages).to.deep.equal([]);
    expect(session.$unread.get()).to.equal(0);
    expect(session.$conversation.get().lastSeq).to.equal(20_000);
    expect(errors).to.deep.equal([]);
    // The device still keeps only the latest 100.
    session.destroy();
    const kept = JSON.parse(localStorage.getItem(`${namespace}:v1:anon:messages`)!) as Message[];
    expect(kept.map((m) => m.seq)).to.deep.equal(fake.stored.slice(-100).map((m) => m.seq));
  });

  it('keeps its place after a failed or malformed page, and the next try goes on from there', async () => {
    const { fake, session, errors } = returning(300);
    fake.fail('loadMessages', networkError());
    await session.loadEarlier();
    expect(session.$earlier.get()).to.equal('failed');
    expect(session.$messages.get()).to.have.length(100);

    const loadMessages = fake.adapter.loadMessages;
    fake.adapter.loadMessages = async () => ({ messages: [] }) as unknown as Message[];
    await session.loadEarlier();
    expect(session.$earlier.get()).to.equal('failed');
    fake.adapter.loadMessages = loadMessages;

    await session.loadEarlier();
    expect(session.$earlier.get()).to.equal('more');
    expect(session.$messages.get()[0]!.seq).to.equal(151);
    expect(errors).to.deep.equal(['loadMessages:network', 'loadMessages:malformed']);
  });

  it('does not page a conversation that began on this device, nor a backend that cannot', async () => {
    const fake = createTestAdapter();
    session = createSession({ adapter: fake.adapter, locale: 'en', namespace });
    expect(session.$earlier.get()).to.equal('none');
    session.send('Where is my parcel?');
    await until(() => session!.$conversation.get().id);
    expect(session.$earlier.get()).to.equal('none');
    await session.loadEarlier();
    expect(fake.callsOf('loadMessages')).to.deep.equal([]);
    session.destroy();

    const { loadMessages: _, ...adapter } = createTestAdapter().adapter;
    keep(serverHistory(300).slice(-100));
    session = createSession({ adapter, locale: 'en', namespace });
    expect(session.$messages.get()).to.have.length(100);
    expect(session.$earlier.get()).to.equal('none');
  });
});
