import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .drop label {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 8px;
    min-block-size: 56px;
    padding: 8px 12px;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-2);
    cursor: pointer;
  }
  .drop svg {
    color: var(--_brand);
  }
  .over label {
    border-style: solid;
    border-color: var(--_brand);
  }
  .drop:focus-within label {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  [aria-invalid='true'] + label {
    border-color: var(--_danger);
  }
  .label {
    font-weight: 600;
  }
  .hint {
    flex-basis: 100%;
  }
  .items {
    display: flex;
    flex-direction: column;
    gap: 6px;
    margin-block-start: 8px;
  }
  .item {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 4px;
  }
  .item.failed {
    border-color: var(--_danger);
  }
  img,
  .thumb {
    flex: none;
    display: grid;
    place-items: center;
    inline-size: 44px;
    block-size: 44px;
    border-radius: 6px;
    object-fit: cover;
    background: var(--_surface-2);
    color: var(--_muted);
  }
  .info {
    flex: 1;
    min-inline-size: 0;
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 13px;
  }
  progress {
    inline-size: 100%;
    block-size: 6px;
    accent-color: var(--_brand);
  }
  .error:not(:empty) {
    margin-block-start: 4px;
  }
`;
