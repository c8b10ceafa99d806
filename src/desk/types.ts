/** The desk API's shapes (docs/desk-api.md § 3); messages, cards and attachments are the protocol's. */
import type { Attachment, Author, Locale, Message, Order, PageContext, Sentiment } from '../core/types.js';

export type Presence = 'online' | 'away' | 'offline';

/** The signed-in agent. */
export interface DeskAgent {
  id: string;
  name: string;
  email?: string;
  avatar?: string;
  /** `admin` also sees the team's metrics. */
  role?: 'agent' | 'admin';
}

/** Which OLA promise an item broke, and since when its clock ran (docs/desk-api.md § The queue). */
export interface Late {
  kind: 'queue-wait' | 'angry-waiting' | 'no-reply' | 'ticket-unsolved';
  since: string;
}

/** A customer waiting for an agent, in serving order. */
export interface QueueEntry {
  conversationId: string;
  position: number;
  customer: { id: string; name?: string; tier?: string; kind: 'signed' | 'visitor' };
  priority: 'high' | 'normal';
  sentiment?: Sentiment;
  reason?: string;
  orderId?: string;
  page?: PageContext;
  locale: Locale;
  waitingSince?: string;
  reservedFor?: { agentId: string; until: string };
  /** Late by the team's OLA: served first. */
  late?: Late[];
}

export interface ConversationSummary {
  id: string;
  human: 'none' | 'queued' | 'connected' | 'closed';
  agentId?: string;
  customerId: string;
  locale: string;
  createdAt: string;
  updatedAt: string;
  queuedAt?: string;
  closedBy?: 'agent' | 'customer' | 'system';
  lastSeq: number;
  /** A held conversation whose customer has waited too long for a reply. */
  late?: Late[];
}

export interface ArticleSuggestion {
  type: 'article';
  articleId: string;
  title: string;
  summary?: string;
}

export interface ActionSuggestion {
  type: 'action';
  actionId: string;
  title: string;
}

export interface Rating {
  score: number;
  tags: string[];
  comment?: string;
  createdAt: string;
}

/** Everything the hand-off collected, for the context panel. */
export interface HandoffContext {
  customer: { id: string; kind?: 'signed' | 'visitor'; name?: string; tier?: string };
  pastContacts: { type: 'conversation' | 'ticket'; id: string; createdAt: string; status: string }[];
  recontact: boolean;
  orderId?: string;
  order?: Order;
  page?: PageContext;
  locale: string;
  sentiment: Sentiment;
  reason?: string;
  priority: 'high' | 'normal';
  transcript: { role: string; text: string; createdAt: string }[];
  rating?: Rating;
  suggestions: { articles: ArticleSuggestion[]; actions: ActionSuggestion[] };
}

export type TicketStatus = 'open' | 'pending' | 'solved';

export interface Ticket {
  id: string;
  status: TicketStatus;
  category: string;
  description: string;
  orderId?: string;
  contact: string;
  attachments: Attachment[];
  context: { locale?: string; page?: PageContext; orderId?: string; tier?: string; sentiment?: string };
  customer: { id: string; name?: string; tier?: string };
  agentId?: string;
  createdAt: string;
  updatedAt: string;
  /** Unsolved past the team's OLA ('ticket-unsolved'). */
  late?: Late[];
}

export interface TicketReply {
  id: string;
  role: 'agent' | 'customer';
  author?: Author;
  text: string;
  attachments: Attachment[];
  createdAt: string;
}

/** One history search's answer. */
export interface SearchResult {
  messages: Message[];
  conversations: ConversationSummary[];
  tickets: Ticket[];
}

/** A saved answer an agent inserts with `/shortcut`; `{name}`, `{order}` and `{agent}` are filled in. */
export interface CannedReply {
  id: string;
  shortcut: string;
  title: string;
  text: string;
}

/** A member of the team, for transfers. */
export interface TeamMember {
  id: string;
  name: string;
  avatar?: string;
  presence: Presence;
  online: boolean;
  maxChats: number;
  /** Conversations held now. */
  load: number;
}
