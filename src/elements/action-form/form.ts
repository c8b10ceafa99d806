import { html, nothing } from 'lit';
import { toAdapterError } from '../../core/adapter.js';
import type { FieldOption } from '../../core/types.js';
import { validateField, validateFields, type FieldValue, type FormField, type Problem } from '../../core/validate.js';
import type { AttachmentsElement } from '../attachments/attachments.js';
import { navigate, ShElement } from '../base.js';
import { statusLabel } from '../order.js';
import { styles } from './form.styles.js';

const INPUT_TYPES: Partial<Record<FormField['type'], string>> = { email: 'email', phone: 'tel', date: 'date' };
const AUTOCOMPLETE: Partial<Record<FormField['type'], string>> = { email: 'email', phone: 'tel' };

/**
 * What the action and ticket forms share: fields rendered from a schema as labelled native controls,
 * validation with the first invalid field focused, pasted files going to the picker, and a submit that
 * keeps every input when it fails.
 */
export class FormElement extends ShElement {
  static override styles = [ShElement.styles, styles];

  static override properties = {
    ...ShElement.properties,
    values: { state: true },
    problems: { state: true },
    failure: { state: true },
    pending: { state: true },
    uploading: { state: true },
  };

  declare protected values: Record<string, FieldValue>;
  declare protected problems: Record<string, Problem>;
  /** Why the last submit failed, shown above the submit button. */
  declare protected failure: string;
  declare protected pending: boolean;
  declare protected uploading: boolean;

  constructor() {
    super();
    this.values = {};
    this.problems = {};
    this.failure = '';
    this.pending = false;
    this.uploading = false;
  }

  /** The fields to show: file fields only when the adapter takes uploads. */
  protected shown(fields: FormField[]): FormField[] {
    return this.session.capabilities.attachments ? fields : fields.filter((f) => f.type !== 'images');
  }

  protected back(): void {
    navigate(this, { screen: 'hall' });
  }

  /** Validates, then sends the trimmed input; on a failure the input stays and the reason is shown. */
  protected async submit(event: Event, fields: FormField[], send: (input: Record<string, unknown>) => Promise<void>) {
    event.preventDefault();
    if (this.pending) return;
    if (this.uploading) {
      this.failure = this.t('uploadsPending');
      return;
    }
    const problems = validateFields(fields, this.values);
    this.problems = problems;
    const first = fields.findIndex((field) => problems[field.name]);
    if (first >= 0) {
      this.failure = '';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#f${first}`)?.focus();
      return;
    }
    const input: Record<string, unknown> = {};
    for (const { name } of fields) {
      const value = this.values[name];
      if (typeof value === 'string' ? value.trim() : value?.length)
        input[name] = typeof value === 'string' ? value.trim() : value;
    }
    this.failure = '';
    this.pending = true;
    try {
      await send(input);
    } catch (thrown) {
      const error = toAdapterError(thrown);
      if (error.code !== 'aborted')
        this.failure =
          error.code === 'rejected' ? this.t('errorRejected', { message: error.message }) : this.t('actionFailed');
    } finally {
      this.pending = false;
    }
  }

  #set(field: FormField, value: FieldValue): void {
    this.values = { ...this.values, [field.name]: value };
    // A shown problem goes away as soon as it is fixed, not only on the next submit.
    if (this.problems[field.name]) {
      const { [field.name]: _, ...rest } = this.problems;
      const problem = validateField(field, value);
      this.problems = problem ? { ...rest, [field.name]: problem } : rest;
    }
  }

  #filesChanged(field: FormField, picker: AttachmentsElement): void {
    this.#set(field, picker.value);
    this.uploading = Array.from(this.renderRoot.querySelectorAll('sh-attachments')).some((p) => p.busy);
    if (!this.uploading && this.failure === this.t('uploadsPending')) this.failure = '';
  }

  /** Files pasted anywhere in the form go to its first picker. */
  protected paste(event: ClipboardEvent): void {
    const files = Array.from(event.clipboardData?.files ?? []);
    const picker = this.renderRoot.querySelector('sh-attachments');
    if (!files.length || !picker) return;
    event.preventDefault();
    picker.add(files);
  }

  #options(field: FormField): FieldOption[] {
    if (field.type !== 'order') return field.options ?? [];
    return (this.session.$hall.get().value?.orders ?? []).map(({ id, title, status }) => ({
      value: id,
      label: `${title} · ${id} · ${statusLabel(this.t, status)}`,
    }));
  }

  /** One field; its control has the id `f<index>`, which is how a problem is focused. */
  protected field(field: FormField, index: number) {
    const { t } = this;
    const id = `f${index}`;
    const problem = this.problems[field.name];
    const error = problem ? t(problem.key, problem.params) : '';
    if (field.type === 'images')
      return html`<sh-attachments
        id=${id}
        .session=${this.session}
        .t=${t}
        .label=${field.label}
        .max=${field.max ?? 9}
        .images=${true}
        .required=${!!field.required}
        .error=${error}
        @change=${(e: Event) => this.#filesChanged(field, e.target as AttachmentsElement)}
      ></sh-attachments>`;
    const value = String(this.values[field.name] ?? '');
    const counted = field.type === 'textarea' && field.max;
    const describedBy = [error && `${id}-error`, counted && `${id}-count`].filter(Boolean).join(' ') || nothing;
    const invalid = error ? 'true' : 'false';
    const onInput = (e: Event) => this.#set(field, (e.target as HTMLInputElement).value);
    let control;
    if (field.type === 'textarea')
      control = html`<textarea
        id=${id}
        rows="4"
        ?required=${field.required}
        placeholder=${field.placeholder ?? nothing}
        aria-invalid=${invalid}
        aria-describedby=${describedBy}
        .value=${value}
        @input=${onInput}
      ></textarea>`;
    else if (field.type === 'select' || field.type === 'order')
      control = html`<select
        id=${id}
        ?required=${field.required}
        aria-invalid=${invalid}
        aria-describedby=${describedBy}
        @input=${onInput}
      >
        <option value="" ?selected=${!value}>${field.required ? t('choose') : t('noOrder')}</option>
        ${this.#options(field).map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
      </select>`;
    else
      control = html`<input
        id=${id}
        type=${INPUT_TYPES[field.type] ?? 'text'}
        autocomplete=${AUTOCOMPLETE[field.type] ?? nothing}
        ?required=${field.required}
        placeholder=${field.placeholder ?? nothing}
        aria-invalid=${invalid}
        aria-describedby=${describedBy}
        .value=${value}
        @input=${onInput}
      />`;
    return html`<div class="field">
      <label for=${id}
        >${field.label}${field.required ? html`<span class="req" aria-hidden="true">*</span>` : nothing}</label
      >
      ${control}
      ${
        counted
          ? html`<span id="${id}-count" class="muted count"
              >${t('counter', { count: [...value].length, max: field.max! })}</span
            >`
          : nothing
      }
      ${error ? html`<p id="${id}-error" class="error">${error}</p>` : nothing}
    </div>`;
  }

  /** The failure message (a live region) and the submit button, busy while sending. */
  protected actions(label: string) {
    const { t, pending } = this;
    return html`<div class="failure banner critical" role="alert">${this.failure}</div>
      <button type="submit" class="chip primary" aria-disabled=${pending || this.uploading ? 'true' : 'false'}>
        ${pending ? html`<span class="spinner" aria-hidden="true"></span>${t('submitting')}` : label}
      </button>`;
  }
}
