import { css } from 'lit';

/**
 * Rules every element inside the panel shares. Lit adopts this one stylesheet in each shadow root, so
 * the common looks (chips, cards, banners, badges, form controls, the focus ring) cost their bytes once
 * and look the same on every screen. Colours come only from the `--_*` variables.
 */
export const shared = css`
  /* Explicit on every node: the panel's "all: initial" resets what elements would otherwise inherit. */
  :host,
  *,
  ::before,
  ::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  p,
  ul,
  ol,
  h2,
  h3 {
    margin: 0;
  }
  ul,
  ol {
    padding-inline-start: 20px;
  }
  /* A list with a class is layout; one without is content and keeps its markers. */
  ul[class] {
    padding: 0;
    list-style: none;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  :disabled {
    opacity: 0.6;
    cursor: default;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .ellipsis {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .muted {
    color: var(--_muted);
    font-size: 13px;
  }
  .error {
    color: var(--_danger);
    font-size: 13px;
  }
  .req {
    margin-inline-start: 2px;
    color: var(--_danger);
  }
  .chips,
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    font-size: 13px;
  }
  .meta {
    gap: 4px 12px;
  }
  .chip {
    min-block-size: 32px;
    max-inline-size: 100%;
    padding: 4px 12px;
    border: 1px solid var(--_border);
    border-radius: 16px;
    background: var(--_surface);
    color: var(--_text);
    font-size: 13px;
    text-align: start;
    overflow-wrap: anywhere;
  }
  .chip:hover {
    filter: brightness(0.96);
  }
  .primary,
  [aria-pressed='true'] {
    border-color: var(--_brand);
    background: var(--_brand);
    color: var(--_on-brand);
  }
  .icon-button {
    flex: none;
    display: inline-grid;
    place-items: center;
    inline-size: 32px;
    block-size: 32px;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: none;
    font-size: 20px;
    line-height: 1;
  }
  .link {
    align-self: flex-start;
    min-block-size: 32px;
    padding: 4px 0;
    border: 0;
    background: none;
    color: var(--_link);
    text-decoration: underline;
  }
  .card {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .banner {
    padding: 10px 12px;
    border-radius: var(--_radius);
    background: var(--_info-bg);
    color: var(--_info-text);
    overflow-wrap: anywhere;
  }
  .badge {
    flex: none;
    padding: 1px 8px;
    border-radius: 10px;
    background: var(--_info-bg);
    color: var(--_info-text);
    font-size: 12px;
    font-weight: 400;
  }
  /* An order summary (order.ts), in the hall and in the conversation. */
  .order-top {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .order-title {
    flex: 1;
    font-weight: 600;
  }
  .order-top .badge {
    max-inline-size: 40%;
  }
  .unpaid,
  .refunding {
    background: var(--_warning-bg);
    color: var(--_warning-text);
  }
  .cancelled,
  .completed {
    background: var(--_surface-2);
    color: var(--_muted);
  }
  .amount {
    margin-inline-start: auto;
    color: var(--_text);
    font-weight: 600;
  }
  .warning {
    background: var(--_warning-bg);
    color: var(--_warning-text);
  }
  .critical {
    background: var(--_critical-bg);
    color: var(--_critical-text);
  }
  /* The radio and file inputs stay native but hidden; their labels are what shows. */
  select,
  textarea,
  input:not(.visually-hidden) {
    inline-size: 100%;
    min-block-size: 40px;
    padding: 8px 10px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
    color: var(--_text);
    /* 16px or more, so that iOS does not zoom in on focus. */
    font: 16px/1.4 var(--_font);
  }
  textarea {
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .spinner {
    display: inline-block;
    flex: none;
    inline-size: 1em;
    block-size: 1em;
    vertical-align: -2px;
    border: 2px solid;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.9s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
    }
  }
`;
