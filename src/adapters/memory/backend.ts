import { AdapterError, historyPage } from '../../core/adapter.js';
import type { CallContext, HumanRequest, HumanResponse, SendReceipt, StreamSink } from '../../core/adapter.js';
import { botAnswer, popularQuestions, type BotPhrases } from '../../core/bot.js';
import { createSearchIndex, type SearchIndex } from '../../core/search.js';
import type {
  Action,
  Agent,
  Announcement,
  Article,
  Author,
  Card,
  Customer,
  Locale,
  Order,
  Recommendation,
  ServiceStatus,
} from '../../core/types.js';
import { sampleArticles } from './articles.js';
import { Conversation } from './conversation.js';
import { createPast } from './past.js';
import { createShop } from './shop.js';
import type { MemoryBackend, MemoryData, RecordLog } from './index.js';
import {
  langOf,
  sampleActions,
  sampleAgents,
  sampleAnnouncements,
  sampleBot,
  sampleCompany,
  sampleCustomer,
  sampleGreeting,
  sampleOrders,
  sampleRecommendations,
  tr,
  type Lang,
} from './sample.js';

const DEFAULT_TIMING = { queueStepMs: 2500, agentJoinMs: 1500, typingMs: 1200, botDelayMs: 400, ticketReplyMs: 8000 };
const DEFAULT_LATENCY = [60, 180] as const;
// A customer joins the queue third in line; a VIP or high-priority hand-off goes to the front.
const QUEUE_START = 3;
const SEARCH_LIMIT = 8;
// "Thanks" ends the chat only in a short message: "谢谢，但是包裹没有了" is a new problem, not a goodbye.
const THANKS = /谢谢|謝謝|多谢|没有了|沒有了|没事了|thank|that'?s all|nothing else/i;
const THANKS_MAX = 24;

/** What the simulation serves in one language. Built on first use. */
interface World {
  lang: Lang;
  t: (zh: string, en: string) => string;
  customer: Customer;
  company: string;
  articles: Article[];
  byId: Map<string, Article>;
  index(): SearchIndex<Article>;
  orders: Order[];
  actions: Action[];
  recommendations: Recommendation[];
  announcements: Announcement[];
  agents: Agent[];
  bot: Author;
  phrases: BotPhrases;
}

const rejected = (message: string, status = 422) => new AdapterError('rejected', message, status);
const aborted = () => new AdapterError('aborted', 'aborted');

/** Waits `ms`, or rejects as soon as `signal` aborts. */
const delay = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(aborted());
    const settle = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', abort);
    };
    const abort = () => {
      settle();
      reject(aborted());
    };
    const timer = setTimeout(() => {
      settle();
      resolve();
    }, ms);
    signal.addEventListener('abort', abort);
  });

const duration = (value: unknown, fallback: number): number =>
  typeof value === 'number' && value >= 0 ? value : fallback;

/** Given items, without junk and with one item per id; or the sample when none were given. */
const unique = <T extends { id: string }>(given: readonly T[] | undefined, sample: () => T[]): T[] => {
  if (!Array.isArray(given)) return sample();
  const seen = new Set<string>();
  return given.filter((item) => typeof item?.id === 'string' && !seen.has(item.id) && !!seen.add(item.id));
};

/** An article without its body, for indexes and search results. */
const brief = ({ id, title, summary, keywords, tags }: Article): Article => ({ id, title, summary, keywords, tags });

/** Agents start work at nine; the next nine o'clock from now. */
const nextOpening = (): string => {
  const d = new Date();
  d.setHours(9, 0, 0, 0);
  if (d.getTime() <= Date.now()) d.setDate(d.getDate() + 1);
  return d.toISOString();
};

