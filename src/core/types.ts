/**
 * Domain types of Service Hall. Pure data: no DOM, no framework.
 * Names here are public API (see docs/adapter.md).
 */

/** A supported UI language. `zh-CN` is the default. */
export type Locale = 'zh-CN' | 'zh-TW' | 'en';

/** The customer, as the host page identifies them. */
export interface Customer {
  id: string;
  name?: string;
  email?: string;
  phone?: string;
  /** Customer tier, e.g. `vip`. VIP customers are flagged for priority. */
  tier?: string;
  /** Bearer token, sent only to the configured endpoint. */
  token?: string;
}

/** Where the customer is on the host site. */
export interface PageContext {
  /** Page kind or path, e.g. `order`, `product`, `/checkout`. */
  page?: string;
  /** Product id or name the customer is looking at. */
  product?: string;
  /** Any other data the host wants the agent to see. */
  [key: string]: unknown;
}

export const ORDER_STATUSES = [
  'unpaid',
  'paid',
  'shipped',
  'delivered',
  'completed',
  'refunding',
  'cancelled',
] as const;

/** The lifecycle state of an order. Unknown strings from a backend are tolerated and shown as-is. */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderItem {
  name: string;
  quantity?: number;
  image?: string;
}

export interface Order {
  id: string;
  status: OrderStatus | (string & {});
  title: string;
  items?: OrderItem[];
  /** Amount in major units (e.g. 199.5). */
  total?: number;
  /** ISO 4217 code, e.g. `CNY`. */
  currency?: string;
  /** ISO 8601 date-time. */
  createdAt: string;
}

export interface Article {
  id: string;
  title: string;
  /** Full text. Plain text with a safe formatting subset (`**bold**`, `- lists`, links). */
  body?: string;
  summary?: string;
  keywords?: string[];
  tags?: string[];
}

/** Field kinds a self-service action form can render. */
export type FieldType = 'text' | 'textarea' | 'select' | 'order' | 'date' | 'phone' | 'email' | 'images';

export interface FieldOption {
  value: string;
  label: string;
}

export interface ActionField {
  name: string;
  type: FieldType;
  label: string;
  required?: boolean;
  placeholder?: string;
  /** For `select`. */
  options?: FieldOption[];
  /** For text kinds: maximum characters. For `images`: maximum files. */
  max?: number;
}

/** A self-service job the customer can do without an agent. */
export interface Action {
  id: string;
  title: string;
  /** A name from the built-in icon set (`truck`, `invoice`, `refund`, `address`, `cancel`, `camera`, `card`) or omitted. */
  icon?: string;
  description?: string;
  fields: ActionField[];
  /** Order statuses this action fits; used to put quick actions on order cards. */
  statuses?: string[];
  /** Extra words that should find this action in the composer. */
  keywords?: string[];
}

export type AnnouncementLevel = 'info' | 'warning' | 'critical';

export interface Announcement {
  id: string;
  level: AnnouncementLevel;
  title: string;
  body?: string;
}

export interface ServiceStatus {
  /** Whether a human can be reached now. When false, hand-off becomes a ticket. */
  humanAvailable: boolean;
  expectedWaitSeconds?: number;
  /** ISO 8601 time when agents are next online. */
  nextOpenAt?: string;
}

/** A "you may want to ask" question and what makes it relevant. */
export interface Recommendation {
  id: string;
  text: string;
  /** The article that answers it, if any. */
  articleId?: string;
  /** Order statuses that make it relevant (a shipped order brings shipping questions up). */
  statuses?: string[];
  /** Pages or products (substring match on `context.page` / `context.product`) that make it relevant. */
  pages?: string[];
  /** Customer tiers it is meant for. */
  tiers?: string[];
  /** Relative popularity; higher is more popular. */
  popularity?: number;
}

/** Everything the first screen needs. */
export interface Hall {
  greeting: string;
  /** The company's display name, shown in the header. */
  company?: string;
  announcements: Announcement[];
  orders: Order[];
  recommendations: Recommendation[];
  actions: Action[];
  service: ServiceStatus;
}

export interface Attachment {
  id: string;
  name: string;
  size: number;
  type: string;
  url?: string;
}

/** Structured content attached to a message. */
export type Card =
  | { type: 'article'; articleId: string; title: string; summary?: string }
  | { type: 'order'; order: Order }
  | { type: 'action'; actionId: string; title: string }
  | { type: 'result'; ok: boolean; title: string; lines?: string[] }
  | { type: 'replies'; replies: string[] };

export type Role = 'customer' | 'bot' | 'agent' | 'system';

export type Sentiment = 'neutral' | 'anxious' | 'angry';

export interface Author {
  id?: string;
  name: string;
  avatar?: string;
}

export interface Message {
  id: string;
  /** Server order within the conversation; strictly increasing. */
  seq: number;
  conversationId: string;
  /** Set by the client that created it; used to deduplicate echoes. */
  clientId?: string;
  role: Role;
  author?: Author;
  text: string;
  attachments?: Attachment[];
  cards?: Card[];
  /** ISO 8601. */
  createdAt: string;
  sentiment?: Sentiment;
}

export interface Agent {
  id: string;
  name: string;
  avatar?: string;
}

/** Context sent with messages and hand-offs so that the agent never asks again. */
export interface ConversationContext {
  locale: Locale;
  page?: PageContext;
  orderId?: string;
  tier?: string;
  sentiment?: Sentiment;
}

/** Where a ticket stands: waiting on the team (`open`), on the customer (`pending`), or done (`solved`). */
export type TicketStatus = 'open' | 'pending' | 'solved';

/** The latest message of a conversation or reply of a ticket, for lists. */
export interface LastEntry {
  role: Role;
  text: string;
  createdAt: string;
  author?: Author;
}

/** One of the customer's past conversations, as the hall lists them. */
export interface ConversationSummary {
  id: string;
  /** `open` while it can go on (including with an agent), `closed` once ended. */
  status: 'open' | 'closed';
  /** What it is about: the customer's first message, shortened by the backend. */
  summary: string;
  orderId?: string;
  createdAt: string;
  updatedAt: string;
  last?: LastEntry;
}

/** One of the customer's tickets, as the hall lists them. */
export interface TicketSummary {
  /** The receipt number the customer was given. */
  id: string;
  status: TicketStatus;
  category: string;
  /** The description, shortened by the backend. */
  summary: string;
  orderId?: string;
  createdAt: string;
  updatedAt: string;
  /** The latest reply, the agent's or the customer's own. */
  last?: LastEntry;
}

/** A reply on a ticket, by the customer or an agent. */
export interface TicketReply {
  id: string;
  role: 'customer' | 'agent';
  author?: Author;
  text: string;
  attachments?: Attachment[];
  createdAt: string;
}

/** A ticket with everything it holds: the first description and photos, then every reply, oldest first. */
export interface TicketThread {
  ticket: TicketSummary & { description: string; attachments?: Attachment[] };
  replies: TicketReply[];
}
