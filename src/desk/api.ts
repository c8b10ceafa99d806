/** The desk API over `fetch`, same origin: the session cookie goes with every request by itself. */

/** A failed desk call: the server's error code, or `network` / `bad_response` when there was no usable answer. */
export class DeskError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DeskError';
  }
}

export interface DeskApi {
  /** A JSON call under the API base; `undefined` for `204`. Throws {@link DeskError}. */
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** The absolute URL of a path under the API base. */
  url(path: string): string;
}

const errorOf = (status: number, body: unknown): DeskError => {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return new DeskError(
    status,
    typeof error?.code === 'string' ? error.code : 'bad_response',
    typeof error?.message === 'string' ? error.message : `HTTP ${status}`,
  );
};

/** A client for the desk API at `base` (default `/api/desk/`). */
export const createDeskApi = (base = '/api/desk/', fetcher: typeof fetch = (...args) => fetch(...args)): DeskApi => {
  const root = base.endsWith('/') ? base : `${base}/`;
  const url = (path: string) => root + path;
  return {
    url,
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      let response: Response;
      try {
        response = await fetcher(url(path), {
          method,
          credentials: 'same-origin',
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        });
      } catch (cause) {
        throw new DeskError(0, 'network', String((cause as Error)?.message ?? cause));
      }
      if (response.status === 204) return undefined as T;
      let parsed: unknown;
      try {
        parsed = await response.json();
      } catch {
        throw new DeskError(response.status, 'bad_response', `HTTP ${response.status}: not JSON`);
      }
      if (!response.ok) throw errorOf(response.status, parsed);
      if (parsed === null || typeof parsed !== 'object') {
        throw new DeskError(response.status, 'bad_response', 'The answer is not an object');
      }
      return parsed as T;
    },
  };
};

/** One server-sent event. */
export interface StreamEvent {
  event: string;
  data: unknown;
}

/**
 * Reads `/api/desk/events` with `fetch` rather than `EventSource`, for two things EventSource hides: the
 * status of a refused stream (401 means sign in again) and the `: ping` comments, which tell a live stream
 * from a silently dead one. Resolves when the stream ends; rejects with a DeskError when it is refused.
 */
export const readEvents = async (
  api: DeskApi,
  onEvent: (event: StreamEvent) => void,
  onAlive: () => void,
  signal: AbortSignal,
  fetcher: typeof fetch = (...args) => fetch(...args),
): Promise<void> => {
  let response: Response;
  try {
    response = await fetcher(api.url('events'), {
      headers: { accept: 'text/event-stream' },
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    throw new DeskError(0, 'network', String((cause as Error)?.message ?? cause));
  }
  if (!response.ok || !response.body) {
    throw errorOf(response.status, await response.json().catch(() => null));
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    onAlive();
    buffer += value;
    let end: number;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (!data.length) continue;
      try {
        onEvent({ event, data: JSON.parse(data.join('\n')) });
      } catch {
        // A malformed event is skipped; the next reconnection reads the state again.
      }
    }
  }
};
