import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .editor {
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 10px;
  }
  .title {
    font-size: 14px;
    font-weight: 600;
  }
  /* A replaced element with both limits and automatic sizes keeps its aspect ratio, so the box on screen is
     the picture itself and pointer positions map straight to its pixels. */
  canvas {
    align-self: center;
    inline-size: auto;
    block-size: auto;
    max-inline-size: 100%;
    max-block-size: 40vh;
    border: 1px solid var(--_border);
    border-radius: 4px;
    cursor: crosshair;
    touch-action: none;
  }
  .actions {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .spacer {
    flex: 1;
  }
`;
