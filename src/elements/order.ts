import { html, nothing } from 'lit';
import { ORDER_STATUSES, type Locale, type Order } from '../core/types.js';
import type { PanelTranslate, StringKey } from '../i18n/index.js';
import { formatDate, formatList, formatMoney } from './format.js';

/** An order status in words; a status this widget has no words for shows as the backend sent it. */
export const statusLabel = (t: PanelTranslate, status: string): string =>
  (ORDER_STATUSES as readonly string[]).includes(status) ? t(`status_${status}` as StringKey) : status;

/**
 * An order's title, status, items, number, date and amount: the same in the hall and in the conversation.
 * A single item that is the order's title is not repeated under it.
 */
export const orderSummary = (t: PanelTranslate, locale: Locale, order: Order) => {
  const items =
    order.items &&
    formatList(
      t,
      order.items.map((i) => (i.quantity && i.quantity > 1 ? `${i.name} ×${i.quantity}` : String(i.name ?? ''))),
    );
  return html`<div class="order-top">
      <span class="order-title ellipsis" title=${order.title}>${order.title}</span>
      <span class="badge ellipsis ${order.status}">${statusLabel(t, order.status)}</span>
    </div>
    ${items && items !== order.title ? html`<p class="muted ellipsis" title=${items}>${items}</p>` : nothing}
    <p class="muted meta">
      <span>${t('orderNo', { id: order.id })}</span>
      <span>${formatDate(t, order.createdAt)}</span>
      <span class="amount">${formatMoney(locale, order.total, order.currency)}</span>
    </p>`;
};
