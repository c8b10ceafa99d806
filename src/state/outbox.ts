import type { WritableAtom } from 'nanostores';
import { AdapterError, toAdapterError, type SendReceipt } from '../core/adapter.js';
import type { PendingMessage } from './conversation.js';

/** Backoff of the outbox; all in milliseconds except `maxAttempts`. */
export interface RetryOptions {
  baseMs?: number;
  maxMs?: number;
  /** Attempts per message before it is marked failed. Attempts while offline do not count. */
  maxAttempts?: number;
}

export interface OutboxIO {
  send(message: PendingMessage, signal: AbortSignal): Promise<SendReceipt>;
  sent(message: PendingMessage, receipt: SendReceipt): void;
  failed(message: PendingMessage, error: AdapterError): void;
  online(): boolean;
  random(): number;
}

/** Exponential backoff with full jitter: a random wait up to `base · 2^attempt`, capped. */
export const backoff = (attempt: number, baseMs: number, maxMs: number, random: () => number) =>
  random() * Math.min(maxMs, baseMs * 2 ** attempt);

/**
 * Sends the `sending` messages of `$queue` one at a time, oldest first. One at a time because
 * a message written before the conversation exists must land in the conversation its predecessor
 * creates, and because the server numbers messages in arrival order.
 */
export const createOutbox = ($queue: WritableAtom<PendingMessage[]>, io: OutboxIO, options: RetryOptions = {}) => {
  const { baseMs = 500, maxMs = 30_000, maxAttempts = 6 } = options;
  let running: AbortSignal | undefined;
  let wake = () => {};

  const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done);
      wake = done;
    });

  return {
    /** Starts sending unless a run for the same signal is already going; resolves when that run ends. */
    async flush(signal: AbortSignal) {
      if (running === signal) return;
      running = signal;
      let attempts = 0;
      let last: string | undefined;
      try {
        for (let m; !signal.aborted && (m = $queue.get().find((m) => m.delivery === 'sending'));) {
          if (m.clientId !== last) [attempts, last] = [0, m.clientId];
          let result: SendReceipt | AdapterError;
          try {
            result = await io.send(m, signal);
          } catch (error) {
            result = toAdapterError(error);
          }
          if (signal.aborted) break;
          if (!(result instanceof AdapterError)) io.sent(m, result);
          else if (!result.retryable || (io.online() && ++attempts >= maxAttempts)) io.failed(m, result);
          // Offline, wait for the 'online' event (which wakes us) rather than spend attempts.
          else await sleep(io.online() ? backoff(attempts, baseMs, maxMs, io.random) : maxMs, signal);
        }
      } finally {
        if (running === signal) running = undefined;
      }
    },
    /** Cuts a backoff wait short (back online, or the customer tapped retry). */
    wake: () => wake(),
  };
};
