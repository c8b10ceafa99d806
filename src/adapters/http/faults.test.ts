import { expect, waitUntil } from '@open-wc/testing';
import { AdapterError, type CallContext, type OutgoingMessage, type StreamState } from '../../core/adapter.js';
import type { Message } from '../../core/types.js';
import { startMockServer, type MockServer } from '../../mocks/browser.js';
import { createMemoryAdapter } from '../memory/index.js';
import { createHttpAdapter } from './index.js';

const ENDPOINT = 'https://flaky.test/api/';

describe('http adapter under injected faults', () => {
  let server: MockServer;
  after(() => server.stop());

  it('loses and duplicates nothing with 30 % failed posts, latency and dropped streams', async function () {
    this.timeout(30_000);
    const backend = createMemoryAdapter({
      latency: 0,
      timing: { queueStepMs: 10, agentJoinMs: 10, typingMs: 5, botDelayMs: 5 },
    });
    server = await startMockServer(ENDPOINT, backend, {
      faults: { failRate: 0.15, cutAfterStoreRate: 0.15, latency: [0, 80], dropStreamEveryMs: 300 },
      heartbeatMs: 100,
    });
    const adapter = createHttpAdapter({ endpoint: ENDPOINT, backoffMs: 20, stallMs: 1000 });
    const ctx: CallContext = { signal: new AbortController().signal, locale: 'en' };

    // What the state layer's outbox does: resend with the same clientId until the server answers.
    const send = async (message: OutgoingMessage) => {
      for (;;) {
        try {
          return await adapter.sendMessage(message, ctx);
        } catch (error) {
          if (!(error instanceof AdapterError) || !error.retryable) throw error;
        }
      }
    };
    const clientIds = Array.from({ length: 8 }, (_, i) => `k${i}`);
    const outgoing = (clientId: string, conversationId?: string): OutgoingMessage => ({
      clientId,
      ...(conversationId ? { conversationId } : {}),
      text: `question ${clientId}`,
      attachments: [],
      context: { locale: 'en' },
    });
    const { conversationId } = await send(outgoing(clientIds[0]!));

    const messages: Message[] = [];
    const states: StreamState[] = [];
    const stop = adapter.subscribe(
      { conversationId, after: 0 },
      { event: (e) => e.type === 'message' && messages.push(e.message), state: (s) => states.push(s) },
      ctx,
    );
    for (const clientId of clientIds.slice(1)) await send(outgoing(clientId, conversationId));
    await waitUntil(
      () =>
        clientIds.every((id) => messages.some((m) => m.clientId === id)) &&
        messages.filter((m) => m.role === 'bot').length >= clientIds.length,
      'every message is echoed and answered',
      { timeout: 20_000 },
    );
    stop();

    const seqs = messages.map((m) => m.seq);
    expect(seqs, 'each seq once, in order').to.deep.equal([...new Set(seqs)].sort((a, b) => a - b));
    for (const id of clientIds)
      expect(
        messages.filter((m) => m.clientId === id),
        id,
      ).to.have.length(1);
    expect(states).to.include('reconnecting');
  });
});
