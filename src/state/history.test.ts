import { expect } from '@open-wc/testing';
import type { Message } from '../core/types.js';
import { createSession, type Session } from './session.js';
import { createTestAdapter, until, watchRejections } from './test-adapter.js';
import type { StorageLike } from './persist.js';

const COUNT = 2000;

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
    const roles: Message['role'][] = ['customer', 'bot', 'agent'];
    for (let seq = 1; seq <= COUNT; seq++) {
      const role = roles[seq % 3]!;
      fake.stored.push({
        id: `m${seq}`,
        seq,
        conversationId: 'c1',
        role,
        ...(role === 'customer' ? { clientId: `k${seq}` } : { author: { name: role } }),
        text: `message ${seq} `.repeat(8),
        createdAt: new Date(seq * 60_000).toISOString(),
      });
    }
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
});
