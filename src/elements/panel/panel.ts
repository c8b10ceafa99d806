import { html, nothing, type PropertyValues } from 'lit';
import { toAdapterError } from '../../core/adapter.js';
import type { Mode } from '../../core/options.js';
import { hasCatalogue, loadCatalogue, translator } from '../../i18n/index.js';
import type { Session } from '../../state/session.js';
import { ShElement, type Screen } from '../base.js';
import { ServiceHallEvent } from '../events.js';
import { deepActiveElement, focusableIn } from '../focus.js';
import { icon } from '../icons.js';
import { whenIdle } from '../idle.js';
import { lazyScreens, preload } from '../lazy.js';
import { PARTS } from '../parts.js';
import { styles } from './panel.styles.js';
import { VisualViewportController } from './viewport.js';

/**
 * The help panel: an accessible dialog with a header that always offers a human, a connection banner,
 * and the current screen. Focus stays inside while it is open; Esc asks the root to close it.
 *
 * @tag sh-panel
 *
 * @csspart panel - The dialog surface.
 * @csspart header - The header with the company name, status and buttons.
 * @csspart escalate - The "human agent" button, on every screen.
 */
export class PanelElement extends ShElement {
  static override styles = [ShElement.styles, styles];

  static override properties = {
    ...ShElement.properties,
    mode: { reflect: true },
    strings: { attribute: false },
    screen: { state: true },
    screensFailed: { state: true },
  };

  /** Placement, from the root. */
  declare mode: Mode;
  /** Host overrides of UI strings. */
  declare strings?: Record<string, string>;
  /** The screen shown, and what it is about. */
  declare protected screen: Screen;
  /** The other screens' chunk could not load (after the loader's retries); the retry button tries again. */
  declare protected screensFailed: boolean;

  #seen = { messages: 0, human: '' };
  #screensLoading = false;
  #cancelIdle?: () => void;

  constructor() {
    super();
    this.screen = { screen: 'hall' };
    this.screensFailed = false;
    new VisualViewportController(this);
  }

  protected override watch(session: Session) {
    return [session.$locale, session.$hall, session.$connection, session.$human, session.$messages];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const locale = this.session.$locale.get();
    this.t = translator(locale, this.strings);
    // The root loads the catalogue before it shows the panel or switches locale; a panel used on its own may not.
    if (!hasCatalogue(locale)) void loadCatalogue(locale).then(() => this.requestUpdate());
    this.#follow();
    if (this.screen.screen !== 'hall' && !lazyScreens.get() && !this.screensFailed) this.#loadScreens();
  }

  /** Fetches the screens other than the hall; the one asked for shows once they are here. */
  #loadScreens(): void {
    // Every update while they are on their way asks again: one answer per try.
    if (this.#screensLoading) return;
    this.#screensLoading = true;
    this.screensFailed = false;
    lazyScreens.load().then(
      () => {
        this.#screensLoading = false;
        this.requestUpdate();
      },
      (error: unknown) => {
        this.#screensLoading = false;
        this.screensFailed = true;
        // The developer hears of it as of any part of the widget that did not load.
        this.dispatchEvent(new ServiceHallEvent('error', { error: toAdapterError(error), operation: 'load' }));
      },
    );
  }

  /**
   * Moves to the screen the journey calls for: the conversation once the customer has sent something
   * (from any screen, or through `handle.ask()`), and the ticket form when no human can be reached.
   */
  #follow(): void {
    const messages = this.session.$messages.get();
    const human = this.session.$human.get().status;
    const grew = messages.length > this.#seen.messages && messages.at(-1)?.role === 'customer';
    if (human !== this.#seen.human && human === 'offline') this.screen = { screen: 'ticket' };
    else if (grew || (human !== this.#seen.human && (human === 'requesting' || human === 'queued'))) {
      if (this.screen.screen === 'hall') this.screen = { screen: 'conversation' };
    }
    this.#seen = { messages: messages.length, human };
  }

  #navigate(event: CustomEvent<Screen>): void {
    event.stopPropagation();
    this.screen = event.detail;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#cancelIdle?.();
    this.#cancelIdle = undefined;
  }

