import { AdapterError } from '../../core/adapter.js';
import type {
  ConversationPage,
  CustomerEvent,
  CustomerSink,
  ListRequest,
  TicketInput,
  TicketPage,
} from '../../core/adapter.js';
import type {
  Agent,
  Attachment,
  ConversationSummary,
  LastEntry,
  Message,
  TicketReply,
  TicketStatus,
  TicketSummary,
  TicketThread,
} from '../../core/types.js';
import type { Conversation } from './conversation.js';
import { tr, type Lang } from './sample.js';

const SUMMARY_MAX = 140;
const HOUR = 3_600_000;

interface StoredTicket {
  id: string;
  status: TicketStatus;
  category: string;
  description: string;
  orderId?: string;
  attachments: Attachment[];
  createdAt: string;
  updatedAt: string;
  replies: TicketReply[];
}

/** A list's text on one line, cut at a character boundary, as the reference server does. */
const shorten = (text: string): string => {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > SUMMARY_MAX ? chars.slice(0, SUMMARY_MAX - 1).join('') + '…' : chars.join('');
};

const lastOf = (entry: Pick<Message, 'role' | 'text' | 'createdAt' | 'author'> | undefined): LastEntry | undefined =>
  entry && {
    role: entry.role,
    text: shorten(entry.text),
    createdAt: entry.createdAt,
    ...(entry.author && { author: entry.author }),
  };

/** Newest first, then a page from a numeric cursor (the index where the previous page ended). */
const page = <T>(list: T[], { cursor, limit = 20 }: ListRequest): { items: T[]; next?: string } => {
  const start = cursor === undefined ? 0 : Number(cursor);
  if (!Number.isInteger(start) || start < 0) return { items: [] };
  const take = Math.min(50, Math.max(1, limit));
  const items = list.slice(start, start + take);
  return { items, ...(start + take < list.length && { next: String(start + take) }) };
};

const rejected = (message: string, status = 422) => new AdapterError('rejected', message, status);

/**
 * The simulated customer's past: their tickets and the summaries of their conversations, with a stream of
 * ticket changes. A simulated agent answers a new ticket after `replyMs`.
 */
