import { html, type PropertyValues } from 'lit';
import type { TicketReceipt } from '../../core/adapter.js';
import type { Attachment } from '../../core/types.js';
import type { FormField } from '../../core/validate.js';
import type { Session } from '../../state/session.js';
import { FormElement } from '../action-form/form.js';
import { formatDate } from '../format.js';
import { styles } from './ticket-form.styles.js';

const DESCRIPTION_MAX = 2000;
const PHOTOS_MAX = 5;

/**
 * The leave-a-message form, shown when no agent can be reached: category, description, order, contact
 * and photos. Submitting files a ticket and shows its receipt number.
 *
 * @tag sh-ticket-form
 *
 * @csspart ticket-form - The form, or the receipt after submitting.
 */
export class TicketFormElement extends FormElement {
  static override styles = [...FormElement.styles, styles];

  static override properties = {
    ...FormElement.properties,
    orderId: { attribute: false },
    receipt: { state: true },
    copied: { state: true },
  };

  /** The order to preselect; the conversation's order when not given. */
  declare orderId?: string;
  declare protected receipt?: TicketReceipt;
  declare protected copied: boolean;

  constructor() {
    super();
    this.copied = false;
  }

  protected override watch(session: Session) {
    return [session.$hall, session.$human];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const user = this.session.$user.get();
    this.values = {
      orderId: this.orderId ?? this.session.$conversation.get().orderId ?? '',
      contact: user?.phone || user?.email || '',
      ...this.values,
    };
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('receipt') && this.receipt) this.renderRoot.querySelector<HTMLElement>('.result')?.focus();
  }

  get #fields(): FormField[] {
    const { t } = this;
    const categories = t('categories')
      .split('|')
      .map((label) => ({ value: label, label }));
    return this.shown([
      { name: 'category', type: 'select', label: t('category'), required: true, options: categories },
      { name: 'description', type: 'textarea', label: t('description'), required: true, max: DESCRIPTION_MAX },
      { name: 'orderId', type: 'order', label: t('order') },
      { name: 'contact', type: 'contact', label: t('contact'), required: true },
      { name: 'attachments', type: 'images', label: t('photos', { max: PHOTOS_MAX }), max: PHOTOS_MAX },
    ]);
  }

  async #copy(id: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(id);
      this.copied = true;
    } catch {
      // Clipboard access can be denied (permissions, insecure context): select the number for a manual copy.
      const code = this.renderRoot.querySelector('code');
      if (code) getSelection()?.selectAllChildren(code);
    }
  }

  #receipt({ id }: TicketReceipt) {
    const { t } = this;
    return html`<div part="ticket-form" class="form">
      <div class="card result ok" role="status" tabindex="-1">
        <p><span class="mark" aria-hidden="true">✓ </span>${t('ticketReceipt', { id })}</p>
        <p class="chips">
          <code>${id}</code>
          <button type="button" class="chip" @click=${() => void this.#copy(id)}>${t('copy')}</button>
          <span role="status">${this.copied ? t('copied') : ''}</span>
        </p>
      </div>
      <div class="chips"><button type="button" class="chip" @click=${this.back}>${t('backToHelp')}</button></div>
    </div>`;
  }

  protected override render() {
    const { t, session } = this;
    if (this.receipt) return this.#receipt(this.receipt);
    const nextOpenAt = session.$human.get().nextOpenAt ?? session.$hall.get().value?.service.nextOpenAt;
    const time = nextOpenAt ? formatDate(t, nextOpenAt, 'dateTime') : '';
    const intro = html`<h3 id="title">${t('ticketTitle')}</h3>
      <p class="muted">${t('ticketIntro')}${time ? ` ${t('nextOpen', { time })}` : ''}</p>`;
    if (!session.capabilities.tickets)
      return html`<div part="ticket-form" class="form">
        ${intro}
        <div class="chips"><button type="button" class="chip" @click=${this.back}>${t('backToHelp')}</button></div>
      </div>`;
    const fields = this.#fields;
    const send = async ({ category, description, orderId, contact, attachments }: Record<string, unknown>) => {
      this.receipt = await session.submitTicket({
        category: String(category),
        description: String(description),
        orderId: orderId as string | undefined,
        contact: String(contact),
        attachments: (attachments as Attachment[] | undefined) ?? [],
      });
    };
    return html`<form
      part="ticket-form"
      class="form"
      novalidate
      aria-labelledby="title"
      aria-busy=${this.pending ? 'true' : 'false'}
      @submit=${(e: Event) => this.submit(e, fields, send)}
      @paste=${this.paste}
    >
      ${intro} ${fields.map((field, i) => this.field(field, i))} ${this.actions(t('submit'))}
    </form>`;
  }
}