  protected override updated(): void {
    // With the hall on screen, the rest comes when the page is idle, so that the next screen shows at once.
    if (!this.#cancelIdle && this.session.$hall.get().value) this.#cancelIdle = whenIdle(preload);
  }

  override firstUpdated(): void {
    // Move focus into the dialog so keyboard and screen-reader users land in it. Focusing lays the page
    // out; waiting for the frame lets the screens inside render first, so that happens once, not twice.
    // Focus that got inside meanwhile (the host's code, a quick tap) stays where it is.
    requestAnimationFrame(() => {
      if (!this.matches(':focus-within')) this.renderRoot.querySelector<HTMLElement>('[part~="panel"]')?.focus();
    });
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.mode !== 'inline') {
      event.stopPropagation();
      this.dispatchEvent(new Event('request-close', { bubbles: true }));
    }
    if (event.key !== 'Tab' || this.mode === 'inline') return;
    const focusable = focusableIn(this.renderRoot);
    const first = focusable[0];
    const last = focusable.at(-1);
    const active = deepActiveElement();
    if (event.shiftKey && (active === first || !focusable.includes(active as HTMLElement))) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  #screen() {
    const { t, session, screen } = this;
    if (screen.screen !== 'hall' && !lazyScreens.get()) {
      return this.screensFailed
        ? html`<div class="pending" role="alert">
            <p>${t('loadFailed')}</p>
            <button type="button" class="chip primary" @click=${() => this.#loadScreens()}>${t('retry')}</button>
          </div>`
        : html`<p class="pending muted" role="status">
            <span class="spinner" aria-hidden="true"></span> ${t('loading')}
          </p>`;
    }
    switch (screen.screen) {
      case 'conversation':
        return html`<sh-messages exportparts=${PARTS} .session=${session} .t=${t}></sh-messages>`;
      case 'action':
        return html`<sh-action-form
          exportparts=${PARTS}
          .session=${session}
          .t=${t}
          .actionId=${screen.actionId}
          .orderId=${screen.orderId}
        ></sh-action-form>`;
      case 'ticket':
        return html`<sh-ticket-form
          exportparts=${PARTS}
          .session=${session}
          .t=${t}
          .orderId=${screen.orderId}
        ></sh-ticket-form>`;
      case 'thread':
        return html`<sh-thread
          exportparts=${PARTS}
          .session=${session}
          .t=${t}
          .ticketId=${screen.ticketId}
          .conversationId=${screen.conversationId}
        ></sh-thread>`;
      default:
        return html`<sh-hall exportparts=${PARTS} .session=${session} .t=${t}></sh-hall>`;
    }
  }

  protected override render() {
    const { t, session } = this;
    const hall = session.$hall.get().value;
    const connection = session.$connection.get();
    const human = session.$human.get();
    // A hand-off that found nobody is fresher news than the first screen's status.
    const available = human.status !== 'offline' && (hall?.service.humanAvailable ?? true);
    const modal = this.mode !== 'inline';
    return html`<section
      part="panel"
      class="panel"
      role=${modal ? 'dialog' : 'region'}
      aria-modal=${modal ? 'true' : nothing}
      aria-labelledby="sh-title"
      tabindex="-1"
      @keydown=${this.#onKeydown}
      @navigate=${this.#navigate}
    >
      <header part="header" class="header">
        ${
          this.screen.screen === 'hall'
            ? nothing
            : html`<button
                class="icon-button"
                type="button"
                aria-label=${t('back')}
                @click=${() => (this.screen = { screen: 'hall' })}
              >
                ${icon('back', 20)}
              </button>`
        }
        <div class="heading">
          <h2 id="sh-title" class="ellipsis">${hall?.company ?? t('title')}</h2>
          <p class="status">
            <span class="dot ${available ? 'on' : ''}" aria-hidden="true"></span>${
              available ? t('online') : t('offlineHours')
            }
          </p>
        </div>
        <button
          part="escalate"
          class="escalate"
          type="button"
          title=${t('humanHint')}
          ?disabled=${human.status === 'requesting' || human.status === 'queued' || human.status === 'connected'}
          @click=${() => void session.requestHuman()}
        >
          ${icon('human', 18)}${t('human')}
        </button>
        ${
          modal
            ? html`<button
                class="icon-button"
                type="button"
                aria-label=${t('close')}
                @click=${() => this.dispatchEvent(new Event('request-close', { bubbles: true }))}
              >
                ${icon('close', 20)}
              </button>`
            : nothing
        }
      </header>
      ${
        connection === 'online'
          ? nothing
          : html`<p class="banner warning" role="status">
              ${connection === 'offline' ? t('offline') : t('reconnecting')}
            </p>`
      }
      <div class="body">${this.#screen()}</div>
      ${
        this.screen.screen === 'hall' || this.screen.screen === 'conversation'
          ? html`<sh-composer exportparts=${PARTS} .session=${session} .t=${t}></sh-composer>`
          : nothing
      }
    </section>`;
  }
}