/** The implementation behind `createMemoryAdapter`, loaded on first use. */
export const createBackend = (input: MemoryData, records: RecordLog): MemoryBackend => {
  const data: MemoryData = { ...input };
  const timing = { ...DEFAULT_TIMING };
  for (const key of Object.keys(timing) as (keyof typeof timing)[]) {
    timing[key] = duration(data.timing?.[key], timing[key]);
  }
  const service: ServiceStatus = { humanAvailable: true, expectedWaitSeconds: 90, ...data.service };
  const created = Date.now();
  const worlds: World[] = [];
  const conversations = new Map<string, Conversation>();
  const receipts = new Map<string, SendReceipt>();
  const shop = createShop();
  let serial = 0;
  let handoffs = 0;
  const past = createPast({ conversations, ref: shop.ref, replyMs: timing.ticketReplyMs });

  const latency = (): number => {
    const given = data.latency;
    const [low, high] = Array.isArray(given) ? given : typeof given === 'number' ? [given, given] : DEFAULT_LATENCY;
    const min = duration(low, DEFAULT_LATENCY[0]);
    return min + Math.random() * Math.max(0, duration(high, min) - min);
  };

  const world = (lang: Lang): World => {
    const known = worlds[lang];
    if (known) return known;
    const t = tr(lang);
    const phrases = sampleBot(lang);
    const articles = unique(data.articles, () => sampleArticles(lang));
    let index: SearchIndex<Article> | undefined;
    return (worlds[lang] = {
      lang,
      t,
      customer: data.customer ?? sampleCustomer(lang),
      company: data.company ?? sampleCompany(lang),
      articles,
      byId: new Map(articles.map((article) => [article.id, article])),
      index: () => (index ??= createSearchIndex(articles)),
      orders: unique(data.orders, () => sampleOrders(lang, created)),
      actions: unique(data.actions, () => sampleActions(lang)),
      recommendations: unique(data.recommendations, () => sampleRecommendations(lang)),
      announcements: unique(data.announcements, () => sampleAnnouncements(lang)),
      agents: sampleAgents(lang),
      phrases,
      bot: { id: 'bot', name: phrases.name },
    });
  };

  const orders = (w: World): Order[] => shop.orders(w.orders);

  /** Every operation: network latency first, cancellable, then the work in the caller's language. */
  const call = async <T>(ctx: CallContext, work: (w: World) => T): Promise<T> => {
    await delay(latency(), ctx.signal);
    return work(world(langOf(ctx.locale)));
  };

  /** The customer's past, seeded with sample history on first use unless turned off. */
  const history = <T>(ctx: CallContext, work: (w: World) => T): Promise<T> =>
    call(ctx, (w) => {
      if (data.pastHistory !== false) past.seed(w.lang, w.agents[0]!, (id) => conversation(id, ctx.locale));
      return work(w);
    });

  const conversation = (id: unknown, locale: Locale): Conversation => {
    const known = typeof id === 'string' && id ? conversations.get(id) : undefined;
    if (known) return known;
    // A random id: a client may have kept an id from an earlier page load, which must not collide.
    const fresh = new Conversation(
      typeof id === 'string' && id ? id : `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      locale,
    );
    conversations.set(fresh.id, fresh);
    return fresh;
  };

  /** The bot or the agent: a pause, "typing…", then the message. */
  const reply = (
    conv: Conversation,
    kind: 'bot' | 'human' | 'agent',
    author: Author,
    text: string,
    cards?: Card[],
    then?: () => void,
  ): void =>
    conv.later(kind, timing.botDelayMs, () => {
      const who = { name: author.name };
      conv.emit({ type: 'typing', typing: true, author: who });
      conv.later(kind, timing.typingMs, () => {
        conv.emit({ type: 'typing', typing: false, author: who });
        conv.post({ role: kind === 'bot' ? 'bot' : 'agent', author, text, cards });
        then?.();
      });
    });

  const close = (conv: Conversation, by: 'agent' | 'customer'): void => {
    conv.cancel();
    conv.human = 'closed';
    conv.closedBy = by;
    conv.emit({ type: 'closed', by });
  };

  const answer = (conv: Conversation, text: string): void => {
    const w = world(langOf(conv.locale));
    const knowledge = {
      index: w.index(),
      article: (id: string) => w.byId.get(id),
      popular: popularQuestions(w.recommendations, w.articles),
    };
    const bot = botAnswer(text, knowledge, w.phrases);
    if (bot) reply(conv, 'bot', w.bot, bot.text, bot.cards);
  };

  const agentReply = (conv: Conversation, agent: Author, text: string): void => {
    const { t } = world(langOf(conv.locale));
    if (THANKS.test(text) && text.length <= THANKS_MAX) {
      reply(
        conv,
        'agent',
        agent,
        t('不客气！祝您生活愉快，有问题随时找我们。', "You're welcome! Have a great day, and come back any time."),
        undefined,
        () => conv.later('agent', timing.typingMs, () => close(conv, 'agent')),
      );
      return;
    }
    const replies = [
      t('好的，我正在为您核实，请稍等。', "Sure, I'm checking that for you now."),
      t('已经为您登记，处理结果会短信通知您。', "I've logged it; you'll get a text once it's done."),
      t('明白了。还有其他可以帮您的吗？', 'Understood. Is there anything else I can help with?'),
    ];
    reply(conv, 'agent', agent, replies[conv.turns++ % replies.length] ?? '');
  };

  const join = (conv: Conversation, request: HumanRequest): void => {
    const { t, agents } = world(langOf(conv.locale));
    const agent = agents.find((a) => a.id === request.preferredAgentId) ?? agents[handoffs++ % agents.length];
    if (!agent) return;
    conv.human = 'connected';
    conv.agent = agent;
    // A human has the conversation now: the bot stays quiet.
    conv.cancel('bot');
    conv.emit({ type: 'agent', status: 'joined', agent: conv.agent });
    const orderId = request.context?.orderId;
    const reason = typeof request.reason === 'string' ? request.reason.trim() : '';
    const topic = orderId
      ? t(`已看到您关于订单 ${orderId} 的问题`, `I can see your question about order ${orderId}`)
      : t('已看到您之前的对话', "I've read your conversation so far");
    reply(
      conv,
      'human',
      agent,
      t(`您好，我是客服${agent.name}。`, `Hi, I'm ${agent.name}. `) +
        topic +
        (reason ? t(`（${reason}）`, ` (${reason})`) : '') +
        t('，我来为您处理。', '. Let me look into it.'),
    );
  };

  const enqueue = (conv: Conversation, request: HumanRequest, ctx: CallContext, w: World): void => {
    const tier = request.context?.tier ?? ctx.user?.tier ?? w.customer.tier;
    const perPlace = duration(service.expectedWaitSeconds, 90) / QUEUE_START;
    const place = (position: number) => {
      conv.position = position;
      conv.etaSeconds = Math.round(position * perPlace);
      conv.emit({ type: 'queue', position, etaSeconds: conv.etaSeconds });
    };
    const step = (): void =>
      conv.position > 1
        ? conv.later('human', timing.queueStepMs, () => {
            place(conv.position - 1);
            step();
          })
        : conv.later('human', timing.agentJoinMs, () => join(conv, request));
    conv.human = 'queued';
    place(request.priority === 'high' || tier === 'vip' ? 1 : QUEUE_START);
    step();
  };

  return {
    setService(patch) {
      if (patch && typeof patch === 'object') Object.assign(service, patch);
    },

    loadHall: (request, ctx) =>
      call(ctx, (w) => {
        const name = ctx.user?.name ?? w.customer.name;
        return {
          greeting:
            typeof data.greeting === 'string'
              ? data.greeting.replace('{name}', name ?? '')
              : sampleGreeting(w.lang, name),
          company: w.company,
          announcements: w.announcements,
          orders: orders(w),
          recommendations: w.recommendations,
          actions: w.actions,
          service: service.humanAvailable
            ? { ...service }
            : { ...service, nextOpenAt: service.nextOpenAt ?? nextOpening() },
        };
      }),

    sendMessage: (message, ctx) =>
      call(ctx, (w) => {
        const clientId = message?.clientId;
        if (typeof clientId !== 'string' || !clientId) throw rejected('clientId is required');
        const known = receipts.get(clientId);
        if (known) return known;
        const text = typeof message.text === 'string' ? message.text : '';
        const attachments = Array.isArray(message.attachments) ? message.attachments : [];
        if (!text.trim() && !attachments.length) throw rejected('The message is empty');
        const locale = message.context?.locale ?? ctx.locale;
        const conv = conversation(message.conversationId, locale);
        conv.locale = locale;
        if (message.context?.orderId) conv.orderId = message.context.orderId;
        const name = ctx.user?.name ?? w.customer.name;
        const posted = conv.post({
          role: 'customer',
          clientId,
          text,
          attachments,
          author: name ? { name } : undefined,
          sentiment: message.context?.sentiment,
        });
        const receipt = {
          conversationId: conv.id,
          id: posted.id,
          clientId,
          seq: posted.seq,
          createdAt: posted.createdAt,
        };
        receipts.set(clientId, receipt);
        records.messages.push(message);
        if (conv.human === 'connected' && conv.agent) agentReply(conv, conv.agent, text);
        else if (conv.human !== 'queued') {
          // Writing after the end starts over with the bot; while queued, the agent reads it on joining.
          conv.human = 'none';
          answer(conv, text);
        }
        return receipt;
      }),

    subscribe(request, sink: StreamSink, ctx) {
      const conv = conversation(request?.conversationId, ctx.locale);
      let detach: (() => void) | undefined;
      const stop = () => {
        clearTimeout(connecting);
        detach?.();
        detach = undefined;
        ctx.signal.removeEventListener('abort', stop);
      };
      const connecting = setTimeout(() => {
        detach = conv.attach(sink, duration(request?.after, 0));
        sink.state?.('open');
      }, latency());
      ctx.signal.addEventListener('abort', stop);
      if (ctx.signal.aborted) stop();
      return stop;
    },

    loadKnowledge: (ctx) => call(ctx, (w) => ({ articles: w.articles.map(brief) })),

    loadMessages: (request, ctx) =>
      call(ctx, () => historyPage(conversations.get(request?.conversationId)?.messages ?? [], request ?? {})),

    getArticle: (id, ctx) =>
      call(ctx, (w) => {
        const article = w.byId.get(id);
        if (!article) throw rejected('not found', 404);
        return article;
      }),

    searchArticles: (query, ctx) =>
      call(ctx, (w) =>
        w
          .index()
          .search(String(query ?? ''), SEARCH_LIMIT)
          .map((hit) => brief(hit.item)),
      ),

    requestHuman: (request, ctx) =>
      call(ctx, (w): HumanResponse => {
        records.humanRequests.push(request);
        if (!service.humanAvailable) return { status: 'offline', nextOpenAt: service.nextOpenAt ?? nextOpening() };
        const conv = conversation(request?.conversationId, request?.context?.locale ?? ctx.locale);
        if (conv.human === 'connected' && conv.agent) return { status: 'connected', agent: conv.agent };
        if (conv.human !== 'queued') enqueue(conv, request, ctx, w);
        return { status: 'queued', position: conv.position, etaSeconds: conv.etaSeconds };
      }),

    cancelHuman: (conversationId, ctx) =>
      call(ctx, () => {
        const conv = conversations.get(conversationId);
        if (!conv || (conv.human !== 'queued' && conv.human !== 'connected')) return;
        conv.cancel('human', 'agent');
        conv.human = 'none';
        if (conv.agent) conv.emit({ type: 'agent', status: 'left', agent: conv.agent });
        conv.agent = undefined;
      }),

    runAction: (request, ctx) =>
      call(ctx, (w) => {
        records.actions.push(request);
        const { t } = w;
        const action = w.actions.find((a) => a.id === request?.actionId);
        if (!action) throw rejected(t('没有这个操作。', 'There is no such action.'), 404);
        const input = request.input && typeof request.input === 'object' ? request.input : {};
        let order: Order | undefined;
        for (const field of action.fields ?? []) {
          const value = input[field.name];
          if (value == null || value === '' || (Array.isArray(value) && !value.length)) {
            if (field.required) throw rejected(t(`请填写「${field.label}」。`, `${field.label} is required.`));
          } else if (field.type === 'order') {
            order = orders(w).find((o) => o.id === value);
            if (!order) throw rejected(t('找不到这个订单。', 'That order was not found.'));
          } else if (field.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(value))) {
            throw rejected(t('邮箱格式不正确。', 'Enter a valid email address.'));
          }
        }
        const result = shop.perform(w.lang, action, input, order);
        // Run from a conversation, the result joins it: every client of it sees the card once, from the stream.
        conversations.get(request.conversationId ?? '')?.post({
          role: 'bot',
          author: w.bot,
          text: result.message,
          cards: [result.card ?? { type: 'result', ok: result.ok, title: action.title }],
        });
        return result;
      }),

    submitTicket: (ticket, ctx) =>
      history(ctx, (w) => {
        records.tickets.push(ticket);
        return past.file(ticket, w.agents[0]!, w.lang);
      }),

    listConversations: (request, ctx) => history(ctx, () => past.listConversations(request)),
    listTickets: (request, ctx) => history(ctx, () => past.listTickets(request)),
    getTicket: (id, ctx) => history(ctx, () => past.getTicket(id)),
    replyTicket: (reply, ctx) =>
      history(ctx, (w) =>
        past.reply(reply?.ticketId, reply?.text, reply?.attachments, ctx.user?.name ?? w.customer.name),
      ),
    reopenTicket: (id, ctx) => history(ctx, () => past.reopen(id)),
    subscribeCustomer: (sink, ctx) => past.subscribe(sink, ctx.signal),

    answerTicket(id, { text, status } = {}) {
      const w = world(0);
      past.answer(id, w.agents[0]!, text, status);
    },

    async uploadAttachment(request, ctx) {
      const file = request?.file;
      if (!(file instanceof Blob)) throw rejected('file is required');
      // Progress in a few steps across the simulated transfer time.
      const steps = 4;
      const each = latency() / steps;
      for (let step = 1; step <= steps; step++) {
        await delay(each, ctx.signal);
        request.onProgress?.(step / steps);
      }
      return {
        id: `f-${Date.now().toString(36)}-${++serial}`,
        name: file.name || 'file',
        size: file.size,
        type: file.type || 'application/octet-stream',
        url: URL.createObjectURL(file),
      };
    },

    rate: (rating, ctx) =>
      call(ctx, () => {
        records.ratings.push(rating);
      }),

    endConversation: (conversationId, ctx) =>
      call(ctx, () => {
        const conv = conversations.get(conversationId);
        if (conv && conv.human !== 'closed') close(conv, 'customer');
      }),

    sendTyping: ({ conversationId, typing }, ctx) =>
      call(ctx, () => void records.typing.push({ conversationId, typing })),

    track: (events, ctx) =>
      call(ctx, () => {
        if (Array.isArray(events)) records.tracked.push(...events);
      }),
  };
};
