import { html, nothing, type PropertyValues } from 'lit';
import type { ActionResult } from '../../core/adapter.js';
import type { Action } from '../../core/types.js';
import type { Session } from '../../state/session.js';
import { navigate } from '../base.js';
import { FormElement } from './form.js';

/**
 * A self-service action's form, built from the action's field schema. Submitting runs the action
 * and shows its result card, with a way back to the hall or on to the conversation.
 *
 * @tag sh-action-form
 *
 * @csspart action-form - The form, its result card, or the notice that the action does not exist.
 */
export class ActionFormElement extends FormElement {
  static override properties = {
    ...FormElement.properties,
    actionId: { attribute: false },
    orderId: { attribute: false },
    result: { state: true },
  };

  /** Id of the action in the hall's `actions`. */
  declare actionId?: string;
  /** The order to preselect in the order field. */
  declare orderId?: string;
  declare protected result?: ActionResult;

  /** The action whose defaults fill the fields; they are filled once the hall (and so the action) is there. */
  #filled?: Action;

  protected override watch(session: Session) {
    return [session.$hall];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.session.$hall.get().status === 'idle') void this.session.loadHall();
  }

  get #action(): Action | undefined {
    return this.session.$hall.get().value?.actions.find((a) => a.id === this.actionId);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const action = this.#action;
    if (!action || action.id === this.#filled?.id) return;
    this.#filled = action;
    const orders = this.session.$hall.get().value?.orders ?? [];
    const email = this.session.$user.get()?.email;
    const values: Record<string, string> = {};
    for (const field of action.fields) {
      if (field.type === 'order' && orders.some((o) => o.id === this.orderId)) values[field.name] = this.orderId!;
      else if (field.type === 'email' && email) values[field.name] = email;
    }
    this.values = values;
    this.problems = {};
    this.failure = '';
    this.result = undefined;
  }

  protected override updated(changed: PropertyValues): void {
    // The result replaces the form: move focus onto it so that it is read out and focus is not lost.
    if (changed.has('result') && this.result) this.renderRoot.querySelector<HTMLElement>('.result')?.focus();
  }

  #chat(): void {
    const orderId = this.values.orderId;
    if (typeof orderId === 'string' && orderId) this.session.selectOrder(orderId);
    navigate(this, { screen: 'conversation' });
  }

  #result(result: ActionResult) {
    const { t } = this;
    const card = result.card?.type === 'result' ? result.card : undefined;
    return html`<div part="action-form" class="form">
      <div class="card result ${result.ok ? 'ok' : 'fail'}" role="status" tabindex="-1">
        <p><span class="mark" aria-hidden="true">${result.ok ? '✓ ' : '! '}</span>${result.message}</p>
        ${
          card
            ? html`<strong>${card.title}</strong> ${
                  card.lines?.length
                    ? html`<ul>
                        ${card.lines.map((line) => html`<li>${line}</li>`)}
                      </ul>`
                    : nothing
                }`
            : nothing
        }
      </div>
      <div class="chips">
        <button type="button" class="chip" @click=${this.back}>${t('backToHelp')}</button>
        <button type="button" class="chip primary" @click=${this.#chat}>${t('continueChat')}</button>
      </div>
    </div>`;
  }

  protected override render() {
    const { t, session } = this;
    const hall = session.$hall.get();
    const action = this.#action;
    if (this.result) return this.#result(this.result);
    if (!action) {
      if (hall.status === 'ready' || hall.value)
        return html`<div part="action-form" class="form">
          <p role="alert">${t('unknownAction')}</p>
          <div class="chips"><button type="button" class="chip" @click=${this.back}>${t('backToHelp')}</button></div>
        </div>`;
      return html`<div part="action-form" class="form">
        ${
          hall.status === 'error'
            ? html`<p role="alert">${t('loadFailed')}</p>
                <div class="chips">
                  <button type="button" class="chip" @click=${() => void session.loadHall()}>${t('retry')}</button>
                </div>`
            : html`<p role="status">${t('loading')}</p>`
        }
      </div>`;
    }
    const fields = this.shown(action.fields);
    const run = async (input: Record<string, unknown>) => {
      this.result = await session.runAction(action.id, input);
    };
    return html`<form
      part="action-form"
      class="form"
      novalidate
      aria-labelledby="title"
      aria-busy=${this.pending ? 'true' : 'false'}
      @submit=${(e: Event) => this.submit(e, fields, run)}
      @paste=${this.paste}
    >
      <h3 id="title">${action.title}</h3>
      ${action.description ? html`<p class="muted">${action.description}</p>` : nothing}
      ${fields.map((field, i) => this.field(field, i))} ${this.actions(t('submit'))}
    </form>`;
  }
}
