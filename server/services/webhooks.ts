/**
 * Webhooks to the site's own systems (a CRM, a data warehouse, an on-call pager): one JSON `POST` per event,
 * signed with HMAC-SHA256 so the receiver knows it came from this server, retried with exponential backoff
 * while the receiver is down or overloaded (a network error, 429 or 5xx). Any other answer is final.
 *
 * Headers: `x-service-hall-event` (the type), `x-service-hall-delivery` (one id per event, the same on every
 * retry, so the receiver can drop duplicates), `x-service-hall-timestamp` (Unix seconds) and
 * `x-service-hall-signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">` with the shared secret.
 */
import { createHmac, randomUUID } from 'node:crypto';

export interface WebhookOptions {
  url: string;
  /** The shared secret the receiver checks signatures with. */
  secret: string;
  /** Tries in all, the first included. Default 6 (about 1 min with the default backoff). */
  attempts?: number;
  /** The first wait before a retry; each next one doubles. Default 2 000 ms. */
  backoffMs?: number;
  fetch?: typeof fetch;
  /** Where a delivery that gave up is reported. */
  onFailure?: (event: WebhookEvent, reason: string) => void;
}

export interface WebhookEvent {
  id: string;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

export interface Webhooks {
  /** Sends one event, retrying in the background; resolves true once delivered, false when it gave up. */
  emit(type: string, data: Record<string, unknown>): Promise<boolean>;
  /** Stops waiting retries (on shutdown). */
  close(): void;
}

/** The signature of `body` sent at `timestamp` (Unix seconds): what a receiver recomputes and compares. */
export const signWebhook = (secret: string, timestamp: number, body: string): string =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

const retryable = (status: number) => status === 429 || status >= 500;

export const createWebhooks = (options: WebhookOptions): Webhooks => {
  const attempts = options.attempts ?? 6;
  const backoffMs = options.backoffMs ?? 2000;
  const send = options.fetch ?? ((...args) => fetch(...args));
  // A waiting retry's timer and how to end the wait early (on close).
  const waits = new Map<ReturnType<typeof setTimeout>, () => void>();
  let closed = false;
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        waits.delete(timer);
        resolve();
      }, ms);
      waits.set(timer, resolve);
    });

  return {
    async emit(type, data) {
      const event: WebhookEvent = { id: randomUUID(), type, at: new Date().toISOString(), data };
      const body = JSON.stringify(event);
      let reason = '';
      for (let attempt = 0; attempt < attempts && !closed; attempt++) {
        if (attempt) await wait(backoffMs * 2 ** (attempt - 1));
        if (closed) break;
        // Signed at each try, so that a receiver may refuse old timestamps (replays).
        const timestamp = Math.floor(Date.now() / 1000);
        try {
          const response = await send(options.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-service-hall-event': type,
              'x-service-hall-delivery': event.id,
              'x-service-hall-timestamp': String(timestamp),
              'x-service-hall-signature': signWebhook(options.secret, timestamp, body),
            },
            body,
            signal: AbortSignal.timeout(10_000),
          });
          await response.body?.cancel();
          if (response.ok) return true;
          reason = `HTTP ${response.status}`;
          if (!retryable(response.status)) break;
        } catch (error) {
          reason = String((error as Error)?.message ?? error);
        }
      }
      options.onFailure?.(event, closed ? 'shut down' : reason);
      return false;
    },
    close() {
      closed = true;
      for (const [timer, resolve] of waits) {
        clearTimeout(timer);
        resolve();
      }
      waits.clear();
    },
  };
};

/** Where a server sends its webhooks, and with which secret. */
export interface WebhookTarget {
  url: string;
  secret: string;
  /** Tries in all; default 6. */
  attempts?: number;
  /** The first wait before a retry; default 2 000 ms. */
  backoffMs?: number;
}

/**
 * The webhooks a server's environment asks for (SERVICE_HALL_WEBHOOK_URL), or none; throws when they are asked
 * for without SERVICE_HALL_WEBHOOK_SECRET.
 */
export const webhooksFromEnv = (env: Record<string, string | undefined>): WebhookTarget | undefined => {
  const { SERVICE_HALL_WEBHOOK_URL: url, SERVICE_HALL_WEBHOOK_SECRET: secret } = env;
  if (!url) return undefined;
  // Unsigned events could be forged by anyone who finds the receiver's address.
  if (!secret) throw new Error('SERVICE_HALL_WEBHOOK_SECRET is needed to sign the webhooks');
  return { url, secret };
};
