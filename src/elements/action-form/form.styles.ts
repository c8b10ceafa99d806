import { css } from 'lit';

/** Layout of the action and ticket forms and their result card, on top of the shared controls. */
export const styles = css`
  :host {
    display: block;
  }
  .form {
    display: flex;
    flex-direction: column;
    gap: 14px;
    padding: 16px;
  }
  h3 {
    font-size: 16px;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  label {
    font-weight: 600;
  }
  .count {
    align-self: flex-end;
  }
  .failure:empty {
    display: none;
  }
  /* The form's own buttons are its main actions: larger than the chips elsewhere. */
  .chip {
    min-block-size: 40px;
    padding-inline: 16px;
    font-size: 14px;
  }
  [aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  .spinner {
    margin-inline-end: 8px;
  }
  .result {
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 14px;
    border-inline-start: 4px solid var(--_success);
    overflow-wrap: anywhere;
  }
  .mark {
    font-weight: 700;
    color: var(--_success);
  }
  .fail {
    border-inline-start-color: var(--_danger);
  }
  .fail .mark {
    color: var(--_danger);
  }
  .result ul {
    color: var(--_muted);
    font-size: 13px;
  }
`;
