import { css, html, nothing } from 'lit';
import type { ReadableAtom } from 'nanostores';
import { DeskElement } from './base.js';
import { customerName, lateReasons, reasonText, waited } from './format.js';
import type { Desk } from './store.js';
import type { QueueEntry } from './types.js';

/**
 * The live queue: each waiting customer with name, tier, mood, reason and waiting time, in serving order
 * (late by the team's OLA first, then priority, then waiting time), each takeable.
 *
 * @tag sh-desk-queue
 * @csspart queue-item - One waiting customer.
 */
export class DeskQueueElement extends DeskElement {
  static override styles = [
    DeskElement.styles,
    css`
      ul {
        display: grid;
        gap: 8px;
      }
      li {
        display: flex;
        align-items: center;
        gap: 12px;
        padding: 10px 12px;
      }
      li.high {
        border-inline-start: 4px solid var(--_brand);
      }
      li.late {
        border-inline-start: 4px solid var(--_critical-text);
      }
      .who {
        flex: 1;
        min-inline-size: 0;
      }
      .name {
        font-weight: 600;
      }
      header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        margin-block-end: 12px;
      }
    `,
  ];

  static override properties = { ...DeskElement.properties, now: { state: true } };

  /** The clock the waiting times are counted to; ticks while shown. */
  declare now: number;
  #tick?: ReturnType<typeof setInterval>;

  constructor() {
    super();
    this.now = Date.now();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#tick = setInterval(() => (this.now = Date.now()), 15_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#tick);
  }

  protected override watch(desk: Desk): ReadableAtom<unknown>[] {
    return [desk.$queue, desk.$agent];
  }

  #item(entry: QueueEntry) {
    const { t } = this;
    const name = customerName(t, entry.customer);
    const vip = entry.customer.tier?.toLowerCase() === 'vip';
    const mood = entry.sentiment && entry.sentiment !== 'neutral' ? entry.sentiment : undefined;
    const mine = entry.reservedFor?.agentId === this.desk.$agent.get()?.id;
    const late = lateReasons(t, entry.late);
    return html`<li
      part="queue-item"
      class="card ${entry.priority} ${late ? 'late' : ''}"
      aria-label=${late ? t('lateItem', { name, reasons: late }) : name}
    >
      <div class="who">
        <div class="row">
          <span class="name ellipsis" title=${name}>${name}</span>
          ${late ? html`<span class="badge late">${t('lateBadge', { reasons: late })}</span>` : nothing}
          ${vip ? html`<span class="badge vip">${t('vip')}</span>` : nothing}
          ${mood ? html`<span class="badge ${mood}">${t(mood)}</span>` : nothing}
          ${mine ? html`<span class="badge">${t('reservedForYou')}</span>` : nothing}
        </div>
        <p class="muted meta">
          ${entry.reason ? html`<span class="pre">${t('reason', { reason: reasonText(t, entry.reason) })}</span>` : nothing}
          ${entry.orderId ? html`<span class="pre">${t('orderNo', { id: entry.orderId })}</span>` : nothing}
          <span>${t('waiting', { time: waited(t, entry.waitingSince, this.now) })}</span>
        </p>
      </div>
      <button class="button primary" type="button" @click=${() => this.desk.take(entry.conversationId)}>
        ${t('take')}<span class="visually-hidden"> ${name}</span>
      </button>
    </li>`;
  }

  protected override render() {
    const { t, desk } = this;
    const queue = desk.$queue.get();
    return html`<header>
        <h2>${t('queueCount', { count: queue.length })}</h2>
        <button class="button" type="button" ?disabled=${!queue.length} @click=${() => desk.takeNext()}>
          ${t('takeNext')}
        </button>
      </header>
      ${
        queue.length
          ? html`<ul class="list">
              ${queue.map((entry) => this.#item(entry))}
            </ul>`
          : html`<p class="empty">${t('queueEmpty')}</p>`
      }`;
  }
}
