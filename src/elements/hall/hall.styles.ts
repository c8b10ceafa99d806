import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .hall {
    display: flex;
    flex-direction: column;
    gap: 16px;
    padding: 16px;
  }
  h3 {
    margin-block-end: 8px;
    font-size: 14px;
  }
  .greeting {
    font-size: 16px;
    font-weight: 600;
  }
  .list {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .order {
    display: flex;
    flex-direction: column;
    gap: 4px;
    min-inline-size: 0;
    padding: 12px;
  }
  .chips {
    margin-block-start: 6px;
  }
  .questions {
    gap: 0;
    overflow: hidden;
  }
  .questions li + li {
    border-block-start: 1px solid var(--_border);
  }
  .question {
    display: block;
    inline-size: 100%;
    min-block-size: 44px;
    padding: 10px 12px;
    border: 0;
    background: none;
    text-align: start;
    overflow-wrap: anywhere;
  }
  .question:hover,
  .tile:hover {
    filter: brightness(0.96);
  }
  .tiles {
    display: grid;
    grid-template-columns: repeat(3, 1fr);
    gap: 8px;
  }
  .tile {
    inline-size: 100%;
    min-block-size: 72px;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 4px;
    padding: 8px 4px;
    font-size: 13px;
    text-align: center;
    overflow-wrap: anywhere;
  }
  .tile svg {
    color: var(--_brand);
  }
  .banner {
    display: flex;
    align-items: flex-start;
    gap: 8px;
  }
  .grow {
    flex: 1;
    min-inline-size: 0;
  }
  .empty {
    padding: 16px;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_muted);
    text-align: center;
  }
  .empty .chip {
    margin-block-start: 12px;
  }
  .skeleton {
    display: flex;
    flex-direction: column;
    gap: 12px;
  }
  .skeleton div {
    block-size: 72px;
    border-radius: var(--_radius);
    background: linear-gradient(90deg, var(--_surface) 25%, var(--_border) 50%, var(--_surface) 75%) 0 0 / 200% 100%;
    animation: shimmer 1.2s linear infinite;
  }
  @keyframes shimmer {
    to {
      background-position: -200% 0;
    }
  }
`;
