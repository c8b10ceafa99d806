import { html, nothing, type PropertyValues } from 'lit';
import { parseRichText, type Block, type Inline } from '../../core/rich-text.js';
import { ShElement } from '../base.js';
import { styles } from './rich-text.styles.js';

const inline = (piece: Inline) => {
  if (piece.kind === 'br') return html`<br />`;
  const content =
    piece.kind === 'link'
      ? html`<a href=${piece.href} target="_blank" rel="noopener noreferrer">${piece.text}</a>`
      : piece.text;
  return piece.bold ? html`<strong>${content}</strong>` : content;
};

const block = (b: Block) => {
  if (b.kind === 'p') return html`<p>${b.content.map(inline)}</p>`;
  const items = b.items.map((item) => html`<li>${item.map(inline)}</li>`);
  return b.kind === 'ul'
    ? html`<ul>
        ${items}
      </ul>`
    : html`<ol start=${b.start === 1 ? nothing : b.start}>
        ${items}
      </ol>`;
};

/**
 * Remote text in the safe formatting subset (paragraphs, line breaks, `**bold**`, lists, http(s),
 * mailto and tel links), built from parsed tokens with Lit templates: anything else shows as text.
 *
 * @tag sh-rich-text
 */
export class RichTextElement extends ShElement {
  static override styles = [ShElement.styles, styles];

  static override properties = { ...ShElement.properties, text: { attribute: false } };

  /** The text to show. */
  declare text: string;

  #blocks: Block[] = [];

  constructor() {
    super();
    this.text = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('text')) this.#blocks = parseRichText(this.text);
  }

  protected override render() {
    return this.#blocks.map(block);
  }
}
