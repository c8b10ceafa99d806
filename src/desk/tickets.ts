import { css, html, nothing } from 'lit';
import type { ReadableAtom } from 'nanostores';
import { formatDate } from '../elements/format.js';
import { ticketReplyKey } from './attach-store.js';
import { DeskElement } from './base.js';
import {
  attachButton,
  attachmentList,
  fileChips,
  fileChipStyles,
  filesBlocking,
  hasFiles,
  pasteInto,
} from './files.js';
import { customerName, lateReasons } from './format.js';
import type { DeskKey } from './i18n.js';
import type { Desk } from './store.js';
import type { Ticket, TicketStatus } from './types.js';

const STATUSES: TicketStatus[] = ['open', 'pending', 'solved'];

/**
 * Tickets: the list filtered by status, and the open ticket with its form fields, photos and replies; the
 * agent replies (text, files, or both; an image pasted into the field is attached) and changes the status,
 * which the customer sees in the widget.
 *
 * @tag sh-desk-tickets
 * @csspart ticket-item - One ticket in the list.
 * @csspart attach - The button that attaches files to the reply.
 * @csspart files - The files attached to the reply.
 * @csspart file - One attached file, with its upload's state.
 */
export class DeskTicketsElement extends DeskElement {
  static override styles = [
    DeskElement.styles,
    fileChipStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(240px, 1fr) 2fr;
        gap: 16px;
        align-items: start;
      }
      @media (max-width: 800px) {
        :host {
          grid-template-columns: 1fr;
        }
      }
      ul {
        display: grid;
        gap: 6px;
        margin-block-start: 8px;
      }
      li button {
        display: grid;
        inline-size: 100%;
        padding: 8px 10px;
        text-align: start;
      }
      li button[aria-current='true'] {
        border-color: var(--_brand);
      }
      li.late button {
        border-inline-start: 4px solid var(--_critical-text);
      }
      article {
        display: grid;
        gap: 12px;
        padding: 16px;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 4px 12px;
        margin: 0;
      }
      dd {
        margin: 0;
      }
      img {
        max-inline-size: 160px;
        border-radius: 8px;
      }
      .reply {
        padding: 8px 12px;
        border-radius: 8px;
        background: var(--_surface-2);
      }
    `,
  ];

  protected override watch(desk: Desk): ReadableAtom<unknown>[] {
    return [desk.$tickets, desk.files.$files];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.desk.$tickets.get().list) void this.desk.loadTickets();
  }

  async #reply(event: SubmitEvent, id: string) {
    event.preventDefault();
    const field = (event.target as HTMLFormElement).elements.namedItem('text') as HTMLTextAreaElement;
    // The text stays in the field until the server has it.
    if (await this.desk.replyTicket(id, field.value)) field.value = '';
  }

  #detail(ticket: Ticket) {
    const { t, desk } = this;
    const replies = desk.$tickets.get().open?.replies ?? [];
    const key = ticketReplyKey(ticket.id);
    const waiting = filesBlocking(this, key);
    return html`<article class="card" aria-labelledby="ticket-title">
      <h2 id="ticket-title">${t('ticketNo', { id: ticket.id })}</h2>
      <dl>
        <dt>${t('customer')}</dt>
        <dd class="pre">${customerName(t, ticket.customer)}</dd>
        <dt>${t('category')}</dt>
        <dd class="pre">${ticket.category}</dd>
        ${
          ticket.orderId
            ? html`<dt>${t('order')}</dt>
                <dd class="pre">${ticket.orderId}</dd>`
            : nothing
        }
        <dt>${t('contact')}</dt>
        <dd class="pre">${ticket.contact}</dd>
      </dl>
      <p class="pre">${ticket.description}</p>
      ${attachmentList(ticket.attachments)}
      ${replies.map(
        (r) =>
          html`<div class="reply">
            <div class="muted">
              <span class="pre">${r.author?.name ?? t(`role_${r.role}` as DeskKey)}</span> ·
              ${formatDate(t, r.createdAt, 'dateTime')}
            </div>
            ${r.text ? html`<p class="pre">${r.text}</p>` : nothing} ${attachmentList(r.attachments)}
          </div>`,
      )}
      <div>
        <label for="status">${t('ticketStatus')}</label>
        <select
          id="status"
          .value=${ticket.status}
          @change=${(e: Event) =>
            desk.setTicketStatus(ticket.id, (e.target as HTMLSelectElement).value as TicketStatus)}
        >
          ${STATUSES.map((s) => html`<option value=${s} ?selected=${s === ticket.status}>${t(`ticket_${s}`)}</option>`)}
        </select>
      </div>
      <form class="stack" @submit=${(e: SubmitEvent) => this.#reply(e, ticket.id)}>
        <label for="ticket-reply">${t('ticketReply')}</label>
        <textarea
          id="ticket-reply"
          name="text"
          maxlength="4000"
          ?required=${!hasFiles(this, key)}
          @paste=${pasteInto(this, key)}
        ></textarea>
        ${fileChips(this, key)} ${waiting ? html`<p id="ticket-files-waiting" class="muted">${waiting}</p>` : nothing}
        <div class="row">
          ${attachButton(this, key)}
          <button
            class="button primary"
            type="submit"
            ?disabled=${Boolean(waiting)}
            aria-describedby=${waiting ? 'ticket-files-waiting' : nothing}
          >
            ${t('send')}
          </button>
        </div>
      </form>
    </article>`;
  }

  protected override render() {
    const { t, desk } = this;
    const { status, list, open } = desk.$tickets.get();
    return html`<section aria-labelledby="tickets-title">
        <h2 id="tickets-title">${t('tickets')}</h2>
        <div class="chips" role="group" aria-label=${t('ticketStatus')}>
          ${[undefined, ...STATUSES].map(
            (s) =>
              html`<button
                class="chip"
                type="button"
                aria-pressed=${s === status ? 'true' : 'false'}
                @click=${() => desk.loadTickets(s)}
              >
                ${s ? t(`ticket_${s}`) : t('ticketsAll')}
              </button>`,
          )}
        </div>
        ${
          list === undefined
            ? html`<p class="empty">${t('loadingDesk')}</p>`
            : list.length
              ? html`<ul class="list">
                  ${list.map((ticket) => {
                    const late = lateReasons(t, ticket.late);
                    return html`<li part="ticket-item" class=${late ? 'late' : ''}>
                      <button
                        class="card"
                        type="button"
                        aria-current=${open?.ticket.id === ticket.id ? 'true' : 'false'}
                        @click=${() => desk.openTicket(ticket.id)}
                      >
                        <span class="row">
                          <strong>${t('ticketNo', { id: ticket.id })}</strong>
                          <span class="badge">${t(`ticket_${ticket.status}` as DeskKey)}</span>
                          ${late ? html`<span class="badge late">${t('lateBadge', { reasons: late })}</span>` : nothing}
                        </span>
                        <span class="muted ellipsis pre">${customerName(t, ticket.customer)} · ${ticket.category}</span>
                        <span class="muted">${formatDate(t, ticket.createdAt, 'dateTime')}</span>
                      </button>
                    </li>`;
                  })}
                </ul>`
              : html`<p class="empty">${t('noTickets')}</p>`
        }
      </section>
      ${open ? this.#detail(open.ticket) : nothing}`;
  }
}
