import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    /* Above the screen's content, so that the suggestion list can overlay it. */
    position: relative;
    z-index: 1;
    flex: none;
  }
  .composer {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 8px 12px calc(8px + env(safe-area-inset-bottom, 0px));
    border-block-start: 1px solid var(--_border);
    background: var(--_surface);
  }
  .notices:empty {
    display: none;
  }
  .banner {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .choices {
    background: var(--_surface-2);
    color: var(--_text);
  }
  .field {
    display: flex;
    align-items: flex-end;
    gap: 6px;
  }
  textarea {
    flex: 1;
    min-inline-size: 0;
    /* Five lines, then it scrolls. */
    max-block-size: calc(5 * 24px + 16px);
    padding: 7px 14px;
    border-radius: 20px;
    background: var(--_surface-2);
    font: 16px/24px var(--_font);
    resize: none;
    field-sizing: content;
    overflow-wrap: anywhere;
  }
  textarea::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  textarea:focus {
    border-color: var(--_focus);
  }
  .attach:focus-within {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .field .icon-button {
    inline-size: 40px;
    block-size: 40px;
    color: var(--_muted);
    cursor: pointer;
  }
  .field .send {
    background: var(--_brand);
    color: var(--_on-brand);
  }
  .field .send:disabled {
    background: var(--_surface-2);
    color: var(--_muted);
  }
  .send svg {
    fill: currentColor;
  }
  /* The arrow points the way text runs. */
  :host(:dir(rtl)) .send svg {
    transform: scaleX(-1);
  }
  /* Above the whole composer, so that it never hides a notice or the chips. */
  .listbox {
    position: absolute;
    inset-inline: 12px;
    inset-block-end: calc(100% + 4px);
    max-block-size: min(320px, 50vh);
    overflow-y: auto;
    padding: 4px;
    box-shadow: 0 -6px 20px rgb(0 0 0 / 0.14);
  }
  .option {
    display: flex;
    align-items: baseline;
    gap: 8px;
    min-block-size: 40px;
    padding: 8px 10px;
    border-radius: 8px;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .option:hover {
    background: var(--_surface-2);
  }
  [aria-selected='true'] {
    background: var(--_info-bg);
    color: var(--_info-text);
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  .kind {
    flex: none;
    font-size: 12px;
  }
  [aria-selected='true'] .kind {
    color: inherit;
  }
  mark {
    background: none;
    color: inherit;
    font-weight: 700;
    text-decoration: underline;
    text-underline-offset: 3px;
  }
  .upload {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    max-inline-size: 100%;
    padding-inline-start: 12px;
    border: 1px solid var(--_border);
    border-radius: 16px;
    background: var(--_surface-2);
  }
  .counter {
    text-align: end;
  }
`;
