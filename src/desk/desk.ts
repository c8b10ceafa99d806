import { css, html, nothing, type PropertyValues } from 'lit';
import type { ReadableAtom } from 'nanostores';
import type { Locale } from '../core/types.js';
import { tokens } from '../elements/tokens.styles.js';
import { resolveLocale } from '../i18n/base.js';
import { DeskElement } from './base.js';
import { customerName, lateReasons } from './format.js';
import { deskTranslator, type DeskKey } from './i18n.js';
import { defineDeskMetrics } from './register-metrics.js';
import { chatLate, createDesk, type Desk } from './store.js';
import type { Presence } from './types.js';

const PRESENCES: Presence[] = ['online', 'away', 'offline'];

/**
 * The agent workbench: sign-in, presence, the live queue, several conversations with their context panels,
 * tickets and history search, as a client of the desk API (docs/desk-api.md).
 *
 * ```html
 * <sh-desk api="/api/desk/" locale="zh-CN" theme="auto"></sh-desk>
 * ```
 *
 * @tag sh-desk
 * @cssprop --sh-color-brand - Brand colour, as in the widget (docs/theming.md lists every token).
 */
export class DeskRootElement extends DeskElement {
  static override styles = [
    tokens,
    DeskElement.styles,
    css`
      :host {
        min-block-size: 100vh;
        background: var(--_surface);
      }
      .top {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 12px;
        padding: 10px 16px;
        border-block-end: 1px solid var(--_border);
        background: var(--_surface-2);
      }
      h1 {
        flex: 1;
        margin: 0;
        font-size: 18px;
      }
      .top select {
        inline-size: auto;
      }
      .top label {
        display: inline;
        margin: 0;
      }
      .body {
        display: grid;
        grid-template-columns: 240px 1fr;
        min-block-size: calc(100vh - 58px);
      }
      nav {
        display: grid;
        align-content: start;
        gap: 4px;
        padding: 12px;
        border-inline-end: 1px solid var(--_border);
      }
      nav button {
        display: flex;
        align-items: center;
        gap: 8px;
        inline-size: 100%;
        min-block-size: 40px;
        padding: 6px 10px;
        border: 1px solid transparent;
        border-radius: 8px;
        background: none;
        text-align: start;
      }
      nav button[aria-current='page'] {
        border-color: var(--_border);
        background: var(--_surface-2);
        font-weight: 600;
      }
      nav .name {
        flex: 1;
        min-inline-size: 0;
      }
      nav h2 {
        margin: 12px 0 4px;
        font-size: 13px;
        color: var(--_muted);
      }
      .alert {
        background: var(--_brand);
        color: var(--_on-brand);
      }
      main {
        min-inline-size: 0;
        padding: 16px;
      }
      .no-chats {
        margin-block-start: 12px;
      }
      .chat {
        display: grid;
        grid-template-columns: 1fr 340px;
        gap: 16px;
        block-size: calc(100vh - 90px);
      }
      .chat sh-desk-context {
        overflow-y: auto;
      }
      .notice {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 8px;
        margin: 8px 16px 0;
      }
      @media (max-width: 900px) {
        .body,
        .chat {
          grid-template-columns: 1fr;
          block-size: auto;
        }
        nav {
          border-inline-end: 0;
          border-block-end: 1px solid var(--_border);
        }
      }
    `,
  ];

  static override properties = {
    ...DeskElement.properties,
    api: {},
    locale: {},
    theme: {},
  };

  /** Base URL of the desk API. Default `/api/desk/` (the workbench is served by the same origin). */
  declare api: string;
  /** `light`, `dark` or `auto` (the system's). Default `auto`. */
  declare theme: 'light' | 'dark' | 'auto';
  #own = false;
  #baseTitle = '';

  constructor() {
    super();
    this.api = '/api/desk/';
    this.theme = 'auto';
  }

  override connectedCallback(): void {
    // The agent's language, not the page's: `locale` attribute, then `?locale=`, then the browser's.
    this.locale ??= resolveLocale(
      this.getAttribute('locale') ?? new URLSearchParams(location.search).get('locale') ?? navigator.language,
    );
    if (!this.desk) {
      this.#own = true;
      this.desk = createDesk({ api: this.api });
      void this.desk.restore();
    }
    this.#baseTitle = document.title;
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#own) this.desk.dispose();
    document.title = this.#baseTitle;
  }

