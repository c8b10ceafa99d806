import { AdapterError } from '../../core/adapter.js';
import type {
  ActionResult,
  CallContext,
  HumanRequest,
  HumanResponse,
  SendReceipt,
  StreamSink,
} from '../../core/adapter.js';
import { disambiguate, wantsHuman } from '../../core/intents.js';
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
import type { MemoryBackend, MemoryData, RecordLog } from './index.js';
import {
  langOf,
  REASONS,
  reasonLabel,
  sampleActions,
  sampleAgents,
  sampleAnnouncements,
  sampleCompany,
  sampleCustomer,
  sampleGreeting,
  sampleOrders,
  sampleRecommendations,
  tr,
  type Lang,
} from './sample.js';

const DEFAULT_TIMING = { queueStepMs: 2500, agentJoinMs: 1500, typingMs: 1200, botDelayMs: 400 };
const DEFAULT_LATENCY = [60, 180] as const;
// A customer joins the queue third in line; a VIP or high-priority hand-off goes to the front.
const QUEUE_START = 3;
const SEARCH_LIMIT = 8;
// The bot answers only with more confidence than suggestions need: a wrong answer costs more than "not found".
const BOT_MIN_SCORE = 0.5;
// "Thanks" ends the chat only in a short message: "谢谢，但是包裹没有了" is a new problem, not a goodbye.
const THANKS = /谢谢|謝謝|多谢|没有了|沒有了|没事了|thank|that'?s all|nothing else/i;
const THANKS_MAX = 24;
const HELLO = /^(hi|hello|hey|你好|您好|在吗|在不在|哈喽)[\s\p{P}]*$/iu;

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

const pad = (n: number) => String(n).padStart(2, '0');

