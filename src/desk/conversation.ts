import { css, html, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ReadableAtom } from 'nanostores';
import type { Card, Message } from '../core/types.js';
import { formatDate } from '../elements/format.js';
import { imeBusy } from '../elements/ime.js';
import { orderSummary } from '../elements/order.js';
import { DeskElement } from './base.js';
import { cannedValues, fillCanned, matchCanned, slashQuery } from './canned.js';
import {
  attachButton,
  attachmentList,
  fileChips,
  fileChipStyles,
  filesBlocking,
  hasFiles,
  pasteInto,
} from './files.js';
import { customerName } from './format.js';
import type { DeskKey } from './i18n.js';
import type { Chat, Desk, PendingMessage } from './store.js';
import type { CannedReply } from './types.js';

/**
 * One conversation: its messages, the customer's typing, the reply field (Enter sends, IME-safe, Shift+Enter
 * for a new line), failed sends with a retry, ending it, and the rating when it comes.
 *
 * Canned replies: a draft that is `/` and a word lists the team's saved replies matching it (or the
 * "Saved replies" button lists them all); arrows choose, Enter or Tab inserts the reply with the customer's
 * name, order and the agent's name filled in, Esc closes the list. As in the widget's composer, the field
 * keeps its textbox role and owns the list through `aria-controls` and `aria-activedescendant`. A variable
 * without a value stays in the text, selected, for the agent to type over.
 *
 * Files: the Attach button, or an image pasted into the reply field, attaches files to this conversation's
 * reply (each conversation keeps its own); they upload at once, shown as chips with their progress, Retry
 * when an upload failed, and remove. Files alone can be sent.
 *
 * Transfer: the agent picks a colleague who is online and has room, or the queue; the customer reads a neutral
 * note, and the conversation, its context included, leaves this workbench for the colleague's.
 *
 * @tag sh-desk-conversation
 * @csspart conversation - The conversation.
 * @csspart reply - The reply field.
 * @csspart canned - The button that lists the saved replies.
 * @csspart canned-reply - One saved reply in the list.
 * @csspart attach - The button that attaches files.
 * @csspart files - The files attached to the reply.
 * @csspart file - One attached file, with its upload's state.
 * @csspart send - The send button.
 * @csspart end - The button that ends the conversation.
 * @csspart transfer - The button that opens the transfer form (another agent, or back to the queue).
 * @csspart transfer-form - The transfer form.
 */