export const createPast = (options: {
  conversations: Map<string, Conversation>;
  ref(prefix: string): string;
  replyMs: number;
}) => {
  const tickets = new Map<string, StoredTicket>();
  const sinks = new Set<CustomerSink>();
  let seeded = false;
  let replies = 0;

  const summaryOf = (t: StoredTicket): TicketSummary => ({
    id: t.id,
    status: t.status,
    category: t.category,
    summary: shorten(t.description),
    ...(t.orderId && { orderId: t.orderId }),
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    ...(t.replies.length && { last: lastOf(t.replies.at(-1)) }),
  });

  const emit = (t: StoredTicket) => {
    const event: CustomerEvent = { type: 'ticket', ticket: summaryOf(t) };
    for (const sink of sinks) {
      try {
        sink.event(event);
      } catch (error) {
        globalThis.reportError?.(error);
      }
    }
  };

  const own = (id: unknown): StoredTicket => {
    const t = typeof id === 'string' ? tickets.get(id) : undefined;
    if (!t) throw rejected('No such ticket', 404);
    return t;
  };

  const change = (t: StoredTicket, patch: Partial<StoredTicket>) => {
    Object.assign(t, patch, { updatedAt: new Date().toISOString() });
    emit(t);
  };

  /** An agent answers (and may change the status); an answered open ticket waits on the customer. */
  const answer = (id: string, agent: Agent, text?: string, status?: TicketStatus) => {
    const t = own(id);
    if (text)
      t.replies.push({
        id: `${t.id}-r${++replies}`,
        role: 'agent',
        author: { id: agent.id, name: agent.name },
        text,
        createdAt: new Date().toISOString(),
      });
    change(t, { status: status ?? (text && t.status === 'open' ? 'pending' : t.status) });
  };

  /** A past the demo customer comes back to: a conversation about an order from yesterday, a solved ticket. */
  const seed = (lang: Lang, agent: Agent, make: (id: string) => Conversation) => {
    if (seeded) return;
    seeded = true;
    const t = tr(lang);
    const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR).toISOString();
    const conv = make('c-past-kettle');
    conv.orderId = 'YX58190385';
    const lines: [Message['role'], string, string][] = [
      ['customer', '订单 YX58190385 的耳机什么时候到？', 'When will the earbuds of order YX58190385 arrive?'],
      ['agent', '已为您催促快递，预计明天送达。', "I've chased the courier; they should arrive tomorrow."],
      ['customer', '好的，谢谢', 'Great, thanks'],
    ];
    lines.forEach(([role, zh, en], i) =>
      conv.messages.push({
        id: `${conv.id}-${i + 1}`,
        seq: i + 1,
        conversationId: conv.id,
        role,
        text: t(zh, en),
        ...(role === 'agent' && { author: { id: agent.id, name: agent.name } }),
        ...(role === 'customer' && { clientId: `${conv.id}-k${i}` }),
        createdAt: at(20 - i * 0.1),
      }),
    );
    conv.human = 'closed';
    conv.closedBy = 'agent';
    tickets.set('T202611280001', {
      id: 'T202611280001',
      status: 'solved',
      category: 'refund',
      description: t('围巾退款还没有到账', 'The refund for the scarf has not arrived'),
      orderId: 'YX58143358',
      attachments: [],
      createdAt: at(72),
      updatedAt: at(50),
      replies: [
        {
          id: 'T202611280001-r0',
          role: 'agent',
          author: { id: agent.id, name: agent.name },
          text: t(
            '退款已原路退回，1–3 个工作日到账。',
            'The refund is on its way back to your card: 1–3 working days.',
          ),
          createdAt: at(50),
        },
      ],
    });
  };

  const conversationSummary = (c: Conversation): ConversationSummary | undefined => {
    const first = c.messages[0];
    const last = c.messages.at(-1);
    if (!first || !last) return undefined;
    const opening = c.messages.find((m) => m.role === 'customer') ?? first;
    return {
      id: c.id,
      status: c.human === 'closed' ? 'closed' : 'open',
      summary: shorten(opening.text),
      ...(c.orderId && { orderId: c.orderId }),
      createdAt: first.createdAt,
      updatedAt: last.createdAt,
      last: lastOf(last),
    };
  };

  return {
    seed,

    listConversations(request: ListRequest): ConversationPage {
      const all = [...options.conversations.values()]
        .flatMap((c) => conversationSummary(c) ?? [])
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      const { items, next } = page(all, request ?? {});
      return { conversations: items, ...(next && { next }) };
    },

    listTickets(request: ListRequest): TicketPage {
      const all = [...tickets.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).map(summaryOf);
      const { items, next } = page(all, request ?? {});
      return { tickets: items, ...(next && { next }) };
    },

    getTicket(id: string): TicketThread {
      const t = own(id);
      return {
        ticket: {
          ...summaryOf(t),
          description: t.description,
          ...(t.attachments.length && { attachments: t.attachments }),
        },
        replies: [...t.replies],
      };
    },

    /** Files a ticket; the simulated agent answers it later, if it is still waiting then. */
    file(input: TicketInput, agent: Agent, lang: Lang) {
      const now = new Date().toISOString();
      const t: StoredTicket = {
        id: options.ref('T'),
        status: 'open',
        category: String(input?.category ?? ''),
        description: String(input?.description ?? ''),
        ...(input?.orderId && { orderId: input.orderId }),
        attachments: Array.isArray(input?.attachments) ? input.attachments : [],
        createdAt: now,
        updatedAt: now,
        replies: [],
      };
      tickets.set(t.id, t);
      emit(t);
      if (options.replyMs > 0)
        setTimeout(() => {
          if (t.status !== 'open' || t.replies.length) return;
          answer(
            t.id,
            agent,
            tr(lang)(
              '您好，我们已收到您的工单，正在处理，有进展会第一时间回复您。',
              "Hello, we've received your ticket and are on it. We'll reply here as soon as there is news.",
            ),
          );
        }, options.replyMs);
      return { id: t.id, status: t.status };
    },

    reply(id: string, text: unknown, attachments: unknown, author?: string): TicketReply {
      const t = own(id);
      const body = typeof text === 'string' ? text.trim() : '';
      const files = Array.isArray(attachments) ? (attachments as Attachment[]) : [];
      if (!body && !files.length) throw rejected('The reply is empty');
      const reply: TicketReply = {
        id: `${t.id}-r${++replies}`,
        role: 'customer',
        ...(author && { author: { name: author } }),
        text: body,
        ...(files.length && { attachments: files }),
        createdAt: new Date().toISOString(),
      };
      t.replies.push(reply);
      // The customer's answer puts the ball back with the team.
      change(t, { status: 'open' });
      return reply;
    },

    reopen(id: string): TicketSummary {
      const t = own(id);
      if (t.status === 'solved') change(t, { status: 'open' });
      return summaryOf(t);
    },

    answer,

    subscribe(sink: CustomerSink, signal: AbortSignal): () => void {
      const stop = () => {
        sinks.delete(sink);
        signal.removeEventListener('abort', stop);
      };
      if (signal.aborted) return stop;
      sinks.add(sink);
      sink.state?.('open');
      signal.addEventListener('abort', stop);
      return stop;
    },
  };
};
