import { html, nothing, type PropertyValues } from 'lit';
import { centredRect, isDeliberate, nudgeRect, rectBetween, type Rect, type Size } from '../../core/redact.js';
import { ATTACHMENT_MAX_BYTES } from '../../core/validate.js';
import { ShElement } from '../base.js';
import { drawRedacted, screenshotFile } from './capture.js';
import { styles } from './screenshot.styles.js';

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/**
 * The preview of a captured screenshot, where the customer blacks out anything private before it is
 * attached: by dragging over it with a pointer, or with the keyboard (the arrows move a box, Shift and the
 * arrows resize it, Enter blacks it out, Backspace undoes). The blacked-out areas are burnt into the image's
 * pixels. Dispatches `attach` (not bubbling) with the image `File` as `detail`, or `cancel`.
 *
 * @tag sh-screenshot
 * @csspart screenshot - The screenshot editor.
 */
export class ScreenshotElement extends ShElement {
  static override styles = [ShElement.styles, styles];

  static override properties = {
    ...ShElement.properties,
    source: { attribute: false },
    rects: { state: true },
    selection: { state: true },
    drag: { state: true },
    focused: { state: true },
    busy: { state: true },
    failed: { state: true },
  };

  /** The captured frame, at its own resolution. */
  declare source: HTMLCanvasElement;
  declare protected rects: Rect[];
  /** The keyboard's box. */
  declare protected selection: Rect;
  /** The rectangle being dragged, and where the drag started. */
  declare protected drag?: { from: { x: number; y: number }; rect: Rect };
  declare protected focused: boolean;
  declare protected busy: boolean;
  declare protected failed: boolean;

  constructor() {
    super();
    this.rects = [];
    this.selection = { x: 0, y: 0, w: 0, h: 0 };
    this.focused = false;
    this.busy = false;
    this.failed = false;
  }

  get #size(): Size {
    return { width: this.source.width, height: this.source.height };
  }

  get #canvas(): HTMLCanvasElement | null {
    return this.renderRoot.querySelector('canvas');
  }

  override focus(options?: FocusOptions): void {
    this.#canvas?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('source') && this.source) {
      this.rects = [];
      this.selection = centredRect(this.#size);
    }
  }

  protected override firstUpdated(): void {
    // After the update, not inside it: focusing sets `focused`, which would start another update.
    void this.updateComplete.then(() => this.focus());
  }

  protected override updated(): void {
    const canvas = this.#canvas;
    if (!canvas || !this.source) return;
    const shown = [...this.rects, ...(this.drag ? [this.drag.rect] : [])];
    drawRedacted(canvas, this.source, shown);
    if (this.focused && !this.drag) this.#outline(canvas, this.selection);
  }

  /** The keyboard box: a dashed line in black and white, visible on any picture. */
  #outline(canvas: HTMLCanvasElement, r: Rect): void {
    const ctx = canvas.getContext('2d')!;
    // One CSS pixel is this many image pixels: the line keeps its width however the image is scaled.
    const px = canvas.width / (canvas.getBoundingClientRect().width || canvas.width);
    ctx.lineWidth = 2 * px;
    for (const [colour, offset] of [
      ['#fff', 0],
      ['#000', 6 * px],
    ] as const) {
      ctx.strokeStyle = colour;
      ctx.setLineDash([6 * px, 6 * px]);
      ctx.lineDashOffset = offset;
      ctx.strokeRect(r.x, r.y, r.w, r.h);
    }
  }

  /** A pointer position in image pixels. */
  #point(event: PointerEvent): { x: number; y: number } {
    const box = this.#canvas!.getBoundingClientRect();
    return {
      x: ((event.clientX - box.left) * this.source.width) / box.width,
      y: ((event.clientY - box.top) * this.source.height) / box.height,
    };
  }

  #onPointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    // Capture keeps the drag when the pointer leaves the canvas. A pointer that is no longer active cannot be
    // captured (Firefox throws, others ignore it); the drag still works without capture.
    try {
      (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
    } catch {
      /* not capturable */
    }
    const from = this.#point(event);
    this.drag = { from, rect: rectBetween(from, from, this.#size) };
  }

  #onPointerMove(event: PointerEvent): void {
    if (this.drag) this.drag = { ...this.drag, rect: rectBetween(this.drag.from, this.#point(event), this.#size) };
  }

  #onPointerUp(event: PointerEvent): void {
    if (!this.drag) return;
    const rect = rectBetween(this.drag.from, this.#point(event), this.#size);
    this.drag = undefined;
    if (isDeliberate(rect, this.#size)) this.#hide(rect);
  }

  #hide(rect: Rect): void {
    this.rects = [...this.rects, rect];
  }

  #undo(): void {
    this.rects = this.rects.slice(0, -1);
  }

  #onKeydown(event: KeyboardEvent): void {
    const arrow = ARROWS[event.key];
    if (arrow) {
      this.selection = nudgeRect(this.selection, arrow[0], arrow[1], this.#size, event.shiftKey);
    } else if (event.key === 'Enter' || event.key === ' ') {
      this.#hide(this.selection);
    } else if (
      event.key === 'Backspace' ||
      event.key === 'Delete' ||
      (event.key === 'z' && (event.ctrlKey || event.metaKey))
    ) {
      this.#undo();
    } else return;
    event.preventDefault();
  }

  #onEscape(event: KeyboardEvent): void {
    // Escape leaves the editor, not the whole panel.
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.#cancel();
  }

  #cancel(): void {
    this.dispatchEvent(new Event('cancel'));
  }

  async #attach(): Promise<void> {
    this.busy = true;
    this.failed = false;
    try {
      const file = await screenshotFile(this.source, this.rects, 'screenshot', ATTACHMENT_MAX_BYTES);
      this.dispatchEvent(new CustomEvent<File>('attach', { detail: file }));
    } catch {
      this.failed = true;
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    const { t } = this;
    if (!this.source) return nothing;
    return html`<section
      part="screenshot"
      class="card editor"
      aria-labelledby="sh-shot-title"
      @keydown=${this.#onEscape}
    >
      <h2 id="sh-shot-title" class="title">${t('screenshotTitle')}</h2>
      <canvas
        tabindex="0"
        role="application"
        aria-label=${t('screenshotPreview')}
        aria-describedby="sh-shot-help"
        @pointerdown=${this.#onPointerDown}
        @pointermove=${this.#onPointerMove}
        @pointerup=${this.#onPointerUp}
        @pointercancel=${() => (this.drag = undefined)}
        @keydown=${this.#onKeydown}
        @focus=${() => (this.focused = true)}
        @blur=${() => (this.focused = false)}
      ></canvas>
      <p id="sh-shot-help" class="muted hint">${t('screenshotHelp')}</p>
      <p class="visually-hidden" role="status">
        ${this.rects.length ? t('hiddenAreas', { count: this.rects.length }) : ''}
      </p>
      ${this.failed ? html`<p class="error" role="alert">${t('screenshotFailed')}</p>` : nothing}
      <div class="actions">
        <button type="button" class="chip" ?disabled=${!this.rects.length} @click=${this.#undo}>${t('undo')}</button>
        <span class="spacer"></span>
        <button type="button" class="chip" @click=${this.#cancel}>${t('cancel')}</button>
        <button type="button" class="chip primary" ?disabled=${this.busy} @click=${() => void this.#attach()}>
          ${t('attachScreenshot')}
        </button>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-screenshot': ScreenshotElement;
  }
}