export class DeskConversationElement extends DeskElement {
  static override styles = [
    DeskElement.styles,
    fileChipStyles,
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
        margin: 0;
        padding: 12px 0;
        overflow-y: auto;
        /* The order is the conversation's own: the bubbles need no numbers beside them. */
        list-style: none;
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
      .field {
        position: relative;
      }
      .actions {
        display: grid;
        gap: 6px;
      }
      .listbox {
        position: absolute;
        inset-block-end: calc(100% + 4px);
        inset-inline: 0;
        max-block-size: 260px;
        margin: 0;
        padding: 4px;
        overflow-y: auto;
        list-style: none;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.15);
      }
      .listbox li {
        max-inline-size: none;
        padding: 6px 8px;
        border-radius: 6px;
        background: none;
        cursor: pointer;
      }
      .listbox li[aria-selected='true'] {
        background: var(--_info-bg);
        color: var(--_info-text);
      }
      .actions-top {
        display: flex;
        gap: 8px;
      }
      .transfer {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 8px;
        padding: 8px 0;
        border-block-end: 1px solid var(--_border);
      }
      .transfer label {
        flex: 1 1 220px;
        margin: 0;
      }
      .listbox .preview {
        display: block;
        font-size: 13px;
      }
    `,
  ];

  static override properties = { ...DeskElement.properties, conversationId: { attribute: 'conversation-id' } };

  /** The conversation shown. */
  declare conversationId: string;
  #composing = false;
  /** The highlighted saved reply. */
  #active = 0;
  /** Listing every saved reply, from the button, whatever the draft is. */
  #browse = false;
  /** The draft for which the agent closed the list with Esc: it stays closed until the draft changes. */
  #dismissed?: string;
  #cannedFor?: string;
  /** The transfer form is open. */
  #transferring = false;

  protected override watch(desk: Desk): ReadableAtom<unknown>[] {
    return [desk.$chats, desk.$agent, desk.$canned, desk.$team, desk.files.$files];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('conversationId')) this.#transferring = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Newest at the bottom, in view.
    const list = this.renderRoot.querySelector('ol');
    if (list) list.scrollTop = list.scrollHeight;
    if (changed.has('conversationId')) this.#field?.focus();
    this.renderRoot.querySelector('.listbox [aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
    // Once per locale, so that a failed load (a notice) does not ask again on every render.
    if (this.desk && this.locale && this.#cannedFor !== this.locale) {
      this.#cannedFor = this.locale;
      void this.desk.loadCanned(this.locale);
    }
  }

  get #field(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector<HTMLTextAreaElement>('textarea');
  }

  /** The saved replies listed now, or undefined when the list is closed. */
  #cannedOptions(chat: Chat): CannedReply[] | undefined {
    const query = this.#browse ? '' : slashQuery(chat.draft);
    if (query === undefined || chat.draft === this.#dismissed) return undefined;
    return matchCanned(this.desk.$canned.get().replies, query);
  }

  async #choose(reply: CannedReply) {
    const chat = this.#chat;
    if (!chat) return;
    const { text, hole } = fillCanned(reply.text, cannedValues(chat.context, this.desk.$agent.get()?.name));
    // From the button, the reply joins what was written; from `/word`, it replaces the shortcut.
    const before = this.#browse && chat.draft.trim() ? chat.draft.replace(/\s*$/, ' ') : '';
    this.#browse = false;
    this.#active = 0;
    this.desk.setDraft(this.conversationId, before + text);
    this.desk.typing(this.conversationId, true);
    await this.updateComplete;
    const field = this.#field;
    if (!field) return;
    field.focus();
    const [start, end] = hole
      ? [before.length + hole[0], before.length + hole[1]]
      : [field.value.length, field.value.length];
    field.setSelectionRange(start, end);
  }

  #openCanned() {
    const chat = this.#chat;
    if (!chat) return;
    this.#active = 0;
    this.#dismissed = undefined;
    if (!chat.draft.trim() || slashQuery(chat.draft) !== undefined) this.desk.setDraft(this.conversationId, '/');
    else this.#browse = true;
    this.requestUpdate();
    this.#field?.focus();
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
      <div class="who"><span class="pre">${who}</span> · ${formatDate(t, m.createdAt, 'dateTime')}</div>
      ${
        m.text
          ? rich
            ? html`<sh-rich-text .text=${m.text}></sh-rich-text>`
            : html`<div class="pre">${m.text}</div>`
          : nothing
      }
      ${(m.cards ?? []).map((card) => this.#card(card))} ${attachmentList(m.attachments)}
    </li>`;
  }

  #pending(p: PendingMessage) {
    const { t } = this;
    return html`<li class="agent">
      ${p.text ? html`<div class="pre">${p.text}</div>` : nothing} ${(p.cards ?? []).map((card) => this.#card(card))}
      ${attachmentList(p.attachments)}
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
    const chat = this.#chat;
    const options = chat && this.#cannedOptions(chat);
    if (options && !imeBusy(event, this.#composing)) {
      const move = { ArrowDown: 1, ArrowUp: -1 }[event.key];
      if (move && options.length) {
        event.preventDefault();
        this.#active = (this.#active + move + options.length) % options.length;
        this.requestUpdate();
        return;
      }
      const chosen = options[Math.min(this.#active, options.length - 1)];
      if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && chosen) {
        event.preventDefault();
        void this.#choose(chosen);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.#dismissed = chat.draft;
        this.#browse = false;
        this.requestUpdate();
        return;
      }
    }
    if (event.key !== 'Enter' || event.shiftKey || imeBusy(event, this.#composing)) return;
    event.preventDefault();
    void this.desk.send(this.conversationId);
  }

  #onInput(event: InputEvent) {
    const text = (event.target as HTMLTextAreaElement).value;
    this.#browse = false;
    this.#active = 0;
    this.desk.setDraft(this.conversationId, text);
    this.desk.typing(this.conversationId, Boolean(text.trim()));
  }

  #onListClick(event: Event) {
    const at = (event.target as Element).closest<HTMLElement>('[role="option"]')?.dataset.at;
    const chat = this.#chat;
    const chosen = at === undefined || !chat ? undefined : this.#cannedOptions(chat)?.[Number(at)];
    if (chosen) void this.#choose(chosen);
  }

  /* eslint-disable lit-a11y/click-events-have-key-events -- the list is operated from the reply field (arrows
     and Enter, through aria-activedescendant); its click listener is only the pointer path. */
  #cannedList(chat: Chat, options: CannedReply[] | undefined) {
    const { t } = this;
    const values = cannedValues(chat.context, this.desk.$agent.get()?.name);
    const active = Math.min(this.#active, (options?.length ?? 1) - 1);
    return html`<ul
        id="canned"
        class="listbox"
        role="listbox"
        aria-label=${t('cannedReplies')}
        ?hidden=${!options?.length}
        @pointerdown=${(e: Event) => e.preventDefault()}
        @click=${this.#onListClick}
      >
        ${(options ?? []).map(
          (r, at) =>
            html`<li
              id="canned-${at}"
              part="canned-reply"
              role="option"
              tabindex="-1"
              aria-selected=${at === active ? 'true' : 'false'}
              data-at=${at}
            >
              <span class="badge">/${r.shortcut}</span> <strong class="pre">${r.title}</strong>
              <span class="preview muted ellipsis pre">${fillCanned(r.text, values).text}</span>
            </li>`,
        )}
      </ul>
      <p class="visually-hidden" role="status">
        ${
          options === undefined
            ? nothing
            : options.length
              ? t('cannedCount', { count: options.length })
              : t('cannedNone', { query: slashQuery(chat.draft) ?? '' })
        }
      </p>`;
  }
  /* eslint-enable lit-a11y/click-events-have-key-events */

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

  #reply(chat: Chat) {
    const { t, desk } = this;
    const options = this.#cannedOptions(chat);
    const active = options?.length ? Math.min(this.#active, options.length - 1) : -1;
    const unfilled = /\{(name|order|agent)\}/.exec(chat.draft)?.[0];
    const id = this.conversationId;
    const waiting = filesBlocking(this, id);
    return html`<div class="reply">
      <div class="field">
        ${this.#cannedList(chat, options)}
        <label for="reply" class="visually-hidden">${t('reply')}</label>
        <textarea
          id="reply"
          part="reply"
          maxlength="4000"
          placeholder=${t('replyPlaceholder')}
          aria-haspopup="listbox"
          aria-autocomplete="list"
          aria-controls="canned"
          aria-activedescendant=${active >= 0 ? `canned-${active}` : nothing}
          aria-describedby=${unfilled ? 'unfilled' : nothing}
          .value=${live(chat.draft)}
          @input=${this.#onInput}
          @keydown=${this.#onKeydown}
          @paste=${pasteInto(this, id)}
          @blur=${() => {
            desk.typing(this.conversationId, false);
            if (this.#browse) {
              this.#browse = false;
              this.requestUpdate();
            }
          }}
          @compositionstart=${() => (this.#composing = true)}
          @compositionend=${() => (this.#composing = false)}
        ></textarea>
        ${unfilled ? html`<p id="unfilled" class="muted">${t('cannedUnfilled', { variable: unfilled })}</p>` : nothing}
        ${fileChips(this, id)} ${waiting ? html`<p id="files-waiting" class="muted">${waiting}</p>` : nothing}
      </div>
      <div class="actions">
        <button
          part="canned"
          class="button"
          type="button"
          aria-controls="canned"
          @pointerdown=${(e: Event) => e.preventDefault()}
          @click=${() => this.#openCanned()}
        >
          ${t('cannedReplies')}
        </button>
        ${attachButton(this, id)}
        <button
          part="send"
          class="button primary"
          type="button"
          ?disabled=${Boolean(waiting) || (!chat.draft.trim() && !hasFiles(this, id))}
          aria-describedby=${waiting ? 'files-waiting' : nothing}
          @click=${() => desk.send(id)}
        >
          ${t('send')}
        </button>
      </div>
    </div>`;
  }

  async #openTransfer(open: boolean) {
    this.#transferring = open;
    this.requestUpdate();
    await this.updateComplete;
    (this.renderRoot.querySelector<HTMLElement>(open ? '#transfer-to' : '[part~="transfer"]') ?? undefined)?.focus();
  }

  async #onTransfer(event: SubmitEvent) {
    event.preventDefault();
    const to = new FormData(event.target as HTMLFormElement).get('to');
    if (typeof to !== 'string') return;
    if (await this.desk.transfer(this.conversationId, to === 'queue' ? undefined : to)) this.#transferring = false;
  }

  #transferForm() {
    const { t, desk } = this;
    const me = desk.$agent.get()?.id;
    const team = desk.$team.get().filter((m) => m.id !== me);
    const free = (m: (typeof team)[number]) => m.online && m.load < m.maxChats;
    // Chosen on each option: the select's own default would be the queue, the first option it was built with.
    const chosen = team.find(free)?.id ?? 'queue';
    return html`<form
      id="transfer"
      part="transfer-form"
      class="transfer"
      aria-label=${t('transfer')}
      @submit=${this.#onTransfer}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        void this.#openTransfer(false);
      }}
    >
      <label>
        ${t('transferTo')}
        <select id="transfer-to" name="to">
          ${team.map(
            (m) =>
              html`<option value=${m.id} ?disabled=${!free(m)} ?selected=${m.id === chosen}>
                ${t('teamMember', {
                  name: m.name,
                  presence: t(`presence_${m.online ? 'online' : m.presence === 'online' ? 'offline' : m.presence}`),
                  load: m.load,
                  max: m.maxChats,
                })}
              </option>`,
          )}
          <option value="queue" ?selected=${chosen === 'queue'}>${t('transferQueue')}</option>
        </select>
      </label>
      <button class="button primary" type="submit">${t('transferConfirm')}</button>
      <button class="button" type="button" @click=${() => this.#openTransfer(false)}>${t('cancel')}</button>
    </form>`;
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
            ? html`<div class="actions-top">
                <button
                  part="transfer"
                  class="button"
                  type="button"
                  aria-expanded=${this.#transferring ? 'true' : 'false'}
                  aria-controls="transfer"
                  @click=${() => this.#openTransfer(!this.#transferring)}
                >
                  ${t('transfer')}
                </button>
                <button part="end" class="button" type="button" @click=${() => desk.end(chat.summary.id)}>
                  ${t('end')}
                </button>
              </div>`
            : nothing
        }
      </header>
      ${mine && this.#transferring ? this.#transferForm() : nothing}
      <ol class="messages" aria-live="polite" tabindex="0" aria-label=${t('conversations')}>
        ${chat.messages.map((m) => this.#message(m))} ${chat.pending.map((p) => this.#pending(p))}
      </ol>
      <p class="muted" aria-live="polite">${chat.typing ? t('customerTyping', { name }) : nothing}</p>
      ${mine ? this.#reply(chat) : chat.summary.human === 'closed' ? this.#closed(chat) : nothing}
    </section>`;
  }
}