const stamp = (time: number): string => {
  const d = new Date(time);
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

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
  // Orders change status through actions (cancel, refund) in every language at once.
  const statuses = new Map<string, string>();
  let serial = 0;
  let handoffs = 0;

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
      bot: { id: 'bot', name: t('智能助手小优', 'Youxuan Assistant') },
    });
  };

  const orders = (w: World): Order[] =>
    w.orders.map((order) => {
      const status = statuses.get(order.id);
      return status ? { ...order, status } : order;
    });

  /** Every operation: network latency first, cancellable, then the work in the caller's language. */
  const call = async <T>(ctx: CallContext, work: (w: World) => T): Promise<T> => {
    await delay(latency(), ctx.signal);
    return work(world(langOf(ctx.locale)));
  };

  const ref = (prefix: string): string => {
    const d = new Date();
    return `${prefix}${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}${String(++serial % 10_000).padStart(4, '0')}`;
  };

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

  const popular = (w: World): string[] => {
    const questions = [...w.recommendations]
      .sort((a, b) => (b.popularity ?? 0) - (a.popularity ?? 0))
      .map((r) => r.text);
    return (questions.length ? questions : w.articles.map((a) => a.title)).slice(0, 3);
  };

  const answer = (conv: Conversation, text: string): void => {
    // The client hands a request for a person straight to a human; a bot answer would only be in the way.
    if (wantsHuman(text)) return;
    const w = world(langOf(conv.locale));
    const { t } = w;
    if (!text.trim()) {
      return reply(
        conv,
        'bot',
        w.bot,
        t(
          '已收到您的图片。需要人工查看的话，请点「人工客服」。',
          "Thanks, I've got your photo. To have a person look at it, tap 'Human agent'.",
        ),
      );
    }
    if (HELLO.test(text.trim())) {
      return reply(
        conv,
        'bot',
        w.bot,
        t('您好！请直接描述您的问题，或者看看这些：', 'Hi! Describe your question, or try one of these:'),
        [{ type: 'replies', replies: popular(w) }],
      );
    }
    const hits = w.index().search(text, SEARCH_LIMIT);
    const verdict = disambiguate(
      text,
      hits.map(({ item, score }) => ({ id: item.id, title: item.title, score })),
      { minScore: BOT_MIN_SCORE },
    );
    const article = verdict.kind === 'answer' ? w.byId.get(verdict.id) : undefined;
    if (article) {
      const summary = article.summary ?? article.body?.split('\n')[0] ?? '';
      reply(conv, 'bot', w.bot, summary || article.title, [
        { type: 'article', articleId: article.id, title: article.title, summary },
      ]);
    } else if (verdict.kind === 'choices') {
      reply(conv, 'bot', w.bot, t('您想问的是下面哪个问题？', 'Which of these do you mean?'), [
        { type: 'replies', replies: verdict.choices.map((c) => c.title) },
      ]);
    } else {
      reply(
        conv,
        'bot',
        w.bot,
        t(
          '抱歉，没有找到相关答案。换个说法试试，或点「人工客服」。',
          "I couldn't find that. Try rephrasing, or tap 'Human agent'.",
        ),
        [{ type: 'replies', replies: popular(w) }],
      );
    }
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

  const perform = (
    w: World,
    action: Action,
    input: Record<string, unknown>,
    order: Order | undefined,
  ): ActionResult => {
    const { t } = w;
    const done = (message: string, title: string, lines: string[]): ActionResult => ({
      ok: true,
      message,
      card: { type: 'result', ok: true, title, lines },
    });
    const refuse = (message: string): ActionResult => ({ ok: false, message });
    const text = (name: string) => String(input[name] ?? '').trim();
    const received = t('已提交，我们会尽快处理。', "Submitted. We'll take it from here.");
    if (!order) return done(received, action.title, []);
    const is = (...list: string[]) => list.includes(order.status);
    const orderLine = `${t('订单', 'Order')} ${order.id}`;
    const beforeShipping = is('unpaid', 'paid');
    switch (action.id) {
      case 'track': {
        if (beforeShipping || is('cancelled')) {
          return refuse(
            t(
              '这个订单还没有发货，发货后就能查看物流。',
              "This order hasn't shipped yet; tracking appears once it does.",
            ),
          );
        }
        const hour = 3_600_000;
        const now = Date.now();
        const steps: [number, string][] = [
          [3, t('【杭州分拨中心】已到达，正在派送', 'Arrived at the Hangzhou hub, out for delivery')],
          [14, t('【上海转运中心】已发出', 'Left the Shanghai sorting centre')],
          [26, t('快递员已揽收', 'Picked up by the courier')],
          [28, t('商家已发货', 'Dispatched by the seller')],
        ];
        const delivered = !is('shipped');
        if (delivered) steps.splice(0, 1, [1, t('已签收，签收人：本人', 'Delivered and signed for by the recipient')]);
        return done(
          delivered
            ? t('包裹已签收。', 'Your parcel has been delivered.')
            : t('包裹正在派送途中，预计明天送达。', 'Your parcel is on its way and should arrive tomorrow.'),
          `${t('顺丰速运', 'SF Express')} SF${order.id.replace(/\D/g, '').padStart(10, '3')}`,
          steps.map(([ago, line]) => `${stamp(now - ago * hour)} ${line}`),
        );
      }
      case 'cancel':
        if (!beforeShipping) {
          return refuse(
            is('cancelled', 'refunding')
              ? t('这个订单已取消或正在退款。', 'This order is already cancelled or being refunded.')
              : t(
                  '订单已发货，无法取消。签收后可以申请退货。',
                  "This order has shipped and can't be cancelled. You can return it after delivery.",
                ),
          );
        }
        statuses.set(order.id, 'cancelled');
        return done(
          t(
            '订单已取消，已付款项将在1–3个工作日内原路退回。',
            'Order cancelled. Any payment goes back within 1–3 business days.',
          ),
          t('订单已取消', 'Order cancelled'),
          [orderLine, reasonLabel(w.lang, REASONS.cancel, input.reason)],
        );
      case 'address':
        if (!beforeShipping) {
          return refuse(
            t(
              '订单已发货，无法修改地址。可以联系快递员转寄，或请人工客服协助。',
              "This order has shipped, so the address can't be changed. Ask the courier to redirect it, or ask an agent.",
            ),
          );
        }
        return done(t('收货地址已更新。', 'The delivery address is updated.'), t('地址已更新', 'Address updated'), [
          orderLine,
          text('address'),
          text('phone'),
        ]);
      case 'refund': {
        if (!is('paid', 'shipped', 'delivered', 'completed')) {
          return refuse(
            is('unpaid')
              ? t(
                  '这个订单还没有付款，无需退款，可以直接取消订单。',
                  "This order hasn't been paid, so there's nothing to refund; you can cancel it instead.",
                )
              : t('这个订单已取消或正在退款。', 'This order is already cancelled or being refunded.'),
          );
        }
        const number = ref('R');
        statuses.set(order.id, 'refunding');
        return done(
          t(`退款申请已提交，退款单号 ${number}。`, `Refund request ${number} is submitted.`),
          t('退款申请已提交', 'Refund requested'),
          [
            orderLine,
            reasonLabel(w.lang, REASONS.refund, input.reason),
            t('预计1–2个工作日内审核', 'Reviewed within 1–2 business days'),
          ],
        );
      }
      case 'invoice':
        if (is('unpaid', 'cancelled'))
          return refuse(t('只有已付款的订单可以开具发票。', 'Invoices are only issued for paid orders.'));
        return done(
          t(
            `电子发票将在24小时内发送至 ${text('email')}。`,
            `The e-invoice will be emailed to ${text('email')} within 24 hours.`,
          ),
          t('发票申请已提交', 'Invoice requested'),
          [orderLine, reasonLabel(w.lang, REASONS.invoice, input.type), text('title')].filter(Boolean),
        );
      case 'report': {
        const number = ref('P');
        return done(
          t(
            `问题已登记，编号 ${number}，售后专员会在24小时内联系您。`,
            `Problem ${number} is logged; an after-sales specialist will contact you within 24 hours.`,
          ),
          t('问题已登记', 'Problem logged'),
          [orderLine, number],
        );
      }
      case 'payment': {
        if (!is('unpaid')) return refuse(t('这个订单已经付过款了。', 'This order is already paid.'));
        const tips: Record<string, string[]> = {
          declined: [
            t('请确认银行卡余额和单笔限额', 'Check the card balance and its per-payment limit'),
            t('换一张卡或改用余额支付', 'Try another card or pay from your balance'),
          ],
          charged: [
            t('已扣款但未付款的金额会在24小时内自动退回', 'A charge without a paid order goes back within 24 hours'),
            t('订单会保留30分钟，可稍后刷新查看', 'The order is held for 30 minutes; refresh to check'),
          ],
        };
        return done(
          t('可以试试下面的方法。', 'Here is what usually helps.'),
          t('支付帮助', 'Payment help'),
          tips[String(input.issue)] ?? [
            t(
              '收银台支持微信支付、支付宝、银行卡和分期付款',
              'Checkout takes WeChat Pay, Alipay, cards and installments',
            ),
          ],
        );
      }
      default:
        return done(received, action.title, [orderLine]);
    }
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
        const result = perform(w, action, input, order);
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
      call(ctx, () => {
        records.tickets.push(ticket);
        return { id: ref('T'), status: 'open' };
      }),

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

    track: (events, ctx) =>
      call(ctx, () => {
        if (Array.isArray(events)) records.tracked.push(...events);
      }),
  };
};
