import { css } from 'lit';

export const styles = css`
  .thread {
    display: flex;
    flex-direction: column;
    gap: 12px;
    padding: 16px;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 8px;
    font-size: 14px;
  }
  .grow {
    flex: 1;
  }
  .entries {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .entry {
    max-inline-size: 85%;
    padding: 8px 12px;
    border-radius: var(--_radius);
    background: var(--_surface-2);
  }
  .entry.mine {
    align-self: flex-end;
    background: var(--_info-bg);
    color: var(--_info-text);
  }
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .prompt {
    padding: 12px;
  }
  .form {
    padding: 0;
  }
`;
