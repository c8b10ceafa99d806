import { html, nothing, type PropertyValues } from 'lit';
import type { Attachment, Message, TicketReply } from '../../core/types.js';
import type { FormField } from '../../core/validate.js';
import type { Session } from '../../state/session.js';
import { FormElement } from '../action-form/form.js';
import { files, filesStyles } from '../files.js';
import { formatDate } from '../format.js';
import { styles } from './thread.styles.js';

const REPLY_MAX = 2000;
const PHOTOS_MAX = 5;
/** Past messages kept on screen: paging back further drops none, but the DOM stays bounded at this many. */
const MESSAGES_MAX = 500;

/**
 * A whole thread from the customer's past: a ticket with its replies, where the customer answers (text and
 * photos) and, once it is solved, says whether it really is; or a past conversation, paging back through the
 * server's history.
 *
 * @tag sh-thread
 *
 * @csspart thread - The thread.
 * @csspart solved-prompt - "Is it really solved?"
 */
export class ThreadElement extends FormElement {
  static override styles = [...FormElement.styles, filesStyles, styles];

  static override properties = {
    ...FormElement.properties,
    ticketId: { attribute: false },
    conversationId: { attribute: false },
    messages: { state: true },
    more: { state: true },
    note: { state: true },
  };

  declare ticketId?: string;
  declare conversationId?: string;
  declare protected messages?: Message[];
  declare protected more: boolean;
  /** What just happened, announced (the ticket reopened). */
  declare protected note: string;

  constructor() {
    super();
    this.more = false;
    this.note = '';
  }

  protected override watch(session: Session) {
    return [session.past.$thread, session.past.$confirmed];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.ticketId) void this.session.past.openTicket(this.ticketId);
    else if (this.conversationId) void this.#earlier();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.ticketId) this.session.past.closeTicket();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('note') && this.note) this.renderRoot.querySelector<HTMLElement>('.note')?.focus();
  }

  /** The next older page of the past conversation. */
  async #earlier(): Promise<void> {
    try {
      const before = this.messages?.[0]?.seq;
      const page = await this.session.past.messages(this.conversationId!, before);
      this.messages = [...page, ...(this.messages ?? [])].slice(0, MESSAGES_MAX);
      this.more = page.length >= 50 && this.messages.length < MESSAGES_MAX;
      this.failure = '';
    } catch {
      this.messages ??= [];
      this.failure = this.t('threadFailed');
    }
  }

  #entry(who: string, mine: boolean, text: string, at: string, attachments?: Attachment[]) {
    return html`<li class="entry ${mine ? 'mine' : ''}">
      <p class="muted">${who} · ${formatDate(this.t, at, 'dateTime')}</p>
      ${text ? html`<p class="text">${text}</p>` : nothing} ${attachments?.length ? files(attachments) : nothing}
    </li>`;
  }

  #who(entry: Pick<TicketReply, 'role' | 'author'>) {
    return entry.role === 'customer' ? this.t('you') : (entry.author?.name ?? this.t('team'));
  }

  #conversation() {
    const { t } = this;
    return html`<div part="thread" class="thread">
      ${
        this.more
          ? html`<button type="button" class="chip" @click=${() => void this.#earlier()}>${t('earlier')}</button>`
          : nothing
      }
      ${this.messages ? nothing : html`<p role="status">${t('loading')}</p>`}
      <ol class="entries" aria-label=${t('conversationLog')}>
        ${(this.messages ?? []).map((m) => this.#entry(this.#who(m as TicketReply), m.role === 'customer', m.text, m.createdAt, m.attachments))}
      </ol>
      ${this.failure ? html`<p class="banner critical" role="alert">${this.failure}</p>` : nothing}
    </div>`;
  }

  #ticket() {
    const { t, session } = this;
    const state = session.past.$thread.get();
    if (state.status === 'error')
      return html`<p class="empty" role="alert">
        ${t('threadFailed')}
        <button type="button" class="chip" @click=${() => void session.past.openTicket(this.ticketId!)}>
          ${t('retry')}
        </button>
      </p>`;
    const thread = state.value;
    if (!thread || thread.ticket.id !== this.ticketId) return html`<p role="status">${t('loading')}</p>`;
    const { ticket, replies } = thread;
    const status = t(
      ticket.status === 'pending' ? 'ticket_pending' : ticket.status === 'solved' ? 'ticket_solved' : 'ticket_open',
    );
    const ask = ticket.status === 'solved' && !session.past.$confirmed.get().includes(ticket.id);
    const fields: FormField[] = this.shown([
      { name: 'text', type: 'textarea', label: t('replyLabel'), max: REPLY_MAX },
      { name: 'attachments', type: 'images', label: t('photos', { max: PHOTOS_MAX }), max: PHOTOS_MAX },
    ]);
    const send = async ({ text, attachments }: Record<string, unknown>) => {
      const photos = (attachments as Attachment[] | undefined) ?? [];
      if (!text && !photos.length) {
        this.failure = t('replyEmpty');
        return;
      }
      await session.past.reply(ticket.id, String(text ?? ''), photos);
      this.values = {};
    };
    return html`<div part="thread" class="thread">
      <h3 id="thread-title" class="row">
        <span class="grow">${t('ticketNo', { id: ticket.id })}</span><span class="badge" role="status">${status}</span>
      </h3>
      <ol class="entries" aria-labelledby="thread-title">
        ${this.#entry(t('you'), true, ticket.description, ticket.createdAt, ticket.attachments)}
        ${replies.map((r) => this.#entry(this.#who(r), r.role === 'customer', r.text, r.createdAt, r.attachments))}
      </ol>
      ${this.note ? html`<p class="note banner info" role="status" tabindex="-1">${this.note}</p>` : nothing}
      ${
        ask
          ? html`<div part="solved-prompt" class="card prompt" role="group" aria-labelledby="solved-ask">
              <p id="solved-ask"><strong>${t('solvedAsk')}</strong></p>
              <div class="chips">
                <button
                  type="button"
                  class="chip primary"
                  @click=${() => void session.past.answerSolved(ticket.id, true)}
                >
                  ${t('solvedYes')}
                </button>
                <button
                  type="button"
                  class="chip"
                  @click=${async () => {
                    await session.past.answerSolved(ticket.id, false).then(
                      () => (this.note = t('reopened')),
                      () => (this.failure = t('actionFailed')),
                    );
                  }}
                >
                  ${t('solvedNo')}
                </button>
              </div>
            </div>`
          : nothing
      }
      ${
        session.capabilities.replyTickets
          ? html`<form
              class="form"
              novalidate
              aria-label=${t('replyLabel')}
              aria-busy=${this.pending ? 'true' : 'false'}
              @submit=${(e: Event) => this.submit(e, fields, send)}
              @paste=${this.paste}
            >
              ${fields.map((field, i) => this.field(field, i))} ${this.actions(t('sendReply'))}
            </form>`
          : nothing
      }
    </div>`;
  }

  protected override render() {
    return this.ticketId ? this.#ticket() : this.#conversation();
  }
}
