import { css, html, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ReadableAtom } from 'nanostores';
import type { Card, Message } from '../core/types.js';
import { formatDate } from '../elements/format.js';
import { imeBusy } from '../elements/ime.js';
import { orderSummary } from '../elements/order.js';
import { DeskElement } from './base.js';
import { customerName, safeUrl } from './format.js';
import type { DeskKey } from './i18n.js';
import type { Chat, Desk, PendingMessage } from './store.js';

/**
 * One conversation: its messages, the customer's typing, the reply field (Enter sends, IME-safe, Shift+Enter
 * for a new line), failed sends with a retry, ending it, and the rating when it comes.
 *
 * @tag sh-desk-conversation
 * @csspart conversation - The conversation.
 * @csspart reply - The reply field.
 * @csspart send - The send button.
 * @csspart end - The button that ends the conversation.
 */
export class DeskConversationElement extends DeskElement {
  static override styles = [
    DeskElement.styles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-block-size: 0;
      }
      section {
        display: flex;
        flex: 1;
        flex-direction: column;
        min-block-size: 0;
      }
      header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 8px;
        padding-block-end: 8px;
        border-block-end: 1px solid var(--_border);
      }
      ol {
        flex: 1;
        display: flex;
        flex-direction: column;
        gap: 10px;
        padding: 12px 0;
        overflow-y: auto;
      }
      li {
        max-inline-size: 80%;
        padding: 8px 12px;
        border-radius: var(--_radius);
        background: var(--_surface-2);
      }
      li.agent {
        align-self: flex-end;
        background: var(--_info-bg);
        color: var(--_info-text);
      }
      li.system {
        align-self: center;
        background: none;
        color: var(--_muted);
        font-size: 13px;
      }
      .who {
        font-size: 12px;
        color: var(--_muted);
      }
      li.agent .who {
        color: inherit;
      }
      .card {
        display: block;
        margin-block-start: 6px;
        padding: 8px 10px;
        color: var(--_text);
      }
      img {
        max-inline-size: 200px;
        border-radius: 8px;
      }
      .reply {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 8px;
        align-items: end;
        padding-block-start: 8px;
        border-block-start: 1px solid var(--_border);
      }
      textarea {
        min-block-size: 64px;
      }
    `,
  ];

  static override properties = { ...DeskElement.properties, conversationId: { attribute: 'conversation-id' } };

  /** The conversation shown. */
  declare conversationId: string;
  #composing = false;

  protected override watch(desk: Desk): ReadableAtom<unknown>[] {
    return [desk.$chats, desk.$agent];
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Newest at the bottom, in view.
    const list = this.renderRoot.querySelector('ol');
    if (list) list.scrollTop = list.scrollHeight;
    if (changed.has('conversationId')) this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus();
  }

  get #chat(): Chat | undefined {
    return this.desk.$chats.get()[this.conversationId];
  }

  #card(card: Card) {
    const { t } = this;
    switch (card.type) {
      case 'article':
        return html`<div class="card">
          <span class="badge">${t('article')}</span> <strong class="pre">${card.title}</strong>
          ${card.summary ? html`<p class="muted pre">${card.summary}</p>` : nothing}
        </div>`;
      case 'action':
        return html`<div class="card">
          <span class="badge">${t('action')}</span> <span class="pre">${card.title}</span>
        </div>`;
      case 'order':
        return card.order ? html`<div class="card">${orderSummary(t, this.locale, card.order)}</div>` : nothing;
      case 'result':
        return html`<div class="card">
          <strong class="pre">${card.title}</strong>
          ${(card.lines ?? []).map((line) => html`<p class="muted pre">${line}</p>`)}
        </div>`;
      case 'replies':
        return html`<p class="muted pre">${(card.replies ?? []).join(' · ')}</p>`;
      default:
        return nothing;
    }
  }

  #message(m: Message) {
    const { t } = this;
    const who = m.author?.name ?? t(`role_${m.role}` as DeskKey);
    const rich = m.role === 'bot' || m.role === 'agent';
    return html`<li class=${m.role}>
      <div class="who"><span class="pre">${who}</span> · ${formatDate(this.locale, m.createdAt, true)}</div>
      ${
        m.text
          ? rich
            ? html`<sh-rich-text .text=${m.text}></sh-rich-text>`
            : html`<div class="pre">${m.text}</div>`
          : nothing
      }
      ${(m.cards ?? []).map((card) => this.#card(card))}
      ${(m.attachments ?? []).map((a) => {
        const url = safeUrl(a.url);
        if (!url) return html`<p class="muted pre">${a.name}</p>`;
        return a.type?.startsWith('image/')
          ? html`<a href=${url} target="_blank" rel="noopener noreferrer"><img src=${url} alt=${a.name} /></a>`
          : html`<a href=${url} target="_blank" rel="noopener noreferrer" class="pre">${a.name}</a>`;
      })}
    </li>`;
  }

  #pending(p: PendingMessage) {
    const { t } = this;
    return html`<li class="agent">
      ${p.text ? html`<div class="pre">${p.text}</div>` : nothing} ${(p.cards ?? []).map((card) => this.#card(card))}
      <div class="who" role=${p.failed ? 'alert' : nothing}>
        ${
          p.failed
            ? html`${t('sendFailed')}
                <button class="link" type="button" @click=${() => this.desk.retry(this.conversationId, p.clientId)}>
                  ${t('retry')}
                </button>`
            : t('sending')
        }
      </div>
    </li>`;
  }

  #onKeydown(event: KeyboardEvent) {
    if (event.key !== 'Enter' || event.shiftKey || imeBusy(event, this.#composing)) return;
    event.preventDefault();
    void this.desk.send(this.conversationId);
  }

  #onInput(event: InputEvent) {
    const text = (event.target as HTMLTextAreaElement).value;
    this.desk.setDraft(this.conversationId, text);
    this.desk.typing(this.conversationId, Boolean(text.trim()));
  }

  #closed(chat: Chat) {
    const { t, desk } = this;
    const rating = chat.context?.rating;
    return html`<div class="stack" role="status">
      <p class="banner">${chat.summary.closedBy === 'customer' ? t('endedByCustomer') : t('ended')}</p>
      ${
        rating
          ? html`<p class="rating">
              <strong>${t('ratingScore', { score: rating.score })}</strong>
              ${rating.tags?.length ? html`<span class="pre"> · ${rating.tags.join(', ')}</span>` : nothing}
              ${rating.comment ? html`<br /><span class="pre">${t('ratingComment', { comment: rating.comment })}</span>` : nothing}
            </p>`
          : html`<p class="muted">${t('ratingWaiting')}</p>`
      }
      <button class="button" type="button" @click=${() => desk.dismiss(chat.summary.id)}>${t('close')}</button>
    </div>`;
  }

  protected override render() {
    const { t, desk } = this;
    const chat = this.#chat;
    if (!chat) return html`<p class="empty">${t('loadingDesk')}</p>`;
    const name = customerName(t, chat.context?.customer ?? { id: chat.summary.customerId });
    const mine = chat.summary.human === 'connected' && chat.summary.agentId === desk.$agent.get()?.id;
    return html`<section part="conversation" aria-label=${t('conversationWith', { name })}>
      <header>
        <h2 class="ellipsis pre" title=${name}>${t('conversationWith', { name })}</h2>
        ${
          mine
            ? html`<button part="end" class="button" type="button" @click=${() => desk.end(chat.summary.id)}>
                ${t('end')}
              </button>`
            : nothing
        }
      </header>
      <ol class="messages" aria-live="polite" tabindex="0" aria-label=${t('conversations')}>
        ${chat.messages.map((m) => this.#message(m))} ${chat.pending.map((p) => this.#pending(p))}
      </ol>
      <p class="muted" aria-live="polite">${chat.typing ? t('customerTyping', { name }) : nothing}</p>
      ${
        mine
          ? html`<div class="reply">
              <div>
                <label for="reply" class="visually-hidden">${t('reply')}</label>
                <textarea
                  id="reply"
                  part="reply"
                  maxlength="4000"
                  placeholder=${t('replyPlaceholder')}
                  .value=${live(chat.draft)}
                  @input=${this.#onInput}
                  @keydown=${this.#onKeydown}
                  @blur=${() => desk.typing(this.conversationId, false)}
                  @compositionstart=${() => (this.#composing = true)}
                  @compositionend=${() => (this.#composing = false)}
                ></textarea>
              </div>
              <button
                part="send"
                class="button primary"
                type="button"
                ?disabled=${!chat.draft.trim()}
                @click=${() => desk.send(this.conversationId)}
              >
                ${t('send')}
              </button>
            </div>`
          : chat.summary.human === 'closed'
            ? this.#closed(chat)
            : nothing
      }
    </section>`;
  }
}
