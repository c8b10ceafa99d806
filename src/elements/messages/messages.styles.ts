import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    block-size: 100%;
  }
  .main {
    position: relative;
    flex: 1;
    min-block-size: 0;
  }
  .scroller {
    block-size: 100%;
    overflow-y: auto;
    overscroll-behavior: contain;
    /* The scroll position is kept by hand (see #settle), the same way in every browser. */
    overflow-anchor: none;
  }
  .scroller:focus-visible {
    outline-offset: -3px;
  }
  .log {
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding: 12px;
  }
  .row {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    max-inline-size: 88%;
  }
  .first {
    margin-block-start: 6px;
  }
  .customer {
    align-self: flex-end;
  }
  .stack {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 4px;
    min-inline-size: 0;
  }
  .customer .stack {
    align-items: flex-end;
  }
  .name,
  .foot,
  .day,
  .system {
    color: var(--_muted);
    font-size: 12px;
  }
  .bubble {
    padding: 8px 12px;
    border: 1px solid var(--_border);
    border-radius: 16px;
    border-end-start-radius: 4px;
    background: var(--_surface);
    overflow-wrap: anywhere;
  }
  .customer .bubble {
    border-color: var(--_brand);
    background: var(--_brand);
    color: var(--_on-brand);
    border-end-start-radius: 16px;
    border-end-end-radius: 4px;
  }
  /* The small status icons need a heavier line to read at 14px. */
  svg {
    stroke-width: 2.4;
  }
  .plain {
    white-space: pre-wrap;
  }
  .avatar {
    flex: none;
    align-self: flex-start;
    display: grid;
    place-items: center;
    inline-size: 28px;
    block-size: 28px;
    margin-block-start: 20px;
    border-radius: 50%;
    overflow: hidden;
    background: var(--_info-bg);
    color: var(--_info-text);
    font-size: 13px;
    font-weight: 700;
  }
  .avatar:empty {
    background: none;
  }
  img {
    object-fit: cover;
  }
  .avatar img {
    inline-size: 100%;
    block-size: 100%;
  }
  .foot {
    justify-content: flex-end;
    gap: 4px 8px;
  }
  .delivery {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .sent {
    color: var(--_success);
  }
  .failed {
    color: var(--_danger);
  }
  .system {
    align-self: center;
    max-inline-size: 90%;
    padding: 4px 10px;
    border-radius: 10px;
    background: var(--_surface);
    text-align: center;
    overflow-wrap: anywhere;
  }
  .empty {
    margin-block: 24px;
    padding: 12px 16px;
    font-size: 14px;
  }
  .day {
    display: flex;
    align-items: center;
    gap: 8px;
    margin-block: 8px 2px;
  }
  .day::before,
  .day::after {
    content: '';
    flex: 1;
    border-block-start: 1px solid var(--_border);
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: 6px;
    inline-size: 100%;
    min-inline-size: 220px;
    padding: 10px 12px;
    overflow-wrap: anywhere;
  }
  .title {
    display: flex;
    align-items: center;
    gap: 6px;
    font-weight: 600;
  }
  .title span:first-child {
    flex: 1;
  }
  .clamp {
    max-block-size: 63px;
    overflow: hidden;
  }
  .ok .title {
    color: var(--_success);
  }
  .fail {
    border-color: var(--_danger);
  }
  .fail .title {
    color: var(--_danger);
  }
  .result ul {
    font-size: 13px;
  }
  .center {
    align-self: center;
  }
  .jump {
    position: absolute;
    inset-block-end: 12px;
    inset-inline: 0;
    inline-size: max-content;
    margin-inline: auto;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
  }
  .typing {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .dots {
    display: inline-flex;
    gap: 3px;
    padding: 8px 10px;
    border-radius: 12px;
    background: var(--_surface);
  }
  .dots span {
    inline-size: 6px;
    block-size: 6px;
    border-radius: 50%;
    background: var(--_muted);
    animation: blink 1.2s infinite ease-in-out;
  }
  .dots span:nth-child(2) {
    animation-delay: 0.2s;
  }
  .dots span:nth-child(3) {
    animation-delay: 0.4s;
  }
  @keyframes blink {
    0%,
    80%,
    100% {
      opacity: 0.3;
    }
    40% {
      opacity: 1;
    }
  }
`;
