// A scripted desk API in the page, for the workbench's stories and its tests that need states a live server
// cannot be steered into (hostile data everywhere, a session that expires mid-reply). It answers the routes
// of docs/desk-api.md from the data it is given, as the server would, 401 included.
import type { Attachment, Locale, Message } from '../core/types.js';
import { langOf, sampleCannedReplies, sampleOrders } from '../adapters/memory/sample.js';
import type {
  CannedReply,
  ConversationSummary,
  DeskAgent,
  HandoffContext,
  QueueEntry,
  SearchResult,
  TeamMember,
  Ticket,
  TicketReply,
} from '../desk/types.js';

export interface DeskData {
  agent: DeskAgent;
  queue: QueueEntry[];
  conversations: Record<string, { conversation: ConversationSummary; messages: Message[]; context: HandoffContext }>;
  tickets: Ticket[];
  replies: Record<string, TicketReply[]>;
  search: SearchResult;
  canned: CannedReply[];
  team: TeamMember[];
}

export interface ScriptedDesk {
  fetch: typeof fetch;
  data: DeskData;
  signedIn: boolean;
  /** Ends the session: every later call answers 401. */
  expire(): void;
  /**
   * How `POST uploads` answers a file: `ok` (the default) as the server would, `fail` with a 503 (the
   * upload can be retried), `hang` never (an upload in progress).
   */
  uploads: (file: File) => 'ok' | 'fail' | 'hang';
}

const json = (body: unknown, status = 200) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
const unauthorized = () => json({ error: { code: 'unauthorized', message: 'Sign in again' } }, 401);

