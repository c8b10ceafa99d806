import { html, nothing, type PropertyValues } from 'lit';
import type { Session } from '../../state/session.js';
import { ShElement } from '../base.js';
import { styles } from './queue-status.styles.js';

/**
 * Where the hand-off to a human stands while the customer waits: "connecting", then the queue position
 * and expected wait, a "still here" reassurance at intervals, a priority flag for VIP customers and a
 * way to leave the queue. Position changes and reassurances are announced politely. Renders nothing
 * once an agent has joined (the conversation shows that) or when no hand-off is under way.
 *
 * @tag sh-queue-status
 *
 * @csspart queue-status - The waiting bar.
 */
export class QueueStatusElement extends ShElement {
  static override styles = [ShElement.styles, styles];

  static override properties = { ...ShElement.properties, reassured: { state: true }, announcement: { state: true } };

  /** How often, in ms, a waiting customer is told that someone is still there. Tests lower it. */
  static reassureMs = 45_000;

  /** Reassurances given since the wait began. */
  declare protected reassured: number;
  /** Text of the polite live region. */
  declare protected announcement: string;

  #timer?: ReturnType<typeof setTimeout>;
  #heard = '';

  constructor() {
    super();
    this.reassured = 0;
    this.announcement = '';
  }

  protected override watch(session: Session) {
    return [session.$human, session.$user];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  /** The headline and the expected wait of the current state; empty when no hand-off is under way. */
  #lines(): [headline?: string, wait?: string] {
    const { t } = this;
    const { status, position, etaSeconds } = this.session.$human.get();
    if (status !== 'requesting' && status !== 'queued') return [];
    if (status === 'requesting' || !position) return [t('connecting')];
    return [
      t('queued', { position }),
      etaSeconds ? t('queuedEta', { minutes: Math.max(1, Math.ceil(etaSeconds / 60)) }) : undefined,
    ];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const line = this.#lines().filter(Boolean).join(' ');
    if (line !== this.#heard) {
      this.#heard = line;
      this.announcement = line;
      if (!line) this.reassured = 0;
    }
  }

  protected override updated(): void {
    clearTimeout(this.#timer);
    if (this.session.$human.get().status !== 'queued') return;
    this.#timer = setTimeout(() => {
      this.reassured++;
      // The same sentence again is not announced unless the region changes in between.
      this.announcement = '';
      void this.updateComplete.then(() => (this.announcement = this.t('stillHere')));
    }, QueueStatusElement.reassureMs);
  }

  protected override render() {
    const { t, session } = this;
    const [headline, wait] = this.#lines();
    const vip = session.$user.get()?.tier === 'vip';
    return html`<p class="visually-hidden" role="status">${this.announcement}</p>
      ${
        headline
          ? html`<div part="queue-status" class="banner bar">
              <span class="spinner" aria-hidden="true"></span>
              <p class="text">
                ${vip ? html`<span class="badge warning">${t('priority')}</span>` : nothing}
                <strong>${headline}</strong>
                ${wait ? html`<span>${wait}</span>` : nothing}
                ${this.reassured ? html`<span>${t('stillHere')}</span>` : nothing}
              </p>
              <button type="button" class="chip" @click=${() => void session.cancelHuman()}>${t('cancelWait')}</button>
            </div>`
          : nothing
      }`;
  }
}
