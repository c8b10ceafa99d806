import { css } from 'lit';

/** The receipt's ticket number, on top of the shared form styles. */
export const styles = css`
  code {
    font:
      600 16px/1.4 ui-monospace,
      monospace;
    user-select: all;
  }
`;
