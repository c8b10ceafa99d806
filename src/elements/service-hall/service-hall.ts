import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Mode, ServiceHallOptions } from '../../core/options.js';
import type { Attachment, Customer, Locale, PageContext } from '../../core/types.js';
import { launcherStrings, makeTranslate, resolveLocale } from '../../i18n/base.js';
import type { Session, SessionEvents } from '../../state/session.js';
import { SESSION_EVENTS, ServiceHallEvent } from '../events.js';
import { deepActiveElement } from '../focus.js';
import { renderLauncher } from '../launcher/launcher.js';
import { PARTS } from '../parts.js';
import { styles } from './service-hall.styles.js';

/** What the lazily loaded panel chunk provides. */
export interface PanelModule {
  createPanelSession(options: ServiceHallOptions, locale: Locale): Session;
  warmFormats(locale: Locale): void;
}

/** Runs `task` when the page is idle (or in 1.5 s where there is no idle callback); returns its id. */
const whenIdle = (task: () => void): number =>
  (globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 1500)))(task) as number;

/**
 * The Service Hall widget: a launcher, and a help panel that loads on intent or when the page is idle.
 *
 * @tag service-hall
 * @summary Customer service widget root.
 *
 * @attr endpoint - Base URL of a backend speaking the reference HTTP protocol.
 * @attr locale - `zh-CN` (default), `zh-TW` or `en`.
 * @attr mode - `floating` (default), `inline` or `fullscreen`.
 * @attr position - Launcher side: `right` (default) or `left`.
 *
 * @fires sh-ready - The first screen has loaded.
 * @fires sh-open - The panel opened.
 * @fires sh-close - The panel closed.
 * @fires sh-message - A message arrived or was sent.
 * @fires sh-escalate - The conversation was handed to a human.
 * @fires sh-queue - The position in the human queue changed.
 * @fires sh-action - A self-service action ran.
 * @fires sh-ticket - A ticket was submitted.
 * @fires sh-rating - The customer rated the conversation or an article.
 * @fires sh-signal - An implicit satisfaction signal.
 * @fires sh-unread - The unread count changed.
 * @fires sh-error - An adapter call failed.
 *
 * @csspart launcher - The floating button that opens the panel.
 * @csspart panel - The help panel dialog.
 *
 * @cssprop --sh-color-brand - Brand colour (buttons, launcher, links).
 * @cssprop --sh-color-on-brand - Text on the brand colour.
 * @cssprop --sh-color-surface - Panel background.
 * @cssprop --sh-color-text - Main text colour.
 * @cssprop --sh-radius - Corner radius of cards and the panel.
 * @cssprop --sh-font-family - Font stack.
 */
export class ServiceHallElement extends LitElement {
  static override styles = styles;

  static override properties = {
    endpoint: {},
    locale: { reflect: true },
    mode: { reflect: true },
    position: { reflect: true },
    options: { attribute: false },
    isOpen: { state: true },
    unread: { state: true },
    session: { state: true },
  };

  /**
   * Loads the panel chunk. Set once by the registration code, which owns `customElements.define`
   * for the lazily loaded elements too.
   */
  static loadPanel?: () => Promise<PanelModule>;

  /** Base URL of a backend speaking the reference HTTP protocol. */
  declare endpoint?: string;
  /** UI language. */
  declare locale?: Locale;
  /** Placement. */
  declare mode: Mode;
  /** Launcher side. */
  declare position: 'right' | 'left';
  /** All options, as given to `ServiceHall.init`. Attributes win over the same options. */
  declare options: ServiceHallOptions;

  declare protected isOpen: boolean;
  declare protected unread: number;
  /** The session behind the panel, once the panel chunk has loaded. */
  declare session?: Session;

  #sessionPromise?: Promise<Session>;
  #unlisten: (() => void)[] = [];
  #idle?: number;
  #returnFocus?: HTMLElement | null;

  constructor() {
    super();
    this.mode = 'floating';
    this.position = 'right';
    this.options = {};
    this.isOpen = false;
    this.unread = 0;
  }

  /** Resolved locale: attribute, option, `<html lang>`, browser, then `zh-CN`. */
  get resolvedLocale(): Locale {
    return resolveLocale(this.locale ?? this.options.locale);
  }

