import { html, nothing } from 'lit';
import { actionsForOrder, rankRecommendations } from '../../core/ranking.js';
import type { Action, Announcement, Hall, Order } from '../../core/types.js';
import type { Session } from '../../state/session.js';
import { navigate, ShElement, type Screen } from '../base.js';
import { icon } from '../icons.js';
import { orderSummary } from '../order.js';
import { PARTS } from '../parts.js';
import { styles } from './hall.styles.js';

const LEVEL_ORDER = { critical: 0, warning: 1, info: 2 } as const;
const VISIBLE_ORDERS = 3;

/**
 * The first screen: announcements, the customer's recent orders with actions that fit their status,
 * questions ranked by context, and self-service tiles.
 *
 * @tag sh-hall
 *
 * @csspart hall - The first screen.
 * @csspart announcement - One announcement banner.
 * @csspart order-card - One order card.
 * @csspart recommendation - One "you may want to ask" question.
 * @csspart action-tile - One self-service tile.
 */
export class HallElement extends ShElement {
  static override styles = [ShElement.styles, styles];

  static override properties = { ...ShElement.properties, allOrders: { state: true } };

  declare protected allOrders: boolean;

  constructor() {
    super();
    this.allOrders = false;
  }

  protected override watch(session: Session) {
    return [session.$hall, session.$dismissed, session.$context, session.$user];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.session.$hall.get().status === 'idle') void this.session.loadHall();
  }

  #go(screen: Screen): void {
    navigate(this, screen);
  }

  #ask(text: string): void {
    this.session.send(text);
    this.#go({ screen: 'conversation' });
  }

  #announcements(list: Announcement[]) {
    const dismissed = this.session.$dismissed.get();
    return [...list]
      .filter((a) => !dismissed.includes(a.id))
      .sort((a, b) => (LEVEL_ORDER[a.level] ?? 3) - (LEVEL_ORDER[b.level] ?? 3))
      .map(
        (a) =>
          html`<div part="announcement" class="banner ${a.level}" role=${a.level === 'critical' ? 'alert' : 'status'}>
            <div class="grow">
              <strong>${a.title}</strong>
              ${a.body ? html`<p>${a.body}</p>` : nothing}
            </div>
            <button
              type="button"
              class="icon-button"
              aria-label=${`${this.t('dismiss')}: ${a.title}`}
              @click=${() => this.session.dismissAnnouncement(a.id)}
            >
              ×
            </button>
          </div>`,
      );
  }

  #order(order: Order, actions: Action[]) {
    const { t } = this;
    return html`<li part="order-card" class="card order">
      ${orderSummary(t, this.session.$locale.get(), order)}
      <div class="chips">
        <button
          type="button"
          class="chip primary"
          @click=${() => {
            this.session.selectOrder(order.id);
            this.#go({ screen: 'conversation', orderId: order.id });
          }}
        >
          ${t('askOrder')}
        </button>
        ${actionsForOrder(order, actions).map(
          (action) =>
            html`<button
              type="button"
              class="chip"
              @click=${() => {
                this.session.selectOrder(order.id);
                this.#go({ screen: 'action', actionId: action.id, orderId: order.id });
              }}
            >
              ${action.title}
            </button>`,
        )}
      </div>
    </li>`;
  }

  #ready(hall: Hall) {
    const { t, session } = this;
    const orders = [...hall.orders].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || 0);
    const shown = this.allOrders ? orders : orders.slice(0, VISIBLE_ORDERS);
    const recommendations = rankRecommendations(hall.recommendations, {
      orders,
      context: session.$context.get(),
      tier: session.$user.get()?.tier,
    });
    const vip = session.$user.get()?.tier === 'vip';
    return html`${this.#announcements(hall.announcements)}
      <p class="greeting">${hall.greeting}${vip ? html` <span class="badge warning">${t('vip')}</span>` : nothing}</p>
      <sh-past exportparts=${PARTS} .session=${session} .t=${t}></sh-past>
      <section aria-labelledby="orders-title">
        <h3 id="orders-title">${t('yourOrders')}</h3>
        ${
          orders.length
            ? html`<ul class="list">
                  ${shown.map((order) => this.#order(order, hall.actions))}
                </ul>
                ${
                  orders.length > VISIBLE_ORDERS && !this.allOrders
                    ? html`<button type="button" class="link" @click=${() => (this.allOrders = true)}>
                        ${t('moreOrders', { count: orders.length - VISIBLE_ORDERS })}
                      </button>`
                    : nothing
                }`
            : html`<p class="empty">${t('noOrders')}</p>`
        }
      </section>
      ${
        recommendations.length
          ? html`<section aria-labelledby="recs-title">
              <h3 id="recs-title">${t('mayAsk')}</h3>
              <ul class="list card questions">
                ${recommendations.map(
                  (r) =>
                    html`<li>
                      <button part="recommendation" type="button" class="question" @click=${() => this.#ask(r.text)}>
                        ${r.text}
                      </button>
                    </li>`,
                )}
              </ul>
            </section>`
          : nothing
      }
      ${
        hall.actions.length
          ? html`<section aria-labelledby="tiles-title">
              <h3 id="tiles-title">${t('selfService')}</h3>
              <ul class="tiles">
                ${hall.actions.map(
                  (action) =>
                    html`<li>
                      <button
                        part="action-tile"
                        type="button"
                        class="card tile"
                        @click=${() => this.#go({ screen: 'action', actionId: action.id })}
                      >
                        ${icon(action.icon)}<span>${action.title}</span>
                      </button>
                    </li>`,
                )}
              </ul>
            </section>`
          : nothing
      }`;
  }

  protected override render() {
    const state = this.session.$hall.get();
    const { t } = this;
    let content;
    if (state.status === 'ready' && state.value) content = this.#ready(state.value);
    else if (state.status === 'error')
      content = html`<div class="empty" role="alert">
        <p>${t('loadFailed')}</p>
        <button type="button" class="chip primary" @click=${() => void this.session.loadHall()}>${t('retry')}</button>
      </div>`;
    else
      content = html`<div class="skeleton" aria-hidden="true">
          <div></div>
          <div></div>
          <div></div>
        </div>
        <p class="visually-hidden" role="status">${t('loading')}</p>`;
    return html`<div part="hall" class="hall" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
      ${content}
    </div>`;
  }
}
