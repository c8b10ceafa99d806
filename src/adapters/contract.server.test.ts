// The adapter contract over HTTP against the real reference server (scripts/wtr-server.js starts it on PGlite).
import { realServer as server, serverUrl } from '../test/server.js';
import { expect, waitUntil } from '@open-wc/testing';
import type { CustomerEvent } from '../core/adapter.js';
import { describeAdapterContract } from './contract.js';
import { createHttpAdapter } from './http/index.js';

// The server starts on first use: from the source, on a fresh embedded database, which takes a while.
before(async function () {
  this.timeout(120_000);
  await serverUrl();
});

describeAdapterContract('http on the reference server', async () => {
  const url = await serverUrl();
  const id = `contract-${Math.random().toString(36).slice(2)}`;
  const token = await server<string>({ action: 'customer', sub: id, name: 'Contract' });
  return { adapter: createHttpAdapter({ endpoint: `${url}/api/`, backoffMs: 10 }), user: { id, token } };
});

describe('the customer stream on the reference server', () => {
  it('delivers an agent’s reply and the solved status live', async function () {
    this.timeout(20_000);
    const url = await serverUrl();
    const id = `stream-${Math.random().toString(36).slice(2)}`;
    const token = await server<string>({ action: 'customer', sub: id, name: 'Stream' });
    const adapter = createHttpAdapter({ endpoint: `${url}/api/`, backoffMs: 10 });
    const controller = new AbortController();
    const ctx = { signal: controller.signal, locale: 'en' as const, user: { id, token } };
    const { id: ticketId } = await adapter.submitTicket!(
      {
        category: 'other',
        description: 'No refund yet',
        contact: 'a@example.com',
        attachments: [],
        context: { locale: 'en' },
      },
      ctx,
    );
    const events: CustomerEvent[] = [];
    let open = false;
    adapter.subscribeCustomer!({ event: (e) => events.push(e), state: (s) => (open ||= s === 'open') }, ctx);
    await waitUntil(() => open, 'the stream opens', { timeout: 10_000 });
    const desk = (method: string, path: string, body: unknown) =>
      server<{ status: number }>({ action: 'desk', method, path, body });
    expect((await desk('POST', `tickets/${ticketId}/replies`, { text: 'Refunded today.' })).status).to.equal(200);
    expect((await desk('PATCH', `tickets/${ticketId}`, { status: 'solved' })).status).to.equal(200);
    await waitUntil(
      () => events.some((e) => e.ticket.id === ticketId && e.ticket.status === 'solved'),
      'the solved status arrives',
      { timeout: 10_000 },
    );
    expect(events.some((e) => e.ticket.last?.text === 'Refunded today.' && e.ticket.last.role === 'agent')).to.equal(
      true,
    );
    controller.abort();
  });
});
