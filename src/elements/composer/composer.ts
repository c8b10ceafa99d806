import { html, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import { AdapterError } from '../../core/adapter.js';
import { disambiguate, isVague, wantsHuman } from '../../core/intents.js';
import { highlight, type Range } from '../../core/highlight.js';
import type { Searchable, SearchIndex } from '../../core/search.js';
import { findSensitive, maskSensitive } from '../../core/sensitive.js';
import type { Action, Article, Attachment } from '../../core/types.js';
import { ATTACHMENT_MAX_BYTES } from '../../core/validate.js';
import type { Session } from '../../state/session.js';
import { navigate, ShElement } from '../base.js';
import { formatList } from '../format.js';
import { pastedImages } from '../files.js';
import { icon } from '../icons.js';
import { imeBusy } from '../ime.js';
import { lazyScreens, lazySearch, preload } from '../lazy.js';
import { canCaptureScreen, captureFrame } from '../screenshot/capture.js';
import { styles } from './composer.styles.js';

/** Longest message, in characters (code points, so an emoji counts once). */
export const MAX_LENGTH = 2000;
// The counter appears this close to the limit.
const NEAR = MAX_LENGTH - 200;
// Above this many articles a local index is a long task to build, so a server that can search does it.
const LOCAL_ARTICLES = 5000;
const REMOTE_DEBOUNCE_MS = 150;
const ROTATE_MS = 4000;
const MAX_OPTIONS = 7;
const MAX_ACTIONS = 3;
const MAX_RECENT = 5;
// Checked at each rotation, not once, because the customer can change the setting while the panel is open.
const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

// One empty list, so that the action index is not rebuilt on every keystroke before the hall has loaded.
const NO_ACTIONS: Action[] = [];

type Kind = 'article' | 'action' | 'recent';

/** One suggestion or disambiguation choice. */
interface Option {
  kind: Kind;
  /** Unique across kinds: `article:<id>`, `action:<id>`, `recent:<n>`. */
  key: string;
  id: string;
  title: string;
  ranges: Range[];
  score: number;
}

interface Upload {
  key: number;
  name: string;
  /** Set once uploaded. */
  attachment?: Attachment;
}

/** Server-side article search, offered by a session for knowledge bases too big to index here. */
type RemoteSearch = (query: string, signal: AbortSignal) => Promise<Article[]>;

/** A search index over a list, rebuilt only when the list itself changes; none until the search has loaded. */
const indexer = <T extends Searchable>() => {
  let source: readonly T[] | undefined;
  let index: SearchIndex<T> | undefined;
  return (items: readonly T[]): SearchIndex<T> | undefined => {
    const loaded = lazySearch.get();
    if (loaded && (items !== source || !index)) {
      source = items;
      index = loaded.createSearchIndex(items);
    }
    return index;
  };
};

const toOptions = (kind: Kind, hits: { item: Searchable; score: number; ranges: Range[] }[]): Option[] =>
  hits.map(({ item, score, ranges }) => ({
    kind,
    key: `${kind}:${item.id}`,
    id: item.id,
    title: item.title,
    ranges,
    score,
  }));

const codePoints = (text: string): number => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

/**
 * The message composer: an auto-growing input with rotating example questions, suggestions as the
 * customer types (articles, self-service actions, recent questions) in an ARIA 1.2 combobox,
 * disambiguation chips for vague questions, a warning before personal data is sent, an offer of a
 * human, and pasted or picked attachments. Where the browser can capture the screen, a screenshot button
 * takes one frame of a shared tab or screen and opens `<sh-screenshot>` to black out private parts first.
 *
 * Enter sends and Shift+Enter starts a new line; Enter never sends while an input method (Chinese,
 * Japanese…) is composing.
 *
 * The suggestions follow the ARIA 1.2 combobox keyboard model (arrows, Enter, Esc, an active
 * descendant), but the field keeps its native textbox role: ARIA in HTML allows no other role on a
 * `textarea` (axe: aria-allowed-role), so it owns the list through `aria-haspopup`, `aria-controls`
 * and `aria-activedescendant`, and a live region says how many suggestions there are.
 *
 * @tag sh-composer
 *
 * @csspart composer - The composer area.
 * @csspart input - The message field.
 * @csspart send - The send button.
 * @csspart suggestion - One suggestion in the list above the field.
 * @csspart choice - One disambiguation chip ("which of these do you mean?").
 * @csspart notice - A warning or an offer shown above the field.
 */
export class ComposerElement extends ShElement {
  static override styles = [ShElement.styles, styles];

  static override properties = {
    ...ShElement.properties,
    options: { state: true },
    active: { state: true },
    expanded: { state: true },
    choices: { state: true },
    uploads: { state: true },
    uploadError: { state: true },
    example: { state: true },
    shot: { state: true },
  };

  /** Suggestions for the current text (or recent questions for an empty field). */
  declare protected options: Option[];
  /** Index of the highlighted suggestion; -1 when none is. */
  declare protected active: number;
  declare protected expanded: boolean;
  /** Disambiguation choices for the text as it stands; `null` when there are none. */
  declare protected choices: Option[] | null;
  declare protected uploads: Upload[];
  declare protected uploadError: string;
  /** Which example question the placeholder shows. */
  declare protected example: number;
  /** A captured screenshot being edited before it is attached. */
  declare protected shot?: HTMLCanvasElement;

  /** The knowledge index, built in slices (never a long task) for the list it names. */
  #articles?: { source: readonly Article[]; index?: SearchIndex<Article> };
  #actions = indexer<Action>();
  /** The query the shown options were found for. */
  #shownFor = '';
  #composing = false;
  #focused = false;
  #uploadKey = 0;
  #rotation?: ReturnType<typeof setInterval>;
  #debounce?: ReturnType<typeof setTimeout>;
  #remote?: AbortController;
  /** After a send was held back for personal data, focus goes to the choice the customer must make. */
  #focusNotice = false;

  constructor() {
    super();
    this.options = [];
    this.active = -1;
    this.expanded = false;
    this.choices = null;
    this.uploads = [];
    this.uploadError = '';
    this.example = 0;
  }

  protected override watch(session: Session) {
    return [session.$draft, session.$notice];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#rotation = setInterval(() => {
      if (matchMedia(REDUCED_MOTION).matches || (this.#focused && this.#text)) return;
      this.example++;
    }, ROTATE_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#rotation);
    this.#cancelRemote();
  }

  protected override updated(changed: PropertyValues): void {
    const field = this.#field;
    // Browsers without `field-sizing: content` (Safari, Firefox) grow the field by hand.
    if (field && !CSS.supports('field-sizing', 'content')) {
      field.style.blockSize = 'auto';
      field.style.blockSize = `${field.scrollHeight + 2}px`;
    }
    if (changed.has('active') && this.active >= 0) {
      // Scrolling the list itself, because scrollIntoView would also scroll the host page.
      const list = this.renderRoot.querySelector<HTMLElement>('.listbox');
      const option = this.renderRoot.querySelector<HTMLElement>(`#sh-option-${this.active}`);
      if (list && option) {
        if (option.offsetTop < list.scrollTop) list.scrollTop = option.offsetTop;
        else if (option.offsetTop + option.offsetHeight > list.scrollTop + list.clientHeight)
          list.scrollTop = option.offsetTop + option.offsetHeight - list.clientHeight;
      }
    }
    if (this.#focusNotice) {
      this.#focusNotice = false;
      this.renderRoot.querySelector<HTMLElement>('.banner button')?.focus();
    }
  }

  get #field(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }

  get #text(): string {
    return this.session.$draft.get();
  }

  get #ready(): Attachment[] {
    return this.uploads.flatMap((u) => (u.attachment ? [u.attachment] : []));
  }

  /** The articles to search here, or `undefined` when the server searches them. */
  get #remoteSearch(): RemoteSearch | undefined {
    return this.session.capabilities.search && this.session.$knowledge.get().length > LOCAL_ARTICLES
      ? this.session.searchArticles
      : undefined;
  }

  /** Actions and locally indexed articles matching `query`, best first. */
  #lookup(query: string, remote: boolean): Option[] {
    const actions = this.session.$hall.get().value?.actions ?? NO_ACTIONS;
    const found = toOptions('action', this.#actions(actions)?.search(query, MAX_ACTIONS) ?? []);
    const articles = this.session.$knowledge.get();
    if (remote || !articles.length) return found;
    const index = this.#indexArticles(articles);
    if (index) found.push(...toOptions('article', index.search(query, MAX_OPTIONS - found.length)));
    return found;
  }

  /**
   * The index over `articles` once built; until then, undefined, and the build runs (once the search has
   * loaded) in slices that yield to the page. When it is done, the suggestions for the text as it stands
   * then are shown. If the search cannot load, the next lookup tries again.
   */
  #indexArticles(articles: readonly Article[]): SearchIndex<Article> | undefined {
    if (this.#articles?.source === articles) return this.#articles.index;
    const entry: { source: readonly Article[]; index?: SearchIndex<Article> } = { source: articles };
    this.#articles = entry;
    lazySearch
      .load()
      .then(({ buildSearchIndex }) => buildSearchIndex(articles))
      .then(
        (index) => {
          entry.index = index;
          if (this.#articles === entry) this.#suggestAgain();
        },
        () => {
          if (this.#articles === entry) this.#articles = undefined;
        },
      );
    return undefined;
  }

  /** Shows the suggestions for the text as it stands, if the customer is still typing here. */
  #suggestAgain(): void {
    if (this.isConnected && this.#focused && this.#text.trim()) this.#suggest();
  }

  #show(options: Option[], query: string): void {
    this.options = options;
    this.#shownFor = query;
    this.active = -1;
    this.expanded = this.#focused && options.length > 0;
  }

  #cancelRemote(): void {
    clearTimeout(this.#debounce);
    this.#remote?.abort();
    this.#remote = undefined;
  }

  /** Finds suggestions for the text as it stands. Synchronous for local search: it runs on every keystroke. */
  #suggest(): void {
    this.#cancelRemote();
    const query = this.#text.trim();
    if (!query) {
      const recent = this.session.$recent.get().slice(0, MAX_RECENT);
      this.#show(
        recent.map((text, n) => ({
          kind: 'recent',
          key: `recent:${n}`,
          id: String(n),
          title: text,
          ranges: [],
          score: 0,
        })),
        '',
      );
      return;
    }
    // A request for a person goes straight to one; suggestions would only be in the way.
    if (wantsHuman(query)) return this.#show([], query);
    // The actions' suggestions need the search too; they come when it does.
    if (!lazySearch.get()) {
      lazySearch.load().then(
        () => this.#suggestAgain(),
        () => undefined,
      );
    }
    const search = this.#remoteSearch;
    const local = this.#lookup(query, !!search);
    this.#show(local, query);
    if (!search) return;
    const controller = (this.#remote = new AbortController());
    this.#debounce = setTimeout(() => {
      Promise.all([search(query, controller.signal), lazySearch.load()]).then(
        ([articles, { createSearchIndex }]) => {
          if (controller.signal.aborted) return;
          // Indexing the few results gives them the same ranking and highlighting as local ones.
          const hits = createSearchIndex(articles).search(query, MAX_OPTIONS - local.length);
          this.#show([...local, ...toOptions('article', hits)], query);
        },
        () => undefined,
      );
    }, REMOTE_DEBOUNCE_MS);
  }

  #onFocus(): void {
    this.#focused = true;
    // Typing here leads to suggestions and, once sent, to the conversation: both are fetched now if not yet.
    preload();
    this.#suggest();
    // The index is built on first focus, not at start-up: a large knowledge base takes a while to index.
    void this.session.ensureKnowledge().then(() => {
      if (!this.isConnected || this.#remoteSearch) return;
      const articles = this.session.$knowledge.get();
      if (articles.length) this.#indexArticles(articles);
      this.#suggestAgain();
    });
  }

  #onBlur(): void {
    this.#focused = false;
    this.expanded = false;
  }

  #onInput(event: InputEvent): void {
    this.session.$draft.set((event.target as HTMLTextAreaElement).value);
    this.choices = null;
    // Mid-composition the field holds pinyin or kana, not words worth searching.
    if (!this.#composing && !event.isComposing) this.#suggest();
  }

  #onCompositionEnd(): void {
    this.#composing = false;
    this.#suggest();
  }

  #onKeydown(event: KeyboardEvent): void {
    if (imeBusy(event, this.#composing)) return;
    const { options, expanded } = this;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        // Closed, the arrows move the caret in a multi-line draft.
        if (!options.length || (!expanded && this.#text.includes('\n'))) return;
        event.preventDefault();
        const n = options.length;
        const from = expanded ? this.active : -1;
        const down = event.key === 'ArrowDown';
        this.expanded = true;
        this.active = from < 0 ? (down ? 0 : n - 1) : (from + (down ? 1 : n - 1)) % n;
        return;
      }
      case 'Escape':
        if (!expanded && !this.choices) return;
        // Closes the list only; the panel stays open.
        event.stopPropagation();
        event.preventDefault();
        if (expanded) this.expanded = false;
        else this.choices = null;
        return;
      case 'Enter': {
        if (event.shiftKey) return;
        event.preventDefault();
        const option = expanded ? options[this.active] : undefined;
        if (option) this.#choose(option);
        else this.#send(false);
      }
    }
  }

  // Pointer only: the keyboard reaches options from the field.
  #onListClick(event: Event): void {
    const at = (event.target as Element).closest<HTMLElement>('[role="option"]')?.dataset.at;
    const option = at === undefined ? undefined : this.options[Number(at)];
    if (option) this.#choose(option);
  }

  /** Acts on a suggestion or a choice: an article is asked, an action opened, a recent question put back in the field. */
  #choose(option: Option): void {
    this.expanded = false;
    this.choices = null;
    if (option.kind === 'recent') {
      this.session.$draft.set(option.title);
      this.#field?.focus();
      return;
    }
    this.session.$draft.set('');
    if (option.kind === 'action') navigate(this, { screen: 'action', actionId: option.id });
    else this.#submit(option.title);
  }

  #submit(text: string): void {
    this.session.send(text, this.#ready);
    this.uploads = this.uploads.filter((u) => !u.attachment);
    this.uploadError = '';
    this.choices = null;
    this.#show([], '');
  }

  /** Sends the draft, unless it needs the customer's word first (`force` is that word). */
  #send(force: boolean): void {
    if (!this.#canSend) return;
    const text = this.#text;
    const query = text.trim();
    if (!force) {
      if (findSensitive(text).length) {
        // The warning is already on screen (from the session's notice); the customer must pick masking or sending.
        this.#focusNotice = true;
        this.expanded = false;
        this.requestUpdate();
        return;
      }
      // A specific question goes to the bot as asked; only a vague one is worth a question back.
      if (isVague(query) && !this.choices && !wantsHuman(query)) {
        const hits = this.#shownFor === query ? this.options : this.#lookup(query, !!this.#remoteSearch);
        const decision = disambiguate(
          query,
          hits.map((h) => ({ id: h.key, title: h.title, score: h.score })),
        );
        if (decision.kind === 'choices') {
          // Offered, not imposed: Enter again sends the text as typed.
          this.choices = decision.choices.flatMap((c) => hits.filter((h) => h.key === c.id));
          this.expanded = false;
          return;
        }
      }
    }
    this.#submit(text);
  }

  get #length(): number {
    const text = this.#text;
    return text.length > NEAR ? codePoints(text) : text.length;
  }

  get #canSend(): boolean {
    return (
      this.#length <= MAX_LENGTH &&
      !this.uploads.some((u) => !u.attachment) &&
      (!!this.#text.trim() || this.#ready.length > 0)
    );
  }

  #onPaste(event: ClipboardEvent): void {
    if (!this.session.capabilities.attachments) return;
    const images = pastedImages(event.clipboardData);
    if (!images.length) return;
    event.preventDefault();
    for (const file of images) void this.#upload(file);
  }

  #onPick(event: Event): void {
    const input = event.target as HTMLInputElement;
    for (const file of Array.from(input.files ?? [])) void this.#upload(file);
    input.value = '';
  }

  async #screenshot(): Promise<void> {
    this.uploadError = '';
    // The editor's chunk comes while the customer picks what to share.
    const editor = lazyScreens.load();
    editor.catch(() => undefined);
    try {
      const frame = await captureFrame();
      if (frame) {
        await editor;
        this.shot = frame;
      }
    } catch {
      this.uploadError = this.t('screenshotFailed');
    }
  }

  /** Closes the screenshot editor; focus goes back to the field. */
  #closeShot(file?: File): void {
    this.shot = undefined;
    if (file) void this.#upload(file);
    this.#field?.focus();
  }

  async #upload(file: File): Promise<void> {
    const key = ++this.#uploadKey;
    const name = file.name || 'image';
    this.uploads = [...this.uploads, { key, name }];
    this.uploadError = '';
    try {
      const attachment = await this.session.upload(file);
      this.uploads = this.uploads.map((u) => (u.key === key ? { ...u, attachment } : u));
    } catch (error) {
      if (!this.uploads.some((u) => u.key === key)) return;
      this.uploads = this.uploads.filter((u) => u.key !== key);
      const reason = error instanceof AdapterError ? error.reason : undefined;
      this.uploadError =
        reason === 'file-size'
          ? this.t('fileSize', { name, max: ATTACHMENT_MAX_BYTES / 2 ** 20 })
          : reason === 'file-type'
            ? this.t('fileType', { name })
            : this.t('uploadFailed');
    }
  }

  #notice() {
    const { t, session } = this;
    const notice = session.$notice.get();
    if (!notice) return nothing;
    if (notice.kind === 'offer-human')
      return html`<div part="notice" class="banner">
        <p>${t('offerHuman')}</p>
        <div class="chips">
          <button type="button" class="chip primary" @click=${() => void session.requestHuman()}>
            ${t('humanHint')}
          </button>
          <button type="button" class="chip" @click=${() => session.dismissNotice()}>${t('dismiss')}</button>
        </div>
      </div>`;
    const kinds = [...new Set(notice.matches.map((m) => t(`kind_${m.kind}`)))];
    const list = formatList(t, kinds);
    return html`<div part="notice" class="banner warning" role="alert">
      <p id="sh-sensitive">${t('sensitive', { kinds: list })}</p>
      <div class="chips">
        <button
          type="button"
          class="chip primary"
          aria-describedby="sh-sensitive"
          @click=${() => {
            session.$draft.set(maskSensitive(this.#text));
            this.#field?.focus();
          }}
        >
          ${t('mask')}
        </button>
        <button type="button" class="chip" aria-describedby="sh-sensitive" @click=${() => this.#send(true)}>
          ${t('sendAnyway')}
        </button>
      </div>
    </div>`;
  }

  #option(option: Option, at: number) {
    const label = option.kind === 'recent' ? nothing : html`<span class="muted kind">${this.t(option.kind)}</span>`;
    // Options are reached with the arrows from the field (aria-activedescendant), which also scroll the list;
    // tabindex -1 tells assistive tech and axe that they are focusable without adding tab stops.
    return html`<li
      id="sh-option-${at}"
      part="suggestion"
      class="option"
      role="option"
      tabindex="-1"
      aria-selected=${at === this.active ? 'true' : 'false'}
      data-at=${at}
    >
      ${label}<span class="title"
        >${highlight(option.title, option.ranges).map((s) => (s.match ? html`<mark>${s.text}</mark>` : s.text))}</span
      >
    </li>`;
  }

  /* eslint-disable lit-a11y/click-events-have-key-events -- the listbox's options are operated from the field
     (arrows and Enter, through aria-activedescendant); its click listener is only the pointer path. */
  protected override render() {
    const { t, session, options, expanded, choices } = this;
    const text = this.#text;
    const length = this.#length;
    const over = length > MAX_LENGTH;
    const examples = t('examples').split('|');
    const example = examples[this.example % examples.length] ?? '';
    const attachments = session.capabilities.attachments;
    const recent = !this.#shownFor && options[0]?.kind === 'recent';
    const status = choices ? t('chooseOne') : expanded ? t('suggestionsCount', { count: options.length }) : '';
    return html`<div part="composer" class="composer">
      <div class="notices" role="status">${this.#notice()}</div>
      ${
        choices
          ? html`<div class="banner choices" role="group" aria-labelledby="sh-choose">
              <p id="sh-choose">${t('chooseOne')}</p>
              <div class="chips">
                ${choices.map(
                  (c) =>
                    html`<button part="choice" type="button" class="chip" @click=${() => this.#choose(c)}>
                      ${c.title}
                    </button>`,
                )}
              </div>
            </div>`
          : nothing
      }
      ${
        this.uploads.length
          ? html`<ul class="chips">
              ${this.uploads.map(
                (u) =>
                  html`<li class="upload">
                    <span class="ellipsis">${u.name}</span>${
                      u.attachment ? nothing : html`<span class="muted">${t('uploading')}</span>`
                    }
                    <button
                      type="button"
                      class="icon-button"
                      aria-label=${t('remove', { name: u.name })}
                      @click=${() => (this.uploads = this.uploads.filter((x) => x.key !== u.key))}
                    >
                      ×
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      ${
        this.shot
          ? html`<sh-screenshot
              exportparts="screenshot"
              .session=${session}
              .t=${t}
              .source=${this.shot}
              @attach=${(e: CustomEvent<File>) => this.#closeShot(e.detail)}
              @cancel=${() => this.#closeShot()}
            ></sh-screenshot>`
          : nothing
      }
      <div class="field">
        <ul
          id="sh-suggestions"
          class="card listbox"
          role="listbox"
          aria-label=${recent ? t('recent') : t('suggestions')}
          ?hidden=${!expanded}
          @pointerdown=${(e: Event) => e.preventDefault()}
          @click=${this.#onListClick}
        >
          ${expanded ? options.map((o, i) => this.#option(o, i)) : nothing}
        </ul>
        ${
          attachments
            ? html`<label class="icon-button attach" title=${t('attach')}>
                <input
                  class="visually-hidden"
                  type="file"
                  accept="image/*,application/pdf,text/plain"
                  multiple
                  aria-label=${t('attach')}
                  @change=${this.#onPick}
                />
                ${icon('attach')}
              </label>`
            : nothing
        }
        ${
          attachments && canCaptureScreen()
            ? html`<button
                type="button"
                class="icon-button"
                title=${t('screenshot')}
                aria-label=${t('screenshot')}
                aria-expanded=${this.shot ? 'true' : 'false'}
                @click=${() => void this.#screenshot()}
              >
                ${icon('screen')}
              </button>`
            : nothing
        }
        <textarea
          part="input"
          rows="1"
          dir="auto"
          enterkeyhint="send"
          aria-label=${t('input')}
          aria-haspopup="listbox"
          aria-autocomplete="list"
          aria-controls="sh-suggestions"
          aria-activedescendant=${expanded && this.active >= 0 ? `sh-option-${this.active}` : nothing}
          aria-describedby=${length >= NEAR ? 'sh-counter' : nothing}
          aria-invalid=${over ? 'true' : nothing}
          placeholder=${t('placeholder', { example })}
          .value=${live(text)}
          @input=${this.#onInput}
          @keydown=${this.#onKeydown}
          @focus=${this.#onFocus}
          @blur=${this.#onBlur}
          @paste=${this.#onPaste}
          @compositionstart=${() => (this.#composing = true)}
          @compositionend=${this.#onCompositionEnd}
        ></textarea>
        <button
          part="send"
          type="button"
          class="icon-button send"
          aria-label=${t('send')}
          ?disabled=${!this.#canSend}
          @click=${() => this.#send(false)}
        >
          ${icon('send', 20)}
        </button>
      </div>
      ${
        length >= NEAR
          ? html`<p id="sh-counter" class="counter ${over ? 'error' : 'muted'}">
              ${t('counter', { count: length, max: MAX_LENGTH })}
            </p>`
          : nothing
      }
      ${over ? html`<p class="error" role="alert">${t('tooLong', { max: MAX_LENGTH })}</p>` : nothing}
      ${this.uploadError ? html`<p class="error" role="alert">${this.uploadError}</p>` : nothing}
      <p class="visually-hidden" role="status">${status}</p>
    </div>`;
  }
  /* eslint-enable lit-a11y/click-events-have-key-events */
}