  get #mode(): Mode {
    return this.getAttribute('mode') ? this.mode : (this.options.mode ?? this.mode);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Load the panel when the page is idle, so the first open is instant, without competing with the host's own start-up.
    this.#idle = whenIdle(() => void this.whenReady());
    if (this.options.open || this.#mode === 'inline') void this.open();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#idle !== undefined) (globalThis.cancelIdleCallback ?? clearTimeout)(this.#idle);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('options')) {
      const { position, zIndex, offset, theme } = this.options;
      if (position && !this.hasAttribute('position')) this.position = position;
      const { x, y } = typeof offset === 'number' ? { x: offset, y: offset } : (offset ?? {});
      this.style.setProperty('--_offset-x', `${x ?? 20}px`);
      this.style.setProperty('--_offset-y', `${y ?? 20}px`);
      this.style.setProperty('--_z', String(zIndex ?? 1000));
      const scheme = typeof theme === 'string' ? theme : theme?.scheme;
      this.dataset.theme = scheme ?? 'light';
      if (typeof theme === 'object') {
        for (const [name, value] of Object.entries(theme.tokens ?? {})) this.style.setProperty(`--sh-${name}`, value);
      }
    }
    if (changed.has('locale') && this.session && changed.get('locale') !== undefined) {
      this.session.setLocale(this.resolvedLocale);
    }
    this.dataset.mode = this.#mode;
  }

  /** Resolves with the session once the panel chunk has loaded; starts loading it if needed. */
  whenReady(): Promise<Session> {
    this.#sessionPromise ??= (async () => {
      const load = ServiceHallElement.loadPanel;
      if (!load) throw new Error('service-hall: elements are not registered; import "service-hall/define" first.');
      const panel = await load();
      const options = { ...this.options, endpoint: this.endpoint ?? this.options.endpoint };
      const session = panel.createPanelSession(options, this.resolvedLocale);
      this.#unlisten = SESSION_EVENTS.map((name) =>
        session.on(name, (detail) => {
          if (name === 'unread') this.unread = (detail as SessionEvents['unread']).count;
          this.dispatchEvent(new ServiceHallEvent(name, detail as never));
        }),
      );
      // Tickets with news from before a reload show on the launcher at once.
      this.unread = session.$unread.get() + session.past.$unread.get().length;
      session.setVisible(this.isOpen);
      // Fetch the first screen now, so that opening paints it at once.
      void session.loadHall();
      // Then, in another idle moment, the date and money formatters that the first screen uses.
      this.#idle = whenIdle(() => panel.warmFormats(session.$locale.get()));
      this.session = session;
      return session;
    })();
    return this.#sessionPromise;
  }

  /** Opens the panel; resolves once it can take questions (an inline widget is always open). */
  async open(): Promise<void> {
    if (this.isOpen) {
      await this.whenReady();
      return;
    }
    const active = deepActiveElement();
    this.#returnFocus = active instanceof HTMLElement ? active : null;
    this.isOpen = true;
    const session = await this.whenReady();
    session.setVisible(true);
    this.dispatchEvent(new ServiceHallEvent('open', {}));
  }

  /** Closes the panel and returns focus to where it was. Inline widgets stay open. */
  close(): void {
    if (!this.isOpen || this.#mode === 'inline') return;
    this.isOpen = false;
    this.session?.setVisible(false);
    this.dispatchEvent(new ServiceHallEvent('close', {}));
    void this.updateComplete.then(() => {
      const target = this.#returnFocus?.isConnected ? this.#returnFocus : this.#launcherButton();
      target?.focus();
    });
  }

  /** Opens the panel when closed, closes it when open. */
  toggle(): Promise<void> | void {
    return this.isOpen ? this.close() : this.open();
  }

  /** Whether the panel is open. */
  get opened(): boolean {
    return this.isOpen;
  }

  /** Switches the customer. Nothing of the previous customer's conversation stays visible. */
  async identify(user?: Customer): Promise<void> {
    this.options = { ...this.options, user };
    (await this.whenReady()).identify(user);
  }

  /** Tells the widget where the customer is. */
  async setContext(context: PageContext): Promise<void> {
    this.options = { ...this.options, context };
    (await this.whenReady()).setContext(context);
  }

  /** Switches the UI language at runtime. */
  async setLocale(locale: Locale): Promise<void> {
    this.locale = locale;
    (await this.whenReady()).setLocale(this.resolvedLocale);
  }

  /** Puts text in the composer without sending it. */
  async prefill(text: string): Promise<void> {
    await this.open();
    this.session!.$draft.set(text);
  }

  /** Opens the panel and sends a question. */
  async ask(text: string, attachments?: Attachment[]): Promise<void> {
    await this.open();
    this.session!.send(text, attachments);
  }

  /** Opens the panel and hands the conversation to a human. */
  async escalate(reason?: string): Promise<void> {
    await this.open();
    await this.session!.requestHuman(reason);
  }

  /** Ends the current conversation, which brings the rating prompt. */
  async end(): Promise<void> {
    await (await this.whenReady()).end();
  }

  /** Stops everything the widget started: requests, streams, timers, listeners. */
  dispose(): void {
    for (const unlisten of this.#unlisten) unlisten();
    this.session?.destroy();
    this.session = undefined;
  }

  #launcherButton(): HTMLElement | null | undefined {
    return this.renderRoot.querySelector<HTMLElement>('[part~="launcher"]');
  }

  protected override render() {
    const mode = this.#mode;
    const t = makeTranslate({ ...launcherStrings[this.resolvedLocale], ...this.options.strings });
    const showLauncher = mode !== 'inline' && this.options.launcher !== false;
    return html`${
      showLauncher
        ? renderLauncher({
            t,
            open: this.isOpen,
            unread: this.unread,
            onToggle: () => void this.toggle(),
            onIntent: () => void this.whenReady(),
          })
        : nothing
    }${
      this.isOpen && this.session
        ? html`<sh-panel
            exportparts=${PARTS}
            .session=${this.session}
            .strings=${this.options.strings}
            .mode=${mode}
            position=${this.position}
            @request-close=${() => this.close()}
          ></sh-panel>`
        : nothing
    }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'service-hall': ServiceHallElement;
  }
}
