import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  section {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  h3 {
    font-size: 14px;
  }
  .continue,
  .entry {
    display: flex;
    flex-direction: column;
    gap: 2px;
    inline-size: 100%;
    min-inline-size: 0;
    padding: 12px;
    text-align: start;
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  .continue {
    border-inline-start: 3px solid var(--_brand);
  }
  .entries {
    gap: 0;
    overflow: hidden;
  }
  .entries li + li {
    border-block-start: 1px solid var(--_border);
  }
  .entry {
    background: none;
    border: 0;
  }
  .entry:hover {
    background: var(--_surface-2);
  }
  .row {
    display: flex;
    align-items: center;
    gap: 6px;
    min-inline-size: 0;
  }
  .row strong {
    flex: 1;
  }
  .badge.done {
    background: var(--_surface-2);
    color: var(--_muted);
  }
  .unread {
    background: var(--_brand);
    color: var(--_on-brand);
  }
  .search {
    inline-size: 100%;
    min-block-size: 40px;
    padding: 8px 12px;
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
`;
