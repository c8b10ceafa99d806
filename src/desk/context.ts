import { css, html, nothing } from 'lit';
import type { ReadableAtom } from 'nanostores';
import { formatDate } from '../elements/format.js';
import { orderSummary } from '../elements/order.js';
import { DeskElement } from './base.js';
import { customerName, reasonText } from './format.js';
import type { DeskKey } from './i18n.js';
import type { Desk } from './store.js';
import type { ActionSuggestion, ArticleSuggestion, HandoffContext } from './types.js';

/** Page-context keys shown with their own label; any other key the site sent shows as it came. */
const KNOWN_PAGE_KEYS = ['page', 'product'];

/**
 * The context panel beside a conversation: who the customer is, the order they asked about (the same order
 * card they saw), the page they were on, their mood, the bot transcript before the hand-off, and the answers
 * that match their latest message, each sendable as a card with one click.
 *
 * @tag sh-desk-context
 * @csspart context - The panel.
 */
export class DeskContextElement extends DeskElement {
  static override styles = [
    DeskElement.styles,
    css`
      aside {
        display: grid;
        gap: 16px;
        align-content: start;
      }
      section {
        display: grid;
        gap: 6px;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 2px 12px;
        margin: 0;
        font-size: 14px;
      }
      dt {
        color: var(--_muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .order {
        padding: 10px 12px;
      }
      .transcript {
        display: grid;
        gap: 4px;
        max-block-size: 240px;
        overflow-y: auto;
        font-size: 14px;
      }
      .suggestion {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 8px 10px;
      }
      .suggestion .pre {
        flex: 1;
      }
    `,
  ];

  static override properties = { ...DeskElement.properties, conversationId: { attribute: 'conversation-id' } };

  /** The conversation whose context is shown. */
  declare conversationId: string;

  protected override watch(desk: Desk): ReadableAtom<unknown>[] {
    return [desk.$chats];
  }

  #send(card: ArticleSuggestion | ActionSuggestion) {
    void this.desk.send(this.conversationId, '', [card]);
  }

  #customer(c: HandoffContext) {
    const { t } = this;
    const vip = c.customer.tier?.toLowerCase() === 'vip';
    return html`<section aria-labelledby="customer">
      <h3 id="customer">${t('customer')}</h3>
      <div class="row">
        <strong class="pre">${customerName(t, c.customer)}</strong>
        ${vip ? html`<span class="badge vip">${t('vip')}</span>` : nothing}
        ${c.recontact ? html`<span class="badge warning">${t('recontact')}</span>` : nothing}
      </div>
      <dl>
        ${
          c.customer.tier
            ? html`<dt>${t('tier')}</dt>
                <dd class="pre">${c.customer.tier}</dd>`
            : nothing
        }
        ${
          c.reason
            ? html`<dt>${t('reasonLabel')}</dt>
                <dd class="pre">${reasonText(t, c.reason)}</dd>`
            : nothing
        }
        <dt>${t('pastContacts')}</dt>
        <dd>
          ${
            c.pastContacts.length
              ? html`<ul class="list">
                  ${c.pastContacts.map(
                    (p) =>
                      html`<li>
                        ${p.type === 'ticket' ? t('ticketNo', { id: p.id }) : formatDate(t, p.createdAt, 'dateTime')} ·
                        <span class="pre">${p.status}</span>
                      </li>`,
                  )}
                </ul>`
              : t('noPastContacts')
          }
        </dd>
      </dl>
    </section>`;
  }

  #page(c: HandoffContext) {
    const { t } = this;
    const page = c.page ?? {};
    const extra = Object.entries(page).filter(([key, value]) => !KNOWN_PAGE_KEYS.includes(key) && value != null);
    if (!page.page && !page.product && !extra.length) return nothing;
    const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
    return html`<section aria-labelledby="page">
      <h3 id="page">${t('page')}</h3>
      <dl>
        ${
          page.page
            ? html`<dt>${t('page')}</dt>
                <dd class="pre">${text(page.page)}</dd>`
            : nothing
        }
        ${
          page.product
            ? html`<dt>${t('product')}</dt>
                <dd class="pre">${text(page.product)}</dd>`
            : nothing
        }
        ${extra.map(
          ([key, value]) =>
            html`<dt class="pre">${key}</dt>
              <dd class="pre">${text(value)}</dd>`,
        )}
      </dl>
    </section>`;
  }

  protected override render() {
    const { t } = this;
    const chat = this.desk.$chats.get()[this.conversationId];
    const c = chat?.context;
    if (!c)
      return html`<aside part="context" aria-label=${t('context')}><p class="empty">${t('loadingDesk')}</p></aside>`;
    const mine = chat.summary.human === 'connected';
    const { articles = [], actions = [] } = c.suggestions ?? {};
    return html`<aside part="context" aria-label=${t('context')}>
      ${this.#customer(c)}
      ${
        c.order || c.orderId
          ? html`<section aria-labelledby="order">
              <h3 id="order">${t('order')}</h3>
              ${
                c.order
                  ? html`<div class="card order">${orderSummary(t, this.locale, c.order)}</div>`
                  : html`<p class="pre">${t('orderNo', { id: c.orderId! })}</p>`
              }
            </section>`
          : nothing
      }
      ${this.#page(c)}
      <section aria-labelledby="mood">
        <h3 id="mood">${t('mood')}</h3>
        <p><span class="badge ${c.sentiment}">${t(c.sentiment as DeskKey)}</span></p>
      </section>
      <section aria-labelledby="transcript">
        <h3 id="transcript">${t('transcript')}</h3>
        ${
          c.transcript.length
            ? html`<ol class="transcript list" tabindex="0" aria-labelledby="transcript">
                ${c.transcript.map(
                  (line) =>
                    html`<li>
                      <strong>${t(`role_${line.role}` as DeskKey)}:</strong> <span class="pre">${line.text}</span>
                    </li>`,
                )}
              </ol>`
            : html`<p class="muted">${t('noTranscript')}</p>`
        }
      </section>
      <section aria-labelledby="suggestions">
        <h3 id="suggestions">${t('suggestions')}</h3>
        ${
          articles.length || actions.length
            ? html`<ul class="stack">
                ${[...articles, ...actions].map(
                  (card) =>
                    html`<li class="card suggestion">
                      <span class="badge">${t(card.type)}</span>
                      <span class="pre">${card.title}</span>
                      <button
                        class="button"
                        type="button"
                        ?disabled=${!mine}
                        aria-label=${t('sendCard', { title: card.title })}
                        @click=${() => this.#send(card)}
                      >
                        ${t('send')}
                      </button>
                    </li>`,
                )}
              </ul>`
            : html`<p class="muted">${t('noSuggestions')}</p>`
        }
      </section>
    </aside>`;
  }
}
