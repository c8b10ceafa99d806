import { css, html, nothing } from 'lit';
import type { ReadableAtom } from 'nanostores';
import { formatDate } from '../elements/format.js';
import { DeskElement } from './base.js';
import { customerName } from './format.js';
import type { DeskKey } from './i18n.js';
import type { Desk } from './store.js';

/**
 * History search over past conversations and tickets: words (Chinese by any two-character word), an order id
 * or a customer id.
 *
 * @tag sh-desk-search
 * @csspart search - The search field.
 */
export class DeskSearchElement extends DeskElement {
  static override styles = [
    DeskElement.styles,
    css`
      form {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 8px;
        align-items: end;
      }
      ul {
        display: grid;
        gap: 6px;
        margin-block-start: 12px;
      }
      li {
        padding: 8px 12px;
      }
    `,
  ];

  protected override watch(desk: Desk): ReadableAtom<unknown>[] {
    return [desk.$search];
  }

  #submit(event: SubmitEvent) {
    event.preventDefault();
    const field = (event.target as HTMLFormElement).elements.namedItem('q') as HTMLInputElement;
    void this.desk.search(field.value);
  }

  protected override render() {
    const { t, desk } = this;
    const { query, result, loading } = desk.$search.get();
    const count = result ? result.messages.length + result.tickets.length + result.conversations.length : 0;
    return html`<form role="search" @submit=${this.#submit}>
        <div>
          <label for="q">${t('searchLabel')}</label>
          <input id="q" name="q" part="search" type="search" maxlength="200" .value=${query} aria-describedby="hint" />
          <p id="hint" class="muted">${t('searchHint')}</p>
        </div>
        <button class="button primary" type="submit">${t('search')}</button>
      </form>
      <div role="status">
        ${
          loading
            ? html`<p class="empty">${t('loadingDesk')}</p>`
            : result
              ? count
                ? html`<p class="muted">${t('results', { count })}</p>`
                : html`<p class="empty">${t('searchNone')}</p>`
              : nothing
        }
      </div>
      ${
        result && count
          ? html`<ul class="list">
              ${result.tickets.map(
                (ticket) =>
                  html`<li class="card">
                    <strong>${t('ticketNo', { id: ticket.id })}</strong> ·
                    <span class="pre">${customerName(t, ticket.customer)}</span>
                    <p class="pre">${ticket.description}</p>
                  </li>`,
              )}
              ${result.messages.map(
                (m) =>
                  html`<li class="card">
                    <span class="muted">
                      ${t(`role_${m.role}` as DeskKey)} · ${formatDate(t, m.createdAt, 'dateTime')}
                    </span>
                    <p class="pre">${m.text}</p>
                  </li>`,
              )}
              ${result.conversations.map(
                (c) =>
                  html`<li class="card">
                    <span class="pre">${c.customerId}</span> · ${formatDate(t, c.createdAt, 'dateTime')} ·
                    <span class="pre">${c.human}</span>
                  </li>`,
              )}
            </ul>`
          : nothing
      }`;
  }
}
