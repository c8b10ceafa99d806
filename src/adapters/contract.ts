/// <reference types="mocha" />
import { expect, waitUntil } from '@open-wc/testing';
import {
  AdapterError,
  type Adapter,
  type CallContext,
  type ConversationEvent,
  type CustomerEvent,
  type OutgoingMessage,
} from '../core/adapter.js';
import type { Customer, Message } from '../core/types.js';

/** What a contract suite needs: a fresh adapter per test, and how to tear it down. */
export type AdapterFactory = () => Promise<{
  adapter: Adapter;
  cleanup?: () => Promise<void> | void;
  /** The customer the calls are made for; a backend that checks tokens needs a real one. */
  user?: Customer;
}>;

const REPLY_TIMEOUT = 5000;
/** The smallest PNG: one transparent pixel. */
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

/**
 * Registers one mocha suite of behavioural tests that every {@link Adapter} must pass,
 * whatever its transport: the hall's shape, idempotent sends, the echo and reply on the stream,
 * cursors, aborts and typed errors. Optional operations are checked only when present.
 * Ship a backend's adapter with `describeAdapterContract('my backend', async () => ({ adapter }))`.
 */
export const describeAdapterContract = (name: string, make: AdapterFactory) =>
  describe(`adapter contract: ${name}`, () => {
    let adapter: Adapter;
    let cleanup: (() => Promise<void> | void) | undefined;
    let controller: AbortController;
    let user: Customer | undefined;
    const stops: (() => void)[] = [];
    const ctx = (): CallContext => ({
      signal: controller.signal,
      locale: 'en',
      user: user ?? { id: 'contract-user', token: 'contract-token' },
    });
    const outgoing = (text: string, conversationId?: string): OutgoingMessage => ({
      clientId: `contract-${Math.random().toString(36).slice(2)}`,
      ...(conversationId ? { conversationId } : {}),
      text,
      attachments: [],
      context: { locale: 'en' },
    });
    /** Subscribes and records the messages and events the stream delivers. */
    const listen = (conversationId: string, after: number) => {
      const events: ConversationEvent[] = [];
      stops.push(adapter.subscribe({ conversationId, after }, { event: (e) => events.push(e) }, ctx()));
      const messages = () => events.flatMap((e): Message[] => (e.type === 'message' ? [e.message] : []));
      return { events, messages };
    };
    const rejection = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, 'rejects with an AdapterError').to.be.instanceOf(AdapterError);
      return error as AdapterError;
    };
    /** Sends a question and waits for its echo and a reply on the stream. */
    const converse = async () => {
      const sent = outgoing('Where is my parcel?');
      const receipt = await adapter.sendMessage(sent, ctx());
      const stream = listen(receipt.conversationId, 0);
      await waitUntil(
        () => stream.messages().some((m) => m.role !== 'customer' && m.seq > receipt.seq),
        'the stream delivers a reply',
        { timeout: REPLY_TIMEOUT },
      );
      return { sent, receipt, stream };
    };

    beforeEach(async () => {
      controller = new AbortController();
      ({ adapter, cleanup, user } = await make());
    });
    afterEach(async () => {
      stops.splice(0).forEach((stop) => stop());
      controller.abort();
      await cleanup?.();
    });

    it('loads a complete hall', async () => {
      const hall = await adapter.loadHall({ context: { page: '/orders' } }, ctx());
      expect(hall.greeting).to.be.a('string');
      for (const list of [hall.announcements, hall.orders, hall.recommendations, hall.actions])
        expect(list).to.be.an('array');
      expect(hall.service.humanAvailable).to.be.a('boolean');
      for (const order of hall.orders)
        for (const field of [order.id, order.status, order.title, order.createdAt]) expect(field).to.be.a('string');
    });

    it('is idempotent on clientId', async () => {
      const message = outgoing('Hello');
      const first = await adapter.sendMessage(message, ctx());
      const second = await adapter.sendMessage(message, ctx());
      expect(second).to.deep.equal(first);
      expect(first.clientId).to.equal(message.clientId);
      expect(first.seq).to.be.a('number');
      const next = await adapter.sendMessage(outgoing('Another', first.conversationId), ctx());
      expect(next.conversationId).to.equal(first.conversationId);
      expect(next.seq).to.be.greaterThan(first.seq);
    });

    it('echoes the customer message with its clientId on the stream, then delivers a reply', async () => {
      const { sent, receipt, stream } = await converse();
      const messages = stream.messages();
      const echoes = messages.filter((m) => m.clientId === sent.clientId);
      expect(echoes, 'one echo').to.have.length(1);
      expect([echoes[0]!.id, echoes[0]!.seq, echoes[0]!.role, echoes[0]!.text]).to.deep.equal([
        receipt.id,
        receipt.seq,
        'customer',
        sent.text,
      ]);
      const seqs = messages.map((m) => m.seq);
      expect(seqs, 'strictly increasing, never repeated').to.deep.equal([...new Set(seqs)].sort((a, b) => a - b));
      for (const m of messages) expect(m.conversationId).to.equal(receipt.conversationId);
    });

    it('replays only the events after a cursor', async () => {
      const { receipt, stream } = await converse();
      const later = stream.messages().filter((m) => m.seq > receipt.seq);
      const resumed = listen(receipt.conversationId, receipt.seq);
      await waitUntil(() => resumed.messages().length >= later.length, 'the replay arrives', {
        timeout: REPLY_TIMEOUT,
      });
      expect(resumed.messages().every((m) => m.seq > receipt.seq)).to.equal(true);
      expect(
        resumed
          .messages()
          .slice(0, later.length)
          .map((m) => m.id),
      ).to.deep.equal(later.map((m) => m.id));
    });

    it('rejects an aborted call with AdapterError aborted and delivers nothing to an aborted subscription', async () => {
      const aborted = { ...ctx(), signal: AbortSignal.abort() };
      expect((await rejection(adapter.loadHall({}, aborted))).code).to.equal('aborted');
      expect((await rejection(adapter.sendMessage(outgoing('Hi'), aborted))).code).to.equal('aborted');
      const { receipt } = await converse();
      const events: ConversationEvent[] = [];
      stops.push(
        adapter.subscribe(
          { conversationId: receipt.conversationId, after: 0 },
          { event: (e) => events.push(e) },
          aborted,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(events).to.deep.equal([]);
    });

    it('answers optional operations, when present, in shape', async () => {
      const c = ctx();
      const a = adapter;
      if (a.loadKnowledge) {
        const { articles } = await a.loadKnowledge(c);
        for (const article of articles)
          expect([typeof article.id, typeof article.title]).to.deep.equal(['string', 'string']);
        const first = articles[0];
        if (first && a.getArticle) expect((await a.getArticle(first.id, c)).id).to.equal(first.id);
      }
      if (a.searchArticles) expect(await a.searchArticles('parcel', c)).to.be.an('array');
      const { conversationId } = await a.sendMessage(outgoing('Hi'), c);
      if (a.requestHuman) {
        const human = await a.requestHuman(
          { conversationId, reason: 'contract', priority: 'normal', context: { locale: 'en' }, transcript: [] },
          c,
        );
        expect(['queued', 'connected', 'offline']).to.include(human.status);
        if (a.cancelHuman) await a.cancelHuman(conversationId, c);
      }
      if (a.submitTicket) {
        const ticket = {
          category: 'other',
          description: 'Broken kettle',
          contact: 'a@example.com',
          attachments: [],
          context: { locale: 'en' as const },
        };
        const receipt = await a.submitTicket(ticket, c);
        expect([typeof receipt.id, typeof receipt.status]).to.deep.equal(['string', 'string']);
      }
      if (a.uploadAttachment) {
        const progress: number[] = [];
        // A real PNG: a backend may check what a file is from its bytes.
        const file = new File([PNG], 'photo.png', { type: 'image/png' });
        const attachment = await a.uploadAttachment({ file, onProgress: (r) => progress.push(r) }, c);
        expect([typeof attachment.id, attachment.name, attachment.size]).to.deep.equal([
          'string',
          'photo.png',
          PNG.length,
        ]);
        expect(progress.at(-1)).to.equal(1);
      }
      if (a.runAction) {
        const [action] = (await a.loadHall({}, c)).actions;
        if (action) {
          const result = await a.runAction({ actionId: action.id, input: {} }, c).catch((e: unknown) => e);
          if (result instanceof AdapterError) expect(result.code).to.equal('rejected');
          else
            expect([
              typeof (result as { ok: unknown }).ok,
              typeof (result as { message: unknown }).message,
            ]).to.deep.equal(['boolean', 'string']);
        }
      }
      await a.rate?.({ conversationId, score: 5, tags: [] }, c);
      await a.track?.([{ type: 'contract', at: new Date().toISOString() }], c);
      await a.sendTyping?.({ conversationId, typing: true }, c);
      await a.sendTyping?.({ conversationId, typing: false }, c);
      await a.endConversation?.(conversationId, c);
    });

    it('pages history back from a cursor, when it can', async function () {
      if (!adapter.loadMessages) return this.skip();
      const first = await adapter.sendMessage(outgoing('one'), ctx());
      for (const text of ['two', 'three']) await adapter.sendMessage(outgoing(text, first.conversationId), ctx());
      const top = (await adapter.sendMessage(outgoing('four', first.conversationId), ctx())).seq;
      const page = await adapter.loadMessages({ conversationId: first.conversationId, before: top, limit: 2 }, ctx());
      expect(page).to.have.length(2);
      const seqs = page.map((m) => m.seq);
      expect(seqs, 'in seq order, all older').to.deep.equal([...seqs].sort((a, b) => a - b));
      expect(seqs.every((seq) => seq < top)).to.equal(true);
      const older = await adapter.loadMessages(
        { conversationId: first.conversationId, before: seqs[0], limit: 50 },
        ctx(),
      );
      expect(older.every((m) => m.seq < seqs[0]!)).to.equal(true);
      expect(older.some((m) => m.id === first.id)).to.equal(true);
      // Without `before`: the newest page.
      const newest = await adapter.loadMessages({ conversationId: first.conversationId, limit: 1 }, ctx());
      expect(newest).to.have.length(1);
      expect(newest[0]!.seq).to.be.at.least(top);
    });

    it('lists the customer’s own conversations and tickets, newest first, page by page', async function () {
      const { listConversations, listTickets } = adapter;
      if (!listConversations || !listTickets || !adapter.submitTicket) return this.skip();
      const older = await adapter.sendMessage(
        { ...outgoing('My earbuds from order YX58190385 crackle'), context: { locale: 'en', orderId: 'YX58190385' } },
        ctx(),
      );
      const newer = await adapter.sendMessage(outgoing('How do I get an invoice?'), ctx());
      const { conversations } = await listConversations.call(adapter, { limit: 50 }, ctx());
      const ids = conversations.map((c) => c.id);
      expect(ids.indexOf(newer.conversationId), 'the newer one first').to.be.within(
        0,
        ids.indexOf(older.conversationId),
      );
      const summary = conversations.find((c) => c.id === older.conversationId)!;
      expect(summary.summary).to.equal('My earbuds from order YX58190385 crackle');
      expect(summary.orderId).to.equal('YX58190385');
      expect(['open', 'closed']).to.include(summary.status);
      expect(summary.last?.createdAt).to.be.a('string');
      // Page by page with the opaque cursor: every conversation once.
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 20; pages++) {
        const page = await listConversations.call(adapter, { limit: 1, ...(cursor && { cursor }) }, ctx());
        expect(page.conversations.length).to.be.at.most(1);
        seen.push(...page.conversations.map((c) => c.id));
        if (!(cursor = page.next)) break;
      }
      expect(seen).to.include.members([older.conversationId, newer.conversationId]);
      expect(new Set(seen).size).to.equal(seen.length);
      const receipt = await adapter.submitTicket(
        {
          category: 'other',
          description: 'The lid is cracked',
          contact: 'a@example.com',
          attachments: [],
          context: { locale: 'en' },
        },
        ctx(),
      );
      const { tickets } = await listTickets.call(adapter, { limit: 5 }, ctx());
      expect(tickets[0]?.id, 'the newest ticket first').to.equal(receipt.id);
      expect([tickets[0]!.status, tickets[0]!.summary]).to.deep.equal(['open', 'The lid is cracked']);
    });

    it('shows a ticket’s thread, takes a reply with a photo, reopens, and streams its changes', async function () {
      const { getTicket, replyTicket, reopenTicket, subscribeCustomer, submitTicket } = adapter;
      if (!getTicket || !replyTicket || !reopenTicket || !submitTicket) return this.skip();
      const { id } = await submitTicket.call(
        adapter,
        {
          category: 'other',
          description: 'Broken handle',
          contact: 'a@example.com',
          attachments: [],
          context: { locale: 'en' },
        },
        ctx(),
      );
      const thread = await getTicket.call(adapter, id, ctx());
      expect([thread.ticket.id, thread.ticket.description, thread.ticket.status]).to.deep.equal([
        id,
        'Broken handle',
        'open',
      ]);
      expect(thread.replies).to.be.an('array');
      const events: CustomerEvent[] = [];
      let open = false;
      if (subscribeCustomer)
        stops.push(
          subscribeCustomer.call(
            adapter,
            { event: (e) => events.push(e), state: (s) => (open ||= s === 'open') },
            ctx(),
          ),
        );
      if (subscribeCustomer) await waitUntil(() => open, 'the customer stream opens', { timeout: REPLY_TIMEOUT });
      const photo = adapter.uploadAttachment
        ? [await adapter.uploadAttachment({ file: new File([PNG], 'handle.png', { type: 'image/png' }) }, ctx())]
        : [];
      const reply = await replyTicket.call(
        adapter,
        { ticketId: id, text: 'Here is a photo', attachments: photo },
        ctx(),
      );
      expect([reply.role, reply.text, reply.attachments?.length ?? 0]).to.deep.equal([
        'customer',
        'Here is a photo',
        photo.length,
      ]);
      const after = await getTicket.call(adapter, id, ctx());
      expect(after.replies.at(-1)?.id).to.equal(reply.id);
      expect(after.ticket.last?.text).to.equal('Here is a photo');
      if (subscribeCustomer)
        await waitUntil(
          () => events.some((e) => e.ticket.id === id && e.ticket.last?.text === 'Here is a photo'),
          'the reply shows on the customer stream',
          { timeout: REPLY_TIMEOUT },
        );
      expect((await reopenTicket.call(adapter, id, ctx())).status).to.equal('open');
      expect((await rejection(getTicket.call(adapter, 'no-such-ticket', ctx()))).code).to.equal('rejected');
      expect(
        (await rejection(replyTicket.call(adapter, { ticketId: id, text: ' ', attachments: [] }, ctx()))).code,
      ).to.equal('rejected');
    });

    it('fails with AdapterError, never anything else', async function () {
      if (!adapter.getArticle) return this.skip();
      const error = await rejection(adapter.getArticle('no-such-article-' + Date.now(), ctx()));
      expect(error.code).to.equal('rejected');
    });
  });
