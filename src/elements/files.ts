import { css, html, nothing } from 'lit';
import { safeHref } from '../core/rich-text.js';
import type { Attachment } from '../core/types.js';

/** Attached files as links, images with a thumbnail: in messages and in ticket threads. */
export const files = (list: Attachment[]) =>
  html`<ul class="files">
    ${list.map((file) => {
      const href = file?.url ? safeHref(file.url) : undefined;
      const image = href && /^https?:/.test(href) && /^image\//.test(file.type);
      const label = html`${image ? html`<img src=${href} alt="" loading="lazy" />` : nothing}<span
          >${file?.name}</span
        >`;
      return html`<li>
        ${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${label}</a>` : label}
      </li>`;
    })}
  </ul>`;

/**
 * The images of a paste, or none when text came with them: office apps put a picture of copied text next to
 * the text itself, and the text is what was meant.
 */
export const pastedImages = (data: DataTransfer | null): File[] =>
  !data || data.types.includes('text/plain') ? [] : Array.from(data.files).filter((f) => f.type.startsWith('image/'));

export const filesStyles = css`
  .files a,
  .files li > span {
    display: flex;
    flex-direction: column;
    gap: 2px;
    color: var(--_link);
    font-size: 12px;
  }
  .files img {
    inline-size: 120px;
    block-size: 90px;
    border: 1px solid var(--_border);
    border-radius: 8px;
  }
`;
