// Delivery under faults: the session's outbox → the HTTP adapter → msw in this page's service worker → a memory
// backend, with failed and cut requests, latency, dropped event streams, an offline period and a reload.
import { createHttpAdapter } from '../../src/adapters/http/index.ts';
import { createMemoryAdapter } from '../../src/adapters/memory/index.ts';
import { startMockServer } from '../../src/mocks/browser.ts';
import { createSession } from '../../src/state/session.ts';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (check, ms) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${check}`);
    await sleep(5);
  }
};

/**
 * Sends `messages` in bursts like a customer (and a script) would, with a reload after a fifth of them and
 * an offline second after two fifths. `scale` shrinks the design's 0–2 s latency so that the run fits in minutes.
 */
const run = async ({ messages, scale, burst = 20 }) => {
  const endpoint = `https://backend.test/${Math.random().toString(36).slice(2)}/api/`;
  const backend = createMemoryAdapter({
    latency: 0,
    timing: { queueStepMs: 10, agentJoinMs: 10, typingMs: 5, botDelayMs: 5 },
  });
  let offline = false;
  const server = await startMockServer(endpoint, backend, {
    heartbeatMs: 500,
    faults: {
      // 30 % of POSTs fail: 20 % before the backend (503), and 1 in 8 of the rest after storing (connection cut).
      failRate: 0.2,
      cutAfterStoreRate: 0.125,
      latency: [0, 2000 * scale],
      dropStreamEveryMs: 1500,
      offline: () => offline,
    },
  });
  const adapter = createHttpAdapter({ endpoint, backoffMs: 20, timeoutMs: 5000 });
  const namespace = `bench-${endpoint.split('/')[3]}`;
  const sentAt = new Map();
  const deliveredAt = new Map();
  const order = [];
  const open = () => {
    const session = createSession({
      adapter,
      locale: 'en',
      namespace,
      retry: { baseMs: 20, maxMs: 400, maxAttempts: 1000 },
    });
    session.$messages.subscribe((list) => {
      for (const m of list)
        if (m.delivery === 'sent' && m.clientId && !deliveredAt.has(m.clientId))
          deliveredAt.set(m.clientId, performance.now());
    });
    return session;
  };
  const confirmed = (s) => s.$messages.get().filter((m) => m.role === 'customer' && m.delivery === 'sent').length;
  const send = (s) => {
    for (let i = 0; i < burst && order.length < messages; i++) {
      const { clientId } = s.send(`message ${order.length + 1}`);
      order.push(clientId);
      sentAt.set(clientId, performance.now());
    }
  };

  let session = open();
  const started = performance.now();
  try {
    while (order.length < messages / 5) {
      send(session);
      await sleep(100);
    }
    await until(() => confirmed(session) >= order.length / 2, 60_000);
    // A reload while sending: a new session over the same storage, as after a real reload.
    session.destroy();
    session = open();
    while (order.length < (messages * 2) / 5) {
      send(session);
      await sleep(100);
    }
    offline = true;
    window.dispatchEvent(new Event('offline'));
    send(session);
    await sleep(1000);
    offline = false;
    window.dispatchEvent(new Event('online'));
    while (order.length < messages) {
      send(session);
      await sleep(100);
    }
    await until(() => confirmed(session) >= messages, 300_000);
    // Late echoes and replays must not add anything.
    await sleep(500);

    const { id } = session.$conversation.get();
    const stored = [];
    const stop = backend.subscribe(
      { conversationId: id, after: 0 },
      { event: (e) => e.type === 'message' && stored.push(e.message) },
      { signal: new AbortController().signal, locale: 'en' },
    );
    await until(() => stored.filter((m) => m.role === 'customer').length >= messages, 5000).catch(() => {});
    stop();
    const storedIds = stored.filter((m) => m.role === 'customer').map((m) => m.clientId);
    const shownIds = session.$messages
      .get()
      .filter((m) => m.role === 'customer')
      .map((m) => m.clientId);
    const storedSet = new Set(storedIds);
    return {
      messages,
      ms: performance.now() - started,
      lost: order.filter((c) => !storedSet.has(c)).length,
      duplicated: storedIds.length - storedSet.size + (shownIds.length - new Set(shownIds).size),
      inOrder: storedIds.join() === order.join() && shownIds.join() === order.join(),
      delays: order.map((c) => (deliveredAt.get(c) ?? NaN) - sentAt.get(c)),
      failedShown: session.$messages.get().filter((m) => m.delivery !== 'sent').length,
    };
  } finally {
    session.destroy();
    server.stop();
  }
};

window.bench = { run };
