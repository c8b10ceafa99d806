/**
 * Attachments on the workbench: the files of a message or a ticket as links (images with a thumbnail), and,
 * for a reply being written, the Attach button and the chips of the files attached to it. Names are the
 * customer's or the agent's file names, rendered as text only.
 */
import { css, html, nothing } from 'lit';
import type { Attachment } from '../core/types.js';
import { ATTACHMENT_ACCEPT } from '../core/validate.js';
import { pastedImages } from '../elements/files.js';
import type { DeskElement } from './base.js';
import { safeUrl } from './format.js';

/** Files sent with a message or a ticket: images show themselves, other files are links; no URL, the name. */
export const attachmentList = (list: Attachment[] | undefined) =>
  list?.length
    ? html`<div class="row">
        ${list.map((a) => {
          const url = safeUrl(a.url);
          if (!url) return html`<span class="pre muted">${a.name}</span>`;
          return a.type?.startsWith('image/')
            ? html`<a href=${url} target="_blank" rel="noopener noreferrer"><img src=${url} alt=${a.name} /></a>`
            : html`<a href=${url} target="_blank" rel="noopener noreferrer" class="pre">${a.name}</a>`;
        })}
      </div>`
    : nothing;

/**
 * The Attach button and the file input it opens. The input stays hidden: the button is what a keyboard and
 * a screen reader meet, and it says what it does.
 */
export const attachButton = (host: DeskElement, reply: string) =>
  html`<button
      part="attach"
      class="button"
      type="button"
      @click=${(e: Event) => ((e.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement).click()}
    >
      ${host.t('attach')}
    </button>
    <input
      type="file"
      multiple
      hidden
      accept=${ATTACHMENT_ACCEPT}
      @change=${(e: Event) => {
        const input = e.target as HTMLInputElement;
        host.desk.files.add(reply, Array.from(input.files ?? []));
        // The same file can be chosen again after it was removed.
        input.value = '';
      }}
    />`;

/** A reply field's paste listener: images pasted (without text) are attached to the reply. */
export const pasteInto = (host: DeskElement, reply: string) => (event: ClipboardEvent) => {
  const images = pastedImages(event.clipboardData);
  if (!images.length) return;
  event.preventDefault();
  host.desk.files.add(reply, images);
};

/** Why sending waits, or '' when the reply's files are all uploaded. */
export const filesBlocking = (host: DeskElement, reply: string): string => {
  const files = host.desk.files.$files.get()[reply]?.files ?? [];
  if (files.some((f) => f.status === 'failed')) return host.t('filesFailed');
  return files.some((f) => f.status === 'uploading') ? host.t('uploadsPending') : '';
};

/** Whether the reply has any file attached. */
export const hasFiles = (host: DeskElement, reply: string): boolean =>
  Boolean(host.desk.files.$files.get()[reply]?.files.length);

/**
 * The files attached to a reply, as chips: the name, the upload's progress, Retry when it failed, and remove;
 * under them, why files were refused. The alert region is always there, so that a refusal is announced.
 */
export const fileChips = (host: DeskElement, reply: string) => {
  const { t, desk } = host;
  const { files = [], refused = [] } = desk.files.$files.get()[reply] ?? {};
  return html`${
      files.length
        ? html`<ul part="files" class="files" aria-label=${t('attachedFiles')}>
            ${files.map(
              (f) =>
                html`<li part="file" class="file ${f.status}">
                  <span class="ellipsis pre" title=${f.name}>${f.name}</span>
                  ${
                    f.status === 'uploading'
                      ? html`<progress
                          max="1"
                          .value=${f.progress}
                          aria-label=${t('uploadingFile', { name: f.name })}
                        ></progress>`
                      : f.status === 'failed'
                        ? html`<span class="error">${t('uploadFailed')}</span>
                            <button
                              class="link"
                              type="button"
                              aria-label=${t('retryFile', { name: f.name })}
                              @click=${() => desk.files.retry(reply, f.key)}
                            >
                              ${t('retry')}
                            </button>`
                        : html`<span class="visually-hidden">${t('fileReady')}</span>`
                  }
                  <button
                    class="icon-button"
                    type="button"
                    aria-label=${t('remove', { name: f.name })}
                    @click=${() => desk.files.remove(reply, f.key)}
                  >
                    ×
                  </button>
                </li>`,
            )}
          </ul>`
        : nothing
    }
    <div class="error" role="alert">${refused.map((p) => html`<p class="pre">${t(p.key, p.params)}</p>`)}</div>`;
};

/** The chips' looks, for the elements that show them. */
export const fileChipStyles = css`
  .files {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-block-start: 6px;
  }
  .file {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    max-inline-size: 100%;
    padding-inline-start: 10px;
    border: 1px solid var(--_border);
    border-radius: 16px;
    background: var(--_surface);
    font-size: 13px;
  }
  .file > .ellipsis {
    max-inline-size: 220px;
  }
  .file.failed {
    border-color: var(--_danger);
  }
  .file progress {
    inline-size: 64px;
  }
  .file .link {
    align-self: center;
  }
`;
