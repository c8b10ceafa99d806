import { adoptStyles } from 'lit';
import { createHttpAdapter } from '../../adapters/http/index.js';
import { createMemoryAdapter } from '../../adapters/memory/index.js';
import { AdapterError, type Adapter } from '../../core/adapter.js';
import type { Mode, ServiceHallOptions } from '../../core/options.js';
import type { Attachment, Customer, Locale, PageContext } from '../../core/types.js';
import { launcherStrings, makeTranslate, resolveLocale } from '../../i18n/base.js';
import type { Session, SessionEvents } from '../../state/session.js';
import { SESSION_EVENTS, ServiceHallEvent } from '../events.js';
import { deepActiveElement } from '../focus.js';
import { nextTask, whenIdle } from '../idle.js';
import { Launcher } from '../launcher/launcher.js';
import { PARTS } from '../parts.js';
import { styles } from './service-hall.styles.js';

/** What the lazily loaded panel chunk provides. */
export interface PanelModule {
  createPanelSession(adapter: Adapter, options: ServiceHallOptions, locale: Locale): Session;
  loadCatalogue(locale: Locale): Promise<void>;
}

// A server (SSR) may import the package: it has no HTMLElement, and defines nothing, so a stand-in lets the module
// load there.
const ElementBase = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

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
export class ServiceHallElement extends ElementBase {
  static observedAttributes = ['endpoint', 'locale', 'mode', 'position'];

  /**
   * Loads the panel chunk. Set once by the registration code, which owns `customElements.define`
   * for the lazily loaded elements too.
   */
  static loadPanel?: () => Promise<PanelModule>;

  /** The session behind the panel, once the panel chunk has loaded. */
  session?: Session;