/** A desk API over `data`, signed in unless `signedIn` is false. */
export const scriptedDesk = (data: DeskData, signedIn = true): ScriptedDesk => {
  let seq = 1000;
  const upload = async (file: File, signal?: AbortSignal | null): Promise<Response> => {
    if (!desk.signedIn) return unauthorized();
    const answer = desk.uploads(file);
    if (answer === 'fail') return json({ error: { code: 'unavailable', message: 'Try again' } }, 503);
    if (answer === 'hang')
      return new Promise((_resolve, reject) =>
        signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    const attachment: Attachment = {
      id: `u${++seq}`,
      name: file.name,
      size: file.size,
      type: file.type,
      url: URL.createObjectURL(file),
    };
    return json(attachment);
  };
  const desk: ScriptedDesk = {
    data,
    signedIn,
    expire: () => (desk.signedIn = false),
    uploads: () => 'ok',
    fetch: async (input, init = {}) => {
      const url = new URL(String(input), location.href);
      const path = url.pathname.replace(/^.*\/api\/desk\//, '');
      const method = init.method ?? 'GET';
      if (init.body instanceof FormData) return upload(init.body.get('file') as File, init.signal);
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      if (path === 'session' && method === 'POST') {
        if (body.password !== 'service-hall-demo')
          return json({ error: { code: 'unauthorized', message: 'Wrong' } }, 401);
        desk.signedIn = true;
        return json({ agent: data.agent });
      }
      if (!desk.signedIn) return unauthorized();
      const [head, id, action] = path.split('/');
      switch (head) {
        case 'me':
          return json({ agent: data.agent, presence: 'online', maxChats: 3 });
        case 'presence':
          return json({ status: body.status });
        case 'session':
          desk.signedIn = false;
          return json(undefined, 204);
        case 'events': {
          const encoder = new TextEncoder();
          const events = [
            ['state', { presence: 'online', conversations: Object.keys(data.conversations) }],
            ['queue', { queue: data.queue }],
            ['agents', { agents: data.team }],
          ];
          const stream = new ReadableStream<Uint8Array>({
            start(controller) {
              for (const [event, payload] of events) {
                controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`));
              }
              init.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
            },
          });
          return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
        }
        case 'conversations': {
          const found = data.conversations[decodeURIComponent(id ?? '')];
          if (!found) return json({ error: { code: 'not_found', message: 'No such conversation' } }, 404);
          if (!action) return json(found);
          if (action === 'assign') return json({ conversation: found.conversation });
          if (action === 'transfer' || action === 'requeue') {
            found.conversation =
              action === 'transfer'
                ? { ...found.conversation, agentId: body.agentId }
                : { ...found.conversation, human: 'queued', agentId: undefined };
            return json(undefined, 204);
          }
          if (action === 'messages') {
            const message: Message = {
              id: `m${++seq}`,
              seq,
              conversationId: found.conversation.id,
              clientId: body.clientId,
              role: 'agent',
              author: { id: data.agent.id, name: data.agent.name },
              text: body.text,
              ...(body.cards && { cards: body.cards }),
              ...(body.attachments && { attachments: body.attachments }),
              createdAt: new Date().toISOString(),
            };
            found.messages.push(message);
            return json(message);
          }
          return json(undefined, 204);
        }
        case 'tickets': {
          if (!id) {
            const status = url.searchParams.get('status');
            return json({ tickets: data.tickets.filter((t) => !status || t.status === status) });
          }
          const ticket = data.tickets.find((t) => t.id === decodeURIComponent(id));
          if (!ticket) return json({ error: { code: 'not_found', message: 'No such ticket' } }, 404);
          if (method === 'PATCH') ticket.status = body.status;
          if (action === 'replies') {
            const reply: TicketReply = {
              id: `r${++seq}`,
              role: 'agent',
              author: { id: data.agent.id, name: data.agent.name },
              text: body.text,
              attachments: body.attachments ?? [],
              createdAt: new Date().toISOString(),
            };
            (data.replies[ticket.id] ??= []).push(reply);
            if (ticket.status === 'open') ticket.status = 'pending';
            return json(reply);
          }
          return method === 'PATCH' ? json({ ticket }) : json({ ticket, replies: data.replies[ticket.id] ?? [] });
        }
        case 'search':
          return json(data.search);
        case 'canned-replies':
          return json({ replies: data.canned });
        case 'agents':
          return json({ agents: data.team });
        default:
          return json({ error: { code: 'not_found', message: `No such route: ${path}` } }, 404);
      }
    },
  };
  return desk;
};

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const words = {
  'zh-CN': ['陈静', '耳机一直没收到，太差了！我要退款。', '您好，我是王伟，马上帮您查一下。', '物流信息三天没更新了。'],
  'zh-TW': ['陳靜', '耳機一直沒收到，太差了！我要退款。', '您好，我是王偉，馬上幫您查一下。', '物流資訊三天沒更新了。'],
  en: [
    'Chen Jing',
    'My earbuds never arrived. This is unacceptable, I want a refund!',
    'Hello, Wei here. Let me check that for you.',
    'The tracking has not moved for three days.',
  ],
} as const;

/** A believable workbench in `locale`: three customers waiting, one conversation open, two tickets. */
export const sampleDeskData = (locale: Locale): DeskData => {
  const lang = locale === 'en' ? 'en' : 'zh';
  const [name, complaint, hello, tracking] = words[locale];
  const order = sampleOrders(langOf(locale), Date.now())[2]!;
  const conversation: ConversationSummary = {
    id: 'c-1',
    human: 'connected',
    agentId: 'a-wei',
    customerId: 'u:10086',
    locale,
    createdAt: ago(12),
    updatedAt: ago(1),
    queuedAt: ago(6),
    lastSeq: 4,
  };
  const message = (seq: number, role: Message['role'], text: string, minutes: number): Message => ({
    id: `m${seq}`,
    seq,
    conversationId: 'c-1',
    role,
    text,
    createdAt: ago(minutes),
    ...(role === 'agent' && { author: { id: 'a-wei', name: '王伟 Wei' } }),
  });
  const refund = lang === 'en' ? 'Return or refund' : '退货退款';
  return {
    agent: { id: 'a-wei', name: '王伟 Wei', email: 'wei@demo.test' },
    queue: [
      {
        conversationId: 'c-2',
        position: 1,
        customer: { id: 'u:2001', name: lang === 'en' ? 'Li Na' : '李娜', tier: 'vip', kind: 'signed' },
        priority: 'high',
        sentiment: 'angry',
        reason: 'customer asked',
        orderId: 'YX58197720',
        locale,
        waitingSince: ago(7),
      },
      {
        conversationId: 'c-3',
        position: 2,
        customer: { id: 'u:2002', name: lang === 'en' ? 'Zhao Lei' : '赵磊', tier: 'member', kind: 'signed' },
        priority: 'normal',
        sentiment: 'anxious',
        reason: 'bot-failed',
        locale,
        waitingSince: ago(4),
      },
      {
        conversationId: 'c-4',
        position: 3,
        customer: { id: 'v:7f3a9c', kind: 'visitor' },
        priority: 'normal',
        sentiment: 'neutral',
        reason: 'customer asked',
        locale,
        waitingSince: ago(1),
      },
    ],
    conversations: {
      'c-1': {
        conversation,
        messages: [
          message(1, 'customer', tracking, 12),
          message(
            2,
            'bot',
            lang === 'en' ? 'Your parcel is on its way: **Shipped**.' : '您的包裹正在配送中：**已发货**。',
            12,
          ),
          message(3, 'customer', complaint, 7),
          message(4, 'agent', hello, 1),
        ],
        context: {
          customer: { id: 'u:10086', kind: 'signed', name, tier: 'vip' },
          pastContacts: [{ type: 'ticket', id: 'T20261128000017', createdAt: ago(60 * 30), status: 'solved' }],
          recontact: true,
          orderId: order.id,
          order,
          page: { page: 'order-detail', product: order.title },
          locale,
          sentiment: 'angry',
          reason: 'customer asked',
          priority: 'high',
          transcript: [
            { role: 'customer', text: tracking, createdAt: ago(12) },
            {
              role: 'bot',
              text: lang === 'en' ? 'Your parcel is on its way.' : '您的包裹正在配送中。',
              createdAt: ago(12),
            },
            { role: 'customer', text: complaint, createdAt: ago(7) },
          ],
          suggestions: {
            articles: [
              {
                type: 'article',
                articleId: 'refund-time',
                title: refund,
                summary: lang === 'en' ? 'Refunds arrive in 1–3 days.' : '退款 1–3 天到账。',
              },
            ],
            actions: [{ type: 'action', actionId: 'track', title: lang === 'en' ? 'Track package' : '查物流' }],
          },
        },
      },
    },
    tickets: [
      {
        id: 'T20261201000042',
        status: 'open',
        category: lang === 'en' ? 'Delivery' : '物流配送',
        description: lang === 'en' ? 'The box arrived crushed, photo attached.' : '包装箱压坏了，附照片。',
        orderId: 'YX58176402',
        contact: 'chen.jing@example.com',
        attachments: [],
        context: { locale },
        customer: { id: 'u:10086', name, tier: 'vip' },
        createdAt: ago(90),
        updatedAt: ago(90),
      },
      {
        id: 'T20261130000007',
        status: 'solved',
        category: lang === 'en' ? 'Invoice' : '发票',
        description: lang === 'en' ? 'Please send a company invoice.' : '请开具公司抬头发票。',
        contact: '138 0013 6502',
        attachments: [],
        context: { locale },
        customer: { id: 'u:2002', name: lang === 'en' ? 'Zhao Lei' : '赵磊' },
        createdAt: ago(60 * 26),
        updatedAt: ago(60 * 20),
      },
    ],
    replies: {},
    search: { messages: [], conversations: [], tickets: [] },
    canned: sampleCannedReplies(langOf(locale)),
    team: [
      { id: 'a-wei', name: '王伟 Wei', presence: 'online', online: true, maxChats: 3, load: 1 },
      { id: 'a-lina', name: '李娜 Lina', presence: 'online', online: true, maxChats: 3, load: 2 },
      { id: 'a-zhou', name: '周杰 Jay', presence: 'away', online: false, maxChats: 3, load: 0 },
    ],
  };
};

/**
 * Late by the team's OLA: a customer waiting too long, first in the queue before the VIP, and a held
 * conversation whose customer has had no reply for a while.
 */
export const lateItems = (data: DeskData): DeskData => {
  const [vip, waiting, ...rest] = data.queue;
  const since = ago(12);
  const late: QueueEntry = { ...waiting!, waitingSince: since, late: [{ kind: 'queue-wait', since }] };
  data.queue = [late, vip!, ...rest].map((entry, i) => ({ ...entry, position: i + 1 }));
  const chat = data.conversations['c-1']!;
  chat.messages = chat.messages.filter((m) => m.role !== 'agent');
  const silent = chat.messages.at(-1)!.createdAt;
  chat.conversation = { ...chat.conversation, late: [{ kind: 'no-reply', since: silent }] };
  // The oldest ticket not yet solved is past its OLA.
  const overdue = data.tickets.filter((t) => t.status !== 'solved').at(-1);
  if (overdue) overdue.late = [{ kind: 'ticket-unsolved', since: overdue.createdAt }];
  return data;
};
