import { css, html, nothing } from 'lit';
import type { ReadableAtom } from 'nanostores';
import { DeskElement } from './base.js';
import type { DeskKey } from './i18n.js';
import type { Desk } from './store.js';

/**
 * The sign-in form: email and password against the desk API's session.
 *
 * @tag sh-desk-sign-in
 * @csspart sign-in - The form, with inputs of type `email` and `password`.
 */
export class DeskSignInElement extends DeskElement {
  static override styles = [
    DeskElement.styles,
    css`
      form {
        display: grid;
        gap: 16px;
        max-inline-size: 360px;
        margin: 10vh auto 0;
        padding: 24px;
      }
    `,
  ];

  static override properties = { ...DeskElement.properties, expired: { type: Boolean } };

  /** The session ended while working: say so, and that drafts are kept. */
  declare expired: boolean;

  constructor() {
    super();
    this.expired = false;
  }

  protected override watch(desk: Desk): ReadableAtom<unknown>[] {
    return [desk.$signInError, desk.$busy];
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const ok = await this.desk.signIn(String(data.get('email') ?? ''), String(data.get('password') ?? ''));
    if (!ok) this.renderRoot.querySelector<HTMLInputElement>('#password')?.select();
  }

  protected override render() {
    const { t, desk } = this;
    const error = desk.$signInError.get();
    const busy = desk.$busy.get();
    return html`<form part="sign-in" class="card" @submit=${this.#submit} aria-labelledby="title">
      <h1 id="title">${t('signInTitle')}</h1>
      ${this.expired ? html`<p class="banner" role="status">${t('sessionExpired')}</p>` : nothing}
      <div>
        <label for="email">${t('email')}</label>
        <input id="email" name="email" type="email" autocomplete="username" required maxlength="200" />
      </div>
      <div>
        <label for="password">${t('password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          maxlength="200"
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? 'error' : nothing}
        />
      </div>
      ${error ? html`<p id="error" class="error" role="alert">${t(error as DeskKey)}</p>` : nothing}
      <button class="button primary" type="submit" ?disabled=${busy}>${t('signIn')}</button>
    </form>`;
  }
}