  #options: ServiceHallOptions = {};
  #isOpen = false;
  /** Whether `open` was announced for the current opening (a second `open()` call announces nothing). */
  #opened = false;
  #unread = 0;
  /** Why the panel could not load, while its error shows. */
  #failed?: AdapterError;
  #sessionPromise?: Promise<Session>;
  #unlisten: (() => void)[] = [];
  #cancelIdle?: () => void;
  #returnFocus?: HTMLElement | null;
  #update?: Promise<boolean>;
  readonly #root = this.attachShadow({ mode: 'open' });
  readonly #launcher = new Launcher(
    () => void this.toggle(),
    () => void this.whenReady().catch(() => undefined),
  );
  #panel?: HTMLElement & { session?: Session; strings?: Record<string, string>; mode?: Mode };
  #error?: HTMLElement;

  constructor() {
    super();
    adoptStyles(this.#root, styles);
  }

  /** Base URL of a backend speaking the reference HTTP protocol. */
  get endpoint(): string | undefined {
    return this.getAttribute('endpoint') ?? undefined;
  }
  set endpoint(value: string | undefined) {
    this.#attribute('endpoint', value);
  }

  /** UI language, as set on the element (see {@link resolvedLocale} for the one in use). */
  get locale(): Locale | undefined {
    return (this.getAttribute('locale') as Locale | null) ?? undefined;
  }
  set locale(value: Locale | undefined) {
    this.#attribute('locale', value);
  }

  /** Placement: the attribute, else the `mode` option, else `floating`. */
  get mode(): Mode {
    return (this.getAttribute('mode') as Mode | null) ?? this.#options.mode ?? 'floating';
  }
  set mode(value: Mode | undefined) {
    this.#attribute('mode', value);
  }

  /** Launcher side: the attribute, else the `position` option, else `right`. */
  get position(): 'right' | 'left' {
    return (this.getAttribute('position') as 'right' | 'left' | null) ?? this.#options.position ?? 'right';
  }
  set position(value: 'right' | 'left' | undefined) {
    this.#attribute('position', value);
  }

  /** All options, as given to `ServiceHall.init`. Attributes win over the same options. */
  get options(): ServiceHallOptions {
    return this.#options;
  }
  set options(value: ServiceHallOptions) {
    this.#options = value;
    this.requestUpdate();
  }

  /** Resolved locale: attribute, option, `<html lang>`, browser, then `zh-CN`. */
  get resolvedLocale(): Locale {
    return resolveLocale(this.locale ?? this.#options.locale);
  }

  /** Resolves once the pending render (if any) is on screen. */
  get updateComplete(): Promise<boolean> {
    return this.#update ?? Promise.resolve(true);
  }

  /** Whether a render is scheduled (as on Lit elements, so that tools can wait for the whole tree). */
  get isUpdatePending(): boolean {
    return !!this.#update;
  }

  /** Schedules a render in a microtask; several changes in one task render once. */
  requestUpdate(): void {
    this.#update ??= Promise.resolve().then(() => {
      this.#update = undefined;
      this.#render();
      return true;
    });
  }

  #attribute(name: string, value?: string): void {
    if (value == null) this.removeAttribute(name);
    else this.setAttribute(name, value);
  }

  attributeChangedCallback(name: string, before: string | null, after: string | null): void {
    // A new `locale` applies to a running session too (its catalogue loads first).
    if (name === 'locale' && before !== null && before !== after && this.session) void this.#applyLocale();
    this.requestUpdate();
  }

  connectedCallback(): void {
    this.#render();
    // Load the panel when the page is idle, so the first open is instant, without competing with the host's own start-up.
    this.#cancelIdle = whenIdle(() => void this.whenReady().catch(() => undefined));
    if (this.#options.open || this.mode === 'inline') void this.open().catch(() => undefined);
  }

  disconnectedCallback(): void {
    this.#cancelIdle?.();
  }

  async #applyLocale(): Promise<void> {
    const locale = this.resolvedLocale;
    await (await ServiceHallElement.loadPanel!()).loadCatalogue(locale);
    // Another switch may have come meanwhile: the latest wins.
    if (locale === this.resolvedLocale) this.session?.setLocale(locale);
  }

  /**
   * Resolves with the session once the panel chunk and the locale's catalogue have loaded; starts loading
   * them if needed. When they cannot load (after the loader's retries) it rejects, and the next call tries again.
   */
  whenReady(): Promise<Session> {
    this.#sessionPromise ??= (async () => {
      const load = ServiceHallElement.loadPanel;
      if (!load) throw new Error('service-hall: elements are not registered; import "service-hall/define" first.');
      const panel = await load();
      await panel.loadCatalogue(this.resolvedLocale);
      // The session starts in a task of its own, not in the one that ran the last chunk: two would be a long one.
      await nextTask();
      // The given adapter, else the HTTP one for the endpoint, else the embedded sample one. Resolved here, not in
      // the panel chunk: the script tag's loader has the adapters' stand-ins already, for its global.
      const endpoint = this.endpoint ?? this.#options.endpoint;
      const adapter = this.#options.adapter ?? (endpoint ? createHttpAdapter({ endpoint }) : createMemoryAdapter());
      const session = panel.createPanelSession(adapter, this.#options, this.resolvedLocale);
      this.#unlisten = SESSION_EVENTS.map((name) =>
        session.on(name, (detail) => {
          if (name === 'unread') this.#setUnread((detail as SessionEvents['unread']).count);
          this.dispatchEvent(new ServiceHallEvent(name, detail as never));
        }),
      );
      // Tickets with news from before a reload show on the launcher at once.
      this.#setUnread(session.$unread.get() + session.past.$unread.get().length);
      session.setVisible(this.#isOpen);
      // Fetch the first screen now, so that opening paints it at once.
      void session.loadHall();
      this.session = session;
      this.#failed = undefined;
      this.requestUpdate();
      return session;
    })().catch((error: unknown) => {
      this.#sessionPromise = undefined;
      throw error;
    });
    return this.#sessionPromise;
  }

  #setUnread(count: number): void {
    this.#unread = count;
    this.requestUpdate();
  }

  /**
   * Opens the panel; resolves once it can take questions (an inline widget is always open). When the panel
   * cannot load, the panel's place shows the error with a retry, an `error` event says why, and this rejects.
   */
  async open(): Promise<void> {
    if (!this.#isOpen) {
      const active = deepActiveElement();
      this.#returnFocus = active instanceof HTMLElement ? active : null;
      this.#isOpen = true;
      this.requestUpdate();
    }
    let session: Session;
    try {
      session = await this.whenReady();
    } catch (thrown) {
      const error = thrown instanceof AdapterError ? thrown : new AdapterError('network', String(thrown));
      if (this.#isOpen && !this.#failed) {
        this.#failed = error;
        this.requestUpdate();
        this.dispatchEvent(new ServiceHallEvent('error', { error, operation: 'load' }));
      }
      throw error;
    }
    if (!this.#isOpen) return;
    session.setVisible(true);
    if (!this.#opened) {
      this.#opened = true;
      this.dispatchEvent(new ServiceHallEvent('open', {}));
    }
  }

  /** Closes the panel and returns focus to where it was. Inline widgets stay open. */
  close(): void {
    if (!this.#isOpen || this.mode === 'inline') return;
    this.#isOpen = false;
    this.#failed = undefined;
    this.session?.setVisible(false);
    if (this.#opened) {
      this.#opened = false;
      this.dispatchEvent(new ServiceHallEvent('close', {}));
    }
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const target = this.#returnFocus?.isConnected ? this.#returnFocus : this.#launcher.button;
      target.focus();
    });
  }

  /** Opens the panel when closed, closes it when open. */
  toggle(): Promise<void> | void {
    return this.#isOpen ? this.close() : this.open().catch(() => undefined);
  }

  /** Whether the panel is open. */
  get opened(): boolean {
    return this.#isOpen;
  }

  /** Switches the customer. Nothing of the previous customer's conversation stays visible. */
  async identify(user?: Customer): Promise<void> {
    this.#options = { ...this.#options, user };
    (await this.whenReady()).identify(user);
  }

  /** Tells the widget where the customer is. */
  async setContext(context: PageContext): Promise<void> {
    this.#options = { ...this.#options, context };
    (await this.whenReady()).setContext(context);
  }

  /** Switches the UI language at runtime; the new language's strings are fetched first if needed. */
  async setLocale(locale: Locale): Promise<void> {
    this.locale = locale;
    await this.whenReady();
    await this.#applyLocale();
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
    this.requestUpdate();
  }

  #render(): void {
    const mode = this.mode;
    const { zIndex, offset, theme, strings, launcher } = this.#options;
    const { x, y } = typeof offset === 'number' ? { x: offset, y: offset } : (offset ?? {});
    this.style.setProperty('--_offset-x', `${x ?? 20}px`);
    this.style.setProperty('--_offset-y', `${y ?? 20}px`);
    this.style.setProperty('--_z', String(zIndex ?? 1000));
    const scheme = typeof theme === 'string' ? theme : theme?.scheme;
    this.dataset.theme = scheme ?? 'light';
    if (typeof theme === 'object') {
      for (const [name, value] of Object.entries(theme.tokens ?? {})) this.style.setProperty(`--sh-${name}`, value);
    }
    this.dataset.mode = mode;
    this.dataset.position = this.position;

    const t = makeTranslate({ ...launcherStrings[this.resolvedLocale], ...strings });
    if (mode !== 'inline' && launcher !== false) {
      this.#launcher.update({ t, open: this.#isOpen, unread: this.#unread });
      if (!this.#launcher.button.isConnected) this.#root.prepend(this.#launcher.button);
    } else this.#launcher.button.remove();

    if (this.#isOpen && this.session) {
      this.#panel ??= Object.assign(document.createElement('sh-panel'), { session: this.session });
      this.#panel.setAttribute('exportparts', PARTS);
      this.#panel.setAttribute('position', this.position);
      Object.assign(this.#panel, { session: this.session, strings, mode });
      if (!this.#panel.isConnected) {
        this.#panel.addEventListener('request-close', () => this.close());
        this.#root.append(this.#panel);
      }
    } else {
      this.#panel?.remove();
      this.#panel = undefined;
    }

    this.#error?.remove();
    if (this.#isOpen && this.#failed) this.#root.append((this.#error = this.#loadError(t)));
  }

  /** The panel's place when the panel cannot load: what happened, and a button that tries again. */
  #loadError(t: (key: 'loadFailed' | 'retry' | 'close') => string): HTMLElement {
    const box = Object.assign(document.createElement('div'), { className: 'load-error' });
    box.setAttribute('role', 'alert');
    box.setAttribute('part', 'panel');
    const text = Object.assign(document.createElement('p'), { textContent: t('loadFailed') });
    const retry = Object.assign(document.createElement('button'), { type: 'button', textContent: t('retry') });
    retry.addEventListener('click', () => {
      this.#failed = undefined;
      this.requestUpdate();
      void this.open().catch(() => undefined);
    });
    box.append(text, retry);
    return box;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'service-hall': ServiceHallElement;
  }
}