  protected override watch(desk: Desk): ReadableAtom<unknown>[] {
    return [
      desk.$auth,
      desk.$agent,
      desk.$presence,
      desk.$queue,
      desk.$newWaiting,
      desk.$chats,
      desk.$view,
      desk.$notice,
      desk.$maxChats,
    ];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('locale')) this.t = deskTranslator(this.locale as Locale);
    this.dataset.theme = this.theme;
    this.lang = this.locale;
  }

  protected override updated(): void {
    // The document title counts new waiting customers, so an agent in another tab sees them.
    const count = this.desk.$auth.get() === 'signed-in' ? this.desk.$newWaiting.get() : 0;
    const title = this.#baseTitle || this.t('deskTitle');
    document.title = count ? this.t('titleAlert', { count, title }) : title;
  }

  #nav() {
    const { t, desk } = this;
    const view = desk.$view.get();
    const chats = Object.values(desk.$chats.get());
    const fresh = desk.$newWaiting.get();
    const current = (match: boolean) => (match ? 'page' : 'false');
    const held = chats.filter((c) => c.summary.human === 'connected').length;
    return html`<nav aria-label=${t('deskTitle')}>
      <button type="button" aria-current=${current(view.kind === 'queue')} @click=${() => desk.show({ kind: 'queue' })}>
        <span class="name">${t('queueCount', { count: desk.$queue.get().length })}</span>
        ${fresh ? html`<span class="badge alert">${t('newWaiting', { count: fresh })}</span>` : nothing}
      </button>
      <h2 id="chats">${t('conversations')} · ${t('chatLimit', { count: held, max: desk.$maxChats.get() })}</h2>
      <ul class="list" aria-labelledby="chats">
        ${chats.map((chat) => {
          const name = customerName(t, chat.context?.customer ?? { id: chat.summary.customerId });
          const late = lateReasons(t, chatLate(chat));
          return html`<li>
            <button
              type="button"
              aria-current=${current(view.kind === 'chat' && view.id === chat.summary.id)}
              @click=${() => desk.show({ kind: 'chat', id: chat.summary.id })}
            >
              <span class="name ellipsis pre">${name}</span>
              ${late ? html`<span class="badge late">${t('lateBadge', { reasons: late })}</span>` : nothing}
              ${chat.unread ? html`<span class="badge alert">${t('unread', { count: chat.unread })}</span>` : nothing}
            </button>
          </li>`;
        })}
      </ul>
      <button
        type="button"
        aria-current=${current(view.kind === 'tickets')}
        @click=${() => desk.show({ kind: 'tickets' })}
      >
        ${t('tickets')}
      </button>
      <button
        type="button"
        aria-current=${current(view.kind === 'search')}
        @click=${() => desk.show({ kind: 'search' })}
      >
        ${t('search')}
      </button>
      ${
        desk.$agent.get()?.role === 'admin'
          ? html`<button
              type="button"
              aria-current=${current(view.kind === 'metrics')}
              @click=${() => desk.show({ kind: 'metrics' })}
            >
              ${t('metrics')}
            </button>`
          : nothing
      }
    </nav>`;
  }

  #metricsFailed = false;

  /** The metrics screen, whose code loads when an admin first opens it; no other agent downloads the charts. */
  #metrics() {
    const { t, desk, locale } = this;
    if (this.#metricsFailed)
      return html`<p class="banner" role="alert">
        ${t('errNetwork')}
        <button class="link" type="button" @click=${() => ((this.#metricsFailed = false), this.requestUpdate())}>
          ${t('retry')}
        </button>
      </p>`;
    // Rendered once defined, so that it connects with its properties set.
    if (customElements.get('sh-desk-metrics'))
      return html`<sh-desk-metrics .desk=${desk} .t=${t} .locale=${locale}></sh-desk-metrics>`;
    defineDeskMetrics().then(
      () => this.requestUpdate(),
      () => {
        this.#metricsFailed = true;
        this.requestUpdate();
      },
    );
    return html`<p class="empty" role="status">${t('loadingDesk')}</p>`;
  }

  #main() {
    const { t, desk, locale } = this;
    const view = desk.$view.get();
    switch (view.kind) {
      case 'chat':
        return html`<div class="chat">
          <sh-desk-conversation
            .desk=${desk}
            .t=${t}
            .locale=${locale}
            .conversationId=${view.id}
          ></sh-desk-conversation>
          <sh-desk-context .desk=${desk} .t=${t} .locale=${locale} .conversationId=${view.id}></sh-desk-context>
        </div>`;
      case 'tickets':
        return html`<sh-desk-tickets .desk=${desk} .t=${t} .locale=${locale}></sh-desk-tickets>`;
      case 'search':
        return html`<sh-desk-search .desk=${desk} .t=${t} .locale=${locale}></sh-desk-search>`;
      case 'metrics':
        return this.#metrics();
      default:
        return html`<sh-desk-queue .desk=${desk} .t=${t} .locale=${locale}></sh-desk-queue>
          ${Object.keys(desk.$chats.get()).length ? nothing : html`<p class="muted no-chats">${t('noChats')}</p>`}`;
    }
  }

  protected override render() {
    const { t, desk } = this;
    const auth = desk.$auth.get();
    if (auth === 'unknown') return html`<p class="empty" role="status">${t('loadingDesk')}</p>`;
    if (auth !== 'signed-in') {
      return html`<main>
        <sh-desk-sign-in .desk=${desk} .t=${t} .locale=${this.locale} ?expired=${auth === 'expired'}></sh-desk-sign-in>
      </main>`;
    }
    const notice = desk.$notice.get();
    return html`<div class="top">
        <h1>${t('deskTitle')}</h1>
        <span class="pre">${desk.$agent.get()?.name}</span>
        <label for="presence">${t('presence')}</label>
        <select
          id="presence"
          .value=${desk.$presence.get()}
          @change=${(e: Event) => desk.setPresence((e.target as HTMLSelectElement).value as Presence)}
        >
          ${PRESENCES.map(
            (p) => html`<option value=${p} ?selected=${p === desk.$presence.get()}>${t(`presence_${p}`)}</option>`,
          )}
        </select>
        <button class="button" type="button" @click=${() => desk.signOut()}>${t('signOut')}</button>
      </div>
      ${
        notice
          ? html`<div class="notice banner" role="alert">
              <span class="pre">${t(notice.key as DeskKey, notice.params)}</span>
              <button class="link" type="button" @click=${() => desk.dismissNotice()}>${t('dismiss')}</button>
            </div>`
          : nothing
      }
      <div class="body">
        ${this.#nav()}
        <main>${this.#main()}</main>
      </div>`;
  }
}
