import { css } from 'lit';

export const styles = css`
  :host {
    /* Nothing of the host page's inherited text styles gets in; then our own box model again. */
    all: initial;
    box-sizing: border-box;
    position: fixed;
    z-index: var(--_z);
    inset-block-end: calc(var(--_offset-y) + 68px + env(safe-area-inset-bottom, 0px));
    inset-inline-end: calc(var(--_offset-x) + env(safe-area-inset-right, 0px));
    inline-size: min(380px, calc(100vw - 2 * var(--_offset-x)));
    block-size: min(640px, calc(100dvh - var(--_offset-y) - 96px));
    display: block;
    font: 14px/1.5 var(--_font);
    color: var(--_text);
    text-align: start;
    -webkit-text-size-adjust: 100%;
  }
  :host([position='left']) {
    inset-inline-end: auto;
    inset-inline-start: calc(var(--_offset-x) + env(safe-area-inset-left, 0px));
  }
  :host([mode='inline']) {
    position: relative;
    inset: auto;
    inline-size: 100%;
    block-size: 100%;
    min-block-size: 480px;
    z-index: auto;
  }
  :host([mode='fullscreen']) {
    inset: var(--_viewport-top, 0px) 0 auto 0;
    inline-size: auto;
    block-size: var(--_viewport-height, 100dvh);
  }
  .panel {
    display: flex;
    flex-direction: column;
    block-size: 100%;
    overflow: hidden;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.22);
    outline: none;
    animation: rise 0.18s ease-out;
  }
  :host([mode='fullscreen']) .panel {
    border-radius: 0;
    border: 0;
    padding-block-start: env(safe-area-inset-top, 0px);
    padding-inline: env(safe-area-inset-left, 0px) env(safe-area-inset-right, 0px);
  }
  :host([mode='inline']) .panel {
    box-shadow: none;
    animation: none;
  }
  @keyframes rise {
    from {
      opacity: 0;
      transform: translateY(12px);
    }
  }
  /* Phones: the panel becomes the whole screen. */
  @media (max-width: 639.98px) {
    :host(:not([mode='inline'])) {
      inset: var(--_viewport-top, 0px) 0 auto 0;
      inline-size: auto;
      block-size: var(--_viewport-height, 100dvh);
    }
    :host(:not([mode='inline'])) .panel {
      border-radius: 0;
      border: 0;
      padding-block-start: env(safe-area-inset-top, 0px);
    }
  }
  .header {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 12px 12px 12px 16px;
    background: var(--_brand);
    color: var(--_on-brand);
  }
  .heading {
    flex: 1;
    min-inline-size: 0;
  }
  h2 {
    font-size: 16px;
  }
  .status {
    font-size: 12px;
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .dot {
    inline-size: 8px;
    block-size: 8px;
    border-radius: 50%;
    background: currentColor;
    opacity: 0.5;
  }
  .dot.on {
    opacity: 1;
  }
  .escalate {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    min-block-size: 36px;
    padding: 0 12px;
    border: 1px solid currentColor;
    border-radius: 18px;
    background: none;
    font-weight: 600;
    white-space: nowrap;
  }
  .escalate svg {
    fill: currentColor;
  }
  .icon-button {
    inline-size: 36px;
    block-size: 36px;
  }
  .header :focus-visible {
    outline-color: var(--_on-brand);
    outline-offset: 1px;
  }
  .banner {
    padding: 8px 16px;
    border-radius: 0;
    font-size: 13px;
  }
  .body {
    flex: 1;
    min-block-size: 0;
    overflow: auto;
    overscroll-behavior: contain;
    background: var(--_surface-2);
  }
  /* A screen whose chunk is on its way, or could not load. */
  .pending {
    padding: 24px 16px;
    text-align: center;
  }
  .pending .chip {
    margin-block-start: 12px;
  }
`;
