/**
 * Runs `task` when the page is idle (or in 1.5 s where there is no idle callback). Returns what cancels it:
 * harmless once it has run.
 */
export const whenIdle = (task: () => void): (() => void) => {
  const id = (globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 1500)))(task) as number;
  return () => (globalThis.cancelIdleCallback ?? clearTimeout)(id);
};
