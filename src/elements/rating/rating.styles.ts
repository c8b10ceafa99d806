import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .rating {
    display: flex;
    flex-direction: column;
    gap: 12px;
    padding: 14px;
  }
  .thanks {
    text-align: center;
    font-weight: 600;
  }
  .stars {
    display: flex;
    gap: 4px;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    margin-block-end: 6px;
    padding: 0;
    font-weight: 700;
  }
  .stars label {
    display: grid;
    place-items: center;
    inline-size: 40px;
    block-size: 40px;
    border-radius: 8px;
    color: var(--_border);
    cursor: pointer;
  }
  .stars svg {
    fill: currentColor;
    stroke: var(--_muted);
    stroke-width: 1;
  }
  .stars .on {
    color: var(--_brand);
  }
  :focus-visible + label {
    outline: 3px solid var(--_focus);
    outline-offset: 1px;
  }
  .comment {
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .end {
    justify-content: flex-end;
  }
`;
