import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { safeHref } from '../../core/rich-text.js';
import type { Agent, Card } from '../../core/types.js';
import type { Session, ViewMessage } from '../../state/session.js';
import { navigate, ShElement } from '../base.js';
import { files, filesStyles } from '../files.js';
import { formatDate } from '../format.js';
import { icon } from '../icons.js';
import { orderSummary } from '../order.js';
import { styles } from './messages.styles.js';

/** Messages rendered at first, and added by each "Earlier messages". */
const PAGE = 60;
/** The most messages rendered at once: reading further up lets the newest go, and coming back down returns them. */
const WINDOW = 3 * PAGE;
// The window starts on a multiple of this, so that a new message does not shift every rendered row.
const ALIGN = 20;
/** Distance from an edge, in px, that still counts as being at it. */
const EDGE = 40;
const ANNOUNCE_MAX = 140;
/** How long the view holds on a message after earlier ones load above it. */
const ANCHOR_MS = 1000;
const ROLES = ['customer', 'bot', 'agent', 'system'];

/**
 * What the conversation view remembers per session across screen changes: the hand-off status it last
 * saw, so that an agent joining or leaving is announced once.
 */
interface Memo {
  status: string;
  agent?: Agent;
}
const memos = new WeakMap<Session, Memo>();

const dayOf = (date: Date) => `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;

/**
 * The conversation: messages with day separators and times, delivery states with retry, the typing
 * indicator, agent names, system notices, cards (articles with "did this solve it?", orders, actions,
 * results, quick replies), the queue while waiting for a human, and the end of the conversation with
 * its rating. It owns its scroller: it stays pinned to the newest message while the customer is at the
 * bottom, offers a "new messages" jump otherwise, and renders only a window of a long history: the latest
 * messages, earlier ones on scrolling to the top (paged from the backend's history once the device has shown all
 * it holds, with a retry when a page fails), and at most 180 (plus alignment) at once, the newest
 * coming back on scrolling down. New bot and agent messages are announced politely, one at a time.
 *
 * @tag sh-messages
 *
 * @csspart message - One message bubble, or a system message.
 * @csspart choice - A quick reply under a bot message.
 * @csspart queue-status - The waiting bar (from `sh-queue-status`).
 * @csspart rating - The rating prompt (from `sh-rating`).
 */
export class MessagesElement extends ShElement {
  static override styles = [ShElement.styles, filesStyles, styles];

  static override properties = {
    ...ShElement.properties,
    shown: { state: true },
    unseen: { state: true },
    expanded: { state: true },
    announcement: { state: true },
  };

  /** How many of the latest messages are rendered. */
  declare protected shown: number;
  /** New messages arrived while the customer was reading further up. */
  declare protected unseen: boolean;
  /** Article cards whose summary is open, by message and article. */
  declare protected expanded: Set<string>;
  /** Text of the polite live region. */
  declare protected announcement: string;

  #pinned = true;
  /** The last rendered message while the newest are let go (see WINDOW); unset, the list reaches the newest. */
  #upTo?: string;
  /** Distance from the bottom to keep while earlier messages are added above. */
  /** The message the reader was looking at when earlier ones were added above, where it was, and until when to hold it. */
  #anchor?: { id: string; top: number; until: number };
  #last?: string;
  #failed = 0;
  #knowledgeAsked = false;
  #resize?: ResizeObserver;
  #firstRender = true;
  /** A look at the scroll position once the reader's place is no longer held (see `#onScroll`). */
  #recheck?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.shown = PAGE;
    this.unseen = false;
    this.expanded = new Set();
    this.announcement = '';
  }

  protected override watch(session: Session) {
    return [
      session.$messages,
      session.$earlier,
      session.$typing,
      session.$human,
      session.$conversation,
      session.$knowledge,
      session.$articleVotes,
      session.$locale,
      session.$hall,
    ];
  }

  get #scroller(): HTMLElement | null {
    return this.renderRoot.querySelector('.scroller');
  }

  get #memo(): Memo {
    const { session } = this;
    let memo = memos.get(session);
    if (!memo) {
      const { status, agent } = session.$human.get();
      memos.set(session, (memo = { status, agent }));
    }
    return memo;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Content also changes size outside this element's updates (images load, the rating thanks, the
    // scroller shrinks for the queue bar): the position is kept on every resize too.
    this.#resize = new ResizeObserver(() => this.#settle());
    void this.updateComplete.then(() => {
      for (const box of this.renderRoot.querySelectorAll('.scroller, .log')) this.#resize?.observe(box);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    clearTimeout(this.#recheck);
  }

  /**
   * Keeps the view where the reader is: at the bottom when pinned, or on the same message after earlier
   * ones were added above (by the message itself, not by distances: a day separator above it may come or
   * go). The anchor holds for a moment, because the added messages finish their layout over several
   * frames (nested elements, images) and each step would otherwise move the view.
   */
  #settle(): void {
    const scroller = this.#scroller;
    if (!scroller) return;
    if (this.#anchor && performance.now() > this.#anchor.until) this.#anchor = undefined;
    const anchor = this.#anchor;
    if (anchor) {
      const row = this.#rowTop(anchor.id);
      if (row !== undefined) scroller.scrollTop += row - anchor.top;
    } else if (this.#pinned) scroller.scrollTop = scroller.scrollHeight;
  }

  /** Where the row of message `id` is, relative to the top of the scroller's view. */
  #rowTop(id: string): number | undefined {
    const row = [...this.renderRoot.querySelectorAll<HTMLElement>('[data-id]')].find((el) => el.dataset.id === id);
    return row && row.getBoundingClientRect().top - this.#scroller!.getBoundingClientRect().top;
  }

  #onScroll(): void {
    const scroller = this.#scroller!;
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < EDGE;
    this.#pinned = atBottom && this.#upTo === undefined;
    if (this.#pinned) this.unseen = false;
    const held = this.#anchor && this.#anchor.until - performance.now();
    if (held !== undefined && held >= 0) {
      // A reader who reached the top while the list held still stays there, and scrolls no more at the top:
      // look again when the hold ends, so that the next page still comes.
      clearTimeout(this.#recheck);
      this.#recheck = setTimeout(() => this.#onScroll(), held + 1);
      return;
    }
    if (scroller.scrollTop < EDGE && (this.#range()[0] > 0 || this.session.$earlier.get() === 'more'))
      void this.#earlier();
    else if (atBottom && this.#upTo !== undefined) this.#later();
  }

  /** Holds the first message in view where it is while rows are added or removed around it. */
  #hold(): void {
    const scroller = this.#scroller!;
    const view = scroller.getBoundingClientRect().top;
    const first = [...this.renderRoot.querySelectorAll<HTMLElement>('[data-id]')].find(
      (el) => el.getBoundingClientRect().bottom > view,
    );
    if (first) {
      const top = first.getBoundingClientRect().top - view;
      this.#anchor = { id: first.dataset.id!, top, until: performance.now() + ANCHOR_MS };
    }
  }

  /** Shows earlier messages: those held, or else the backend's next page once it has come. */
  async #earlier(): Promise<void> {
    this.#hold();
    const { session } = this;
    if (this.#range()[0] === 0) {
      const count = session.$messages.get().length;
      const anchor = this.#anchor;
      await session.loadEarlier();
      if (session.$messages.get().length === count) return;
      // The page may already have re-rendered the top rows: the place taken before it came is the reader's, for
      // another moment. Only after a page slow enough to let that go is the place taken again, as it is now.
      if (anchor && this.#anchor === anchor) anchor.until = performance.now() + ANCHOR_MS;
      else this.#hold();
    }
    const [, end] = this.#range();
    const shown = this.shown + PAGE;
    if (shown > WINDOW) {
      this.#upTo = session.$messages.get()[end - (shown - WINDOW) - 1]?.id;
      this.#pinned = false;
    }
    this.shown = Math.min(shown, WINDOW);
    // Once the window is full, only #upTo moves.
    this.requestUpdate();
  }

  #later(): void {
    this.#hold();
    const messages = this.session.$messages.get();
    const end = this.#range()[1] + PAGE;
    this.#upTo = end < messages.length ? messages[end - 1]!.id : undefined;
    this.requestUpdate();
  }

  #jump(): void {
    this.#pinned = true;
    this.#upTo = undefined;
    this.unseen = false;
    this.shown = PAGE;
    this.requestUpdate();
    this.#settle();
  }

  /** The rendered messages, as indexes `[start, end)`: `shown` of them, ending at `#upTo` or the newest. */
  #range(): [start: number, end: number] {
    const messages = this.session.$messages.get();
    const at = this.#upTo === undefined ? -1 : messages.findIndex((m) => m.id === this.#upTo);
    const end = at === -1 ? messages.length : at + 1;
    const start = Math.max(0, end - this.shown);
    return [start - (start % ALIGN), end];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const { session, t } = this;
    const messages = session.$messages.get();
    const last = messages.at(-1);
    const memo = this.#memo;
    const human = session.$human.get();
    const lastId = last?.id ?? '';
    let announce = '';
    if (this.#upTo !== undefined && !messages.some((m) => m.id === this.#upTo)) this.#upTo = undefined;

    if (human.status !== memo.status) {
      const key =
        human.status === 'connected' && human.agent
          ? 'agentJoined'
          : memo.status === 'connected' && memo.agent
            ? 'agentLeft'
            : undefined;
      const name = (key === 'agentJoined' ? human.agent : memo.agent)?.name ?? '';
      // The notice itself is in the message list (the session adds it); the live region says it once.
      if (key) announce = t(key, { name });
      memo.status = human.status;
      memo.agent = human.agent;
    }

    if (this.#last !== undefined && lastId !== this.#last) {
      const from = messages.findLastIndex((m) => m.id === this.#last) + 1;
      const added = messages.slice(from);
      const reply = added.findLast((m) => m.role === 'bot' || m.role === 'agent');
      if (reply) {
        const text = reply.text.length > ANNOUNCE_MAX ? `${reply.text.slice(0, ANNOUNCE_MAX)}…` : reply.text;
        announce = t('newMessageFrom', { name: this.#name(reply), text });
      }
      if (last?.role === 'customer' && last.delivery !== 'sent') this.#pinned = true;
      if (this.#pinned) this.shown = PAGE;
      else if (added.length) this.unseen = true;
    }
    this.#last = lastId;

    const failed = messages.filter((m) => m.delivery === 'failed').length;
    if (failed > this.#failed) announce = t('failed');
    this.#failed = failed;
    if (announce) this.announcement = announce;

    if (!this.#knowledgeAsked && messages.some((m) => m.cards?.some((c) => c?.type === 'article' && !c.summary))) {
      this.#knowledgeAsked = true;
      void session.ensureKnowledge();
    }
  }

  protected override updated(): void {
    // The first render is placed by the resize observer's first call, which comes after the browser's own layout
    // of it: reading the layout here would add that layout to this task, a long one for a long history.
    if (this.#firstRender) {
      this.#firstRender = false;
      return;
    }
    // Nested elements render after this one: the scroll position is set once they have.
    const nested = [...this.renderRoot.querySelectorAll<ShElement>('sh-rich-text')].map((el) => el.updateComplete);
    void Promise.all(nested).then(() => this.#settle());
  }

  #name(message: ViewMessage): string {
    if (message.role === 'customer') return this.t('you');
    return message.author?.name || this.t(message.role === 'agent' ? 'agent' : 'bot');
  }

  #day(date: Date) {
    const today = new Date();
    const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
    const day = dayOf(date);
    const label =
      day === dayOf(today)
        ? this.t('today')
        : day === dayOf(yesterday)
          ? this.t('yesterday')
          : formatDate(this.t, date, date.getFullYear() === today.getFullYear() ? 'inYear' : 'date');
    return html`<div class="day" role="separator"><span>${label}</span></div>`;
  }

  #delivery(message: ViewMessage) {
    const { t, session } = this;
    if (message.delivery === 'sending')
      return html`<span class="delivery"><span class="spinner" aria-hidden="true"></span>${t('sending')}</span>`;
    if (message.delivery === 'sent')
      return html`<span class="delivery sent" title=${t('sent')}
        >${icon('tick', 14)}<span class="visually-hidden">${t('sent')}</span></span
      >`;
    const { error } = message;
    const meaning =
      error?.code === 'rejected'
        ? t('errorRejected', { message: error.message })
        : error?.code === 'network'
          ? t('failedNetwork')
          : error?.code === 'server'
            ? t('failedServer')
            : t('errorGeneric');
    return html`<span class="delivery failed">${icon('alert', 14)}${t('failed')} ${meaning}</span>
      <button type="button" class="chip retry" @click=${() => session.retry(message.clientId!)}>${t('retry')}</button>`;
  }

  #card(card: Card, message: ViewMessage) {
    const { t, session } = this;
    switch (card?.type) {
      case 'article': {
        const key = `${message.id}:${card.articleId}`;
        const summary = card.summary ?? session.$knowledge.get().find((a) => a.id === card.articleId)?.summary;
        const open = this.expanded.has(key);
        const vote = session.$articleVotes.get()[card.articleId];
        const answer = vote && vote === 'yes';
        const human = session.$human.get().status;
        const canOffer = session.capabilities.human && (human === 'none' || human === 'ended' || human === 'offline');
        return html`<div class="card article">
          <p class="title">${card.title}</p>
          ${
            summary && summary !== message.text
              ? html`<div class="summary ${open ? '' : 'clamp'}"><sh-rich-text .text=${summary}></sh-rich-text></div>
                  ${
                    open
                      ? nothing
                      : html`<button
                          type="button"
                          class="link"
                          aria-expanded="false"
                          @click=${() => (this.expanded = new Set(this.expanded).add(key))}
                        >
                          ${t('readMore')}
                        </button>`
                  }`
              : nothing
          }
          <div class="chips">
            ${
              answer === undefined
                ? html`<span>${t('helpful')}</span>
                    <span class="chips">
                      ${[true, false].map(
                        (yes) =>
                          html`<button
                            type="button"
                            class="chip"
                            @click=${() => void session.rate({ articleId: card.articleId, score: yes ? 1 : 0, tags: [] })}
                          >
                            ${t(yes ? 'yes' : 'no')}
                          </button>`,
                      )}
                    </span>`
                : html`<span>${t('thanksFeedback')}</span> ${
                      !answer && canOffer
                        ? html`<span>${t('offerHuman')}</span>
                            <button
                              type="button"
                              class="chip primary"
                              @click=${() => void session.requestHuman('article-unhelpful')}
                            >
                              ${t('human')}
                            </button>`
                        : nothing
                    }`
            }
          </div>
        </div>`;
      }
      case 'order': {
        const { order } = card;
        if (!order) return nothing;
        return html`<div class="card order">${orderSummary(t, session.$locale.get(), order)}</div>`;
      }
      case 'action':
        return html`<button
          type="button"
          class="chip primary"
          @click=${() => navigate(this, { screen: 'action', actionId: card.actionId })}
        >
          ${card.title}
        </button>`;
      case 'result':
        return html`<div class="card result ${card.ok ? 'ok' : 'fail'}">
          <p class="title">${icon(card.ok ? 'tick' : 'alert', 14)}<span>${card.title}</span></p>
          ${
            Array.isArray(card.lines) && card.lines.length
              ? html`<ul>
                  ${card.lines.map((line) => html`<li>${line}</li>`)}
                </ul>`
              : nothing
          }
        </div>`;
      case 'replies':
        return Array.isArray(card.replies)
          ? html`<div class="chips">
              ${card.replies.map(
                (reply) =>
                  html`<button part="choice" type="button" class="chip" @click=${() => session.send(reply)}>
                    ${reply}
                  </button>`,
              )}
            </div>`
          : nothing;
      default:
        return nothing;
    }
  }

  #message(message: ViewMessage, previous: ViewMessage | undefined) {
    const role = ROLES.includes(message.role) ? message.role : 'system';
    const date = new Date(message.createdAt);
    const time = Number.isNaN(date.getTime())
      ? nothing
      : html`<time datetime=${message.createdAt}>${formatDate(this.t, date, 'time')}</time>`;
    if (role === 'system') {
      const { notice } = message;
      const text = notice
        ? this.t(notice.kind === 'agent-joined' ? 'agentJoined' : 'agentLeft', { name: notice.name })
        : message.text;
      return html`<p part="message" class="system" data-id=${message.id}>${text}</p>`;
    }
    const name = this.#name(message);
    // Consecutive messages from one sender are grouped under one name and avatar.
    const first = role === 'customer' || previous?.role !== role || previous.author?.name !== message.author?.name;
    const avatar = message.author?.avatar ? safeHref(message.author.avatar) : undefined;
    return html`<div class="row ${role} ${first ? 'first' : ''}" data-id=${message.id}>
      ${
        role === 'agent'
          ? html`<span class="avatar" aria-hidden="true"
              >${
                first
                  ? avatar && /^https?:/.test(avatar)
                    ? html`<img src=${avatar} alt="" />`
                    : Array.from(name)[0]
                  : nothing
              }</span
            >`
          : nothing
      }
      <div class="stack">
        <span class="name ${first && role !== 'customer' ? '' : 'visually-hidden'}">${name}</span>
        ${
          message.text || !message.attachments?.length
            ? html`<div part="message" class="bubble">
                ${role === 'customer' ? html`<p class="plain">${message.text}</p>` : html`<sh-rich-text .text=${message.text}></sh-rich-text>`}
              </div>`
            : nothing
        }
        ${message.attachments?.length ? files(message.attachments) : nothing}
        ${Array.isArray(message.cards) ? message.cards.map((card) => this.#card(card, message)) : nothing}
        <span class="meta foot">${time}${role === 'customer' ? this.#delivery(message) : nothing}</span>
      </div>
    </div>`;
  }

  #log() {
    const { session } = this;
    const messages = session.$messages.get();
    const [start, end] = this.#range();
    const rows: [key: string, row: TemplateResult][] = [];
    let previousDay = '';
    for (let i = start; i < end; i++) {
      const message = messages[i]!;
      const date = new Date(message.createdAt);
      const day = Number.isNaN(date.getTime()) ? previousDay : dayOf(date);
      if (day !== previousDay) rows.push([`day ${day}`, this.#day(date)]);
      previousDay = day;
      rows.push([message.id, this.#message(message, messages[i - 1])]);
    }
    // Keyed: when the window moves (earlier messages above, the newest let go below) the rows that stay keep
    // their elements, instead of every row taking its neighbour's message and rendering it again.
    return repeat(
      rows,
      ([key]) => key,
      ([, row]) => row,
    );
  }

  /** Above the rendered messages: the way to earlier ones, held or on the server, and how that is going. */
  #top() {
    const { t } = this;
    const earlier = this.session.$earlier.get();
    if (this.#range()[0] === 0 && earlier === 'loading')
      return html`<p class="muted center" role="status">${t('loading')}</p>`;
    if (this.#range()[0] === 0 && earlier === 'failed')
      return html`<p class="center" role="alert">
        ${t('earlierFailed')}
        <button type="button" class="chip retry" @click=${this.#earlier}>${t('retry')}</button>
      </p>`;
    return this.#range()[0] > 0 || earlier === 'more'
      ? html`<button type="button" class="link center" @click=${this.#earlier}>${t('loadOlder')}</button>`
      : nothing;
  }

  protected override render() {
    const { t, session } = this;
    const messages = session.$messages.get();
    const typing = session.$typing.get();
    const conversation = session.$conversation.get();
    const human = session.$human.get();
    const typist = typing?.name || (human.status === 'connected' && human.agent?.name) || t('bot');
    return html`<div class="main">
        <div
          class="scroller"
          role="log"
          aria-live="off"
          aria-label=${t('conversationLog')}
          tabindex="0"
          @scroll=${this.#onScroll}
        >
          <div class="log">
            ${this.#top()}
            ${
              messages.length || typing
                ? this.#log()
                : html`<p class="system empty">${session.$hall.get().value?.greeting || t('conversationEmpty')}</p>`
            }
            ${
              this.#upTo !== undefined
                ? html`<button type="button" class="link center" @click=${this.#later}>${t('loadNewer')}</button>`
                : nothing
            }
            ${
              typing
                ? html`<p class="muted typing">
                    <span class="dots" aria-hidden="true"><span></span><span></span><span></span></span>
                    ${t('typing', { name: typist })}
                  </p>`
                : nothing
            }
            ${
              conversation.status === 'ended'
                ? html`<p class="system">${t('ended')}</p>
                    <sh-rating exportparts="rating" .session=${session} .t=${t}></sh-rating>
                    <button type="button" class="link center" @click=${() => navigate(this, { screen: 'hall' })}>
                      ${t('newChat')}
                    </button>`
                : conversation.status === 'active'
                  ? html`<button type="button" class="link center" @click=${() => void session.end()}>
                      ${t('endChat')}
                    </button>`
                  : nothing
            }
          </div>
        </div>
        ${
          this.unseen
            ? html`<button type="button" class="chip primary jump" @click=${this.#jump}>${t('newMessages')} ↓</button>`
            : nothing
        }
      </div>
      <sh-queue-status exportparts="queue-status" .session=${session} .t=${t}></sh-queue-status>
      <p class="visually-hidden live" role="status">${this.announcement}</p>`;
  }
}
