// An adapter whose conversation already holds a long history: the first message sent opens it, and its
// event stream then replays every earlier message in one batch, as a backend's backfill does. Used by the
// benchmark's long-history figures and by the long-history story.
import type { Adapter } from '../core/adapter.js';
import type { Message } from '../core/types.js';

const LINES = {
  customer: [
    '我的空气炸锅还没发货，能帮我催一下吗？',
    'The parcel says delivered but nothing is at my door.',
    '发票抬头写错了，可以重新开吗？',
    'Can I change the size of the running shoes I ordered?',
    '退款三天了还没到账',
  ],
  bot: [
    '已为您查询：订单已出库，预计明天送达。',
    'I found your order: it left the warehouse today and should arrive tomorrow.',
    '电子发票在确认收货后24小时内发到邮箱，可在「我的订单 › 发票」换开一次。',
    'You can exchange it within 7 days: go to My Orders › After-sales › Exchange.',
    '退款原路退回，银行卡1–5个工作日到账。',
  ],
  agent: [
    '您好，我是客服小林，我来帮您跟进这个问题。',
    'Hi, this is Sam from support. I have opened a claim with the courier for you.',
    '已经帮您重新开具发票，请留意邮箱。',
    'Done: the new size ships tomorrow and you will get a tracking number by text.',
    '我已加急处理，今天内会有结果，请您放心。',
  ],
};
const ROLES = ['customer', 'bot', 'agent'] as const;
const AUTHORS = { bot: { name: 'Service bot' }, agent: { name: 'Lin', id: 'agent-lin' } } as const;

/** `count` earlier messages in `conversationId`, seq 1…count, a minute apart. */
const historyOf = (conversationId: string, count: number): Message[] => {
  const start = Date.now() - count * 60_000;
  return Array.from({ length: count }, (_, i) => {
    const role = ROLES[i % 3]!;
    return {
      id: `h${i + 1}`,
      seq: i + 1,
      conversationId,
      role,
      ...(role !== 'customer' && { author: AUTHORS[role] }),
      text: LINES[role][Math.floor(i / 3) % 5]!,
      createdAt: new Date(start + i * 60_000).toISOString(),
    };
  });
};

/** The first screen comes from `hall` (a memory adapter); the conversation holds `count` messages before the first one sent. */
export const createHistoryAdapter = (hall: Adapter, count: number): Adapter => {
  const conversationId = 'c-history';
  const history = historyOf(conversationId, count);
  return {
    loadHall: (request, ctx) => hall.loadHall(request, ctx),
    sendMessage: async (message) => ({
      conversationId,
      id: `m-${message.clientId}`,
      clientId: message.clientId,
      seq: count + 1,
      createdAt: new Date().toISOString(),
    }),
    // The server's side: pages back through the same history.
    loadMessages: async ({ before = Infinity, limit = 50 }) => history.filter((m) => m.seq < before).slice(-limit),
    subscribe({ after }, sink) {
      let live = true;
      queueMicrotask(() => {
        for (const message of history) if (live && message.seq > after) sink.event({ type: 'message', message });
      });
      return () => {
        live = false;
      };
    },
  };
};

/**
 * What a device keeps of `createHistoryAdapter`'s conversation of `count` messages for customer `userId`: its latest
 * `kept` messages and the cursor after them, as a reload finds them in localStorage.
 */
export const keepOnDevice = (userId: string, count: number, kept = 100): void => {
  const key = (name: string) => `service-hall:v1:${userId}:${name}`;
  const messages = historyOf('c-history', count).slice(-kept);
  localStorage.setItem(key('messages'), JSON.stringify(messages.map((m) => ({ ...m, delivery: 'sent' }))));
  localStorage.setItem(
    key('conversation'),
    JSON.stringify({ id: 'c-history', status: 'active', rated: false, lastSeq: count }),
  );
};
