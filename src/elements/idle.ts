/**
 * Runs `task` when the page is idle (or in 1.5 s where there is no idle callback). Returns what cancels it:
 * harmless once it has run.
 */
export const whenIdle = (task: () => void): (() => void) => {
  const id = (globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 1500)))(task) as number;
  return () => (globalThis.cancelIdleCallback ?? clearTimeout)(id);
};

/** Resolves in a task of its own: what comes after it is not part of the task that is running now. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));
