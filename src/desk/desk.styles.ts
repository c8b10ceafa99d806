import { css } from 'lit';

/** Rules every workbench element shares, on top of the widget's shared sheet; colours only from `--_*`. */
export const deskStyles = css`
  :host {
    display: block;
    color: var(--_text);
    font: 15px/1.5 var(--_font);
  }
  h2 {
    font-size: 16px;
  }
  h3 {
    font-size: 13px;
    font-weight: 600;
    color: var(--_muted);
    text-transform: uppercase;
    letter-spacing: 0.02em;
  }
  .button {
    min-block-size: 36px;
    padding: 6px 14px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
    color: var(--_text);
  }
  .button.primary {
    border-color: var(--_brand);
    background: var(--_brand);
    color: var(--_on-brand);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
  }
  .stack {
    display: grid;
    gap: 8px;
  }
  .pre {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .vip,
  .angry,
  .late {
    background: var(--_critical-bg);
    color: var(--_critical-text);
    font-weight: 600;
  }
  .anxious {
    background: var(--_warning-bg);
    color: var(--_warning-text);
  }
  .empty {
    padding: 16px;
    color: var(--_muted);
  }
  label {
    display: block;
    margin-block-end: 4px;
    font-size: 14px;
    font-weight: 600;
  }
`;
