import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    overflow-wrap: anywhere;
  }
  * + p,
  * + ul,
  * + ol {
    margin-block-start: 8px;
  }
  a {
    color: var(--_link);
  }
  a:focus-visible {
    outline-offset: 1px;
    border-radius: 2px;
  }
`;
