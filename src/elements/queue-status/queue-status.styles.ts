import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .bar {
    display: flex;
    align-items: center;
    gap: 10px;
    border-block-start: 1px solid var(--_border);
    border-radius: 0;
    font-size: 13px;
  }
  .text {
    flex: 1;
    min-inline-size: 0;
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 2px;
  }
  .chip {
    flex: none;
    border-color: currentColor;
    background: none;
    color: inherit;
  }
`;
