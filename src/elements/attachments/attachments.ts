import { html, nothing } from 'lit';
import type { Attachment } from '../../core/types.js';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  ATTACHMENTS,
  checkFile,
  type FilePolicy,
} from '../../core/validate.js';
import { ShElement } from '../base.js';
import { icon } from '../icons.js';
import { styles } from './attachments.styles.js';

interface Item {
  key: number;
  file: File;
  /** Object URL of the local file, for the thumbnail; revoked on removal and disconnect. */
  url?: string;
  progress: number;
  status: 'uploading' | 'done' | 'failed';
  attachment?: Attachment;
}

// Image fields take the allowlist's image types only: a lookahead narrows the same pattern.
const IMAGES: FilePolicy = {
  types: new RegExp(`(?=^image/)${ATTACHMENT_TYPES.source}`),
  maxBytes: ATTACHMENT_MAX_BYTES,
};

let serial = 0;

/**
 * Picks files for a form, by the file dialog, drag and drop, or {@link AttachmentsElement.add} (the forms
 * forward pasted files). Each file is checked for type, size and count before it uploads, then shows a
 * thumbnail, its progress, and a remove or retry button. Dispatches `change` (not bubbling) whenever
 * {@link AttachmentsElement.value} or {@link AttachmentsElement.busy} may have changed.
 *
 * @tag sh-attachments
 */
export class AttachmentsElement extends ShElement {
  static override styles = [ShElement.styles, styles];

  static override properties = {
    ...ShElement.properties,
    label: { attribute: false },
    max: { attribute: false },
    images: { attribute: false },
    required: { attribute: false },
    error: { attribute: false },
    items: { state: true },
    refusals: { state: true },
    over: { state: true },
  };

  /** Visible label of the picker. */
  declare label: string;
  /** Most files allowed. */
  declare max: number;
  /** Accept images only (`image/*` in the file dialog). */
  declare images: boolean;
  declare required: boolean;
  /** A validation message from the form, shown under the picker. */
  declare error?: string;
  declare protected items: Item[];
  declare protected refusals: string[];
  declare protected over: boolean;

  constructor() {
    super();
    this.label = '';
    this.max = 9;
    this.images = false;
    this.required = false;
    this.items = [];
    this.refusals = [];
    this.over = false;
  }

  /** The uploaded files. */
  get value(): Attachment[] {
    return this.items.flatMap((item) => item.attachment ?? []);
  }

  /** Whether an upload is in flight. */
  get busy(): boolean {
    return this.items.some((item) => item.status === 'uploading');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.items = this.items.map((item) => ({ ...item, url: preview(item.file) }));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const { url } of this.items) if (url) URL.revokeObjectURL(url);
  }

  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('input')?.focus(options);
  }

  /** Checks the files and uploads those that are accepted; the others are listed with the reason. */
  add(files: Iterable<File>): void {
    const policy = this.images ? IMAGES : ATTACHMENTS;
    const refusals: string[] = [];
    const added: Item[] = [];
    for (const file of files) {
      const problem = checkFile(file, policy);
      if (problem) refusals.push(this.t(problem.key, problem.params));
      else if (this.items.length + added.length >= this.max) {
        refusals.push(this.t('tooMany', { max: this.max }));
        break;
      } else added.push({ key: ++serial, file, url: preview(file), progress: 0, status: 'uploading' });
    }
    this.refusals = refusals;
    this.items = [...this.items, ...added];
    for (const item of added) void this.#upload(item);
    this.#changed();
  }

  async #upload({ key, file }: Item): Promise<void> {
    this.#patch(key, { status: 'uploading', progress: 0 });
    this.#changed();
    try {
      const attachment = await this.session.upload(file, (progress) => this.#patch(key, { progress }));
      this.#patch(key, { status: 'done', attachment });
    } catch {
      this.#patch(key, { status: 'failed' });
    }
    this.#changed();
  }

  /** Updates an item, unless it was removed meanwhile. */
  #patch(key: number, change: Partial<Item>): void {
    this.items = this.items.map((item) => (item.key === key ? { ...item, ...change } : item));
  }

  #remove(item: Item): void {
    if (item.url) URL.revokeObjectURL(item.url);
    this.items = this.items.filter((i) => i !== item);
    this.refusals = [];
    this.#changed();
    this.focus();
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  #pick(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.add(Array.from(input.files ?? []));
    // Lets the same file be picked again after it was removed.
    input.value = '';
  }

  #drop(event: DragEvent): void {
    event.preventDefault();
    this.over = false;
    this.add(Array.from(event.dataTransfer?.files ?? []));
  }

  #item(item: Item) {
    const { t } = this;
    const { name } = item.file;
    return html`<li class="card item ${item.status}">
      ${item.url ? html`<img src=${item.url} alt="" />` : html`<span class="thumb">${icon('invoice')}</span>`}
      <span class="info">
        <span class="ellipsis" title=${name}>${name}</span>
        ${
          item.status === 'uploading'
            ? html`<progress max="1" .value=${item.progress} aria-label=${t('uploadingFile', { name })}></progress>`
            : item.status === 'failed'
              ? html`<span class="error">${t('uploadFailed')}</span>`
              : nothing
        }
      </span>
      ${
        item.status === 'failed'
          ? html`<button
              type="button"
              class="chip retry"
              aria-label=${`${t('retry')}: ${name}`}
              @click=${() => void this.#upload(item)}
            >
              ${t('retry')}
            </button>`
          : nothing
      }
      <button
        type="button"
        class="icon-button remove"
        aria-label=${t('remove', { name })}
        @click=${() => this.#remove(item)}
      >
        ×
      </button>
    </li>`;
  }

  protected override render() {
    const { t, error } = this;
    return html`<div
        class="drop ${this.over ? 'over' : ''}"
        @dragover=${(event: DragEvent) => {
          event.preventDefault();
          this.over = true;
        }}
        @dragleave=${() => (this.over = false)}
        @drop=${this.#drop}
      >
        <input
          id="file"
          class="visually-hidden"
          type="file"
          multiple
          accept=${this.images ? 'image/*' : ATTACHMENT_ACCEPT}
          ?required=${this.required}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby="hint error"
          @change=${this.#pick}
        />
        <label for="file">
          ${icon('camera')}
          <span class="label"
            >${this.label}${this.required ? html`<span class="req" aria-hidden="true">*</span>` : nothing}</span
          >
          <span id="hint" class="muted hint">${t('dropHint')}</span>
        </label>
      </div>
      ${
        this.items.length
          ? html`<ul class="items">
              ${this.items.map((item) => this.#item(item))}
            </ul>`
          : nothing
      }
      <div class="error" role="alert">${this.refusals.map((text) => html`<p>${text}</p>`)}</div>
      <p id="error" class="error" ?hidden=${!error}>${error}</p>`;
  }
}

const preview = (file: File): string | undefined =>
  file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined;

declare global {
  interface HTMLElementTagNameMap {
    'sh-attachments': AttachmentsElement;
  }
}
