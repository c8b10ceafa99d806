import { toAdapterError, type TrackedEvent } from '../core/adapter.js';

/** Events kept for a later try when `track` fails; analytics must never grow without bound. */
const KEEP = 100;

/**
 * Batches tracked events to `send` every `intervalMs` and on {@link Tracker.flush}
 * (page hide), so that a burst of signals costs one request.
 */
export const createTracker = (
  send: (events: TrackedEvent[]) => Promise<void>,
  now: () => number,
  intervalMs = 5000,
) => {
  let queue: TrackedEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = queue;
    queue = [];
    if (batch.length) {
      send(batch).catch((error: unknown) => {
        if (toAdapterError(error).retryable) queue = [...batch, ...queue].slice(-KEEP);
      });
    }
  };
  return {
    add(type: string, data?: Record<string, unknown>) {
      queue.push({ type, at: new Date(now()).toISOString(), ...(data && { data }) });
      timer ??= setTimeout(flush, intervalMs);
    },
    flush,
    stop: () => clearTimeout(timer),
  };
};

export type Tracker = ReturnType<typeof createTracker>;
