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
  /**
   * Posts `file` as the multipart field `file` and answers the JSON object back; `onProgress` gets the share
   * sent (0 to 1) as it goes. Aborted by `signal` (an `AbortError`). Throws {@link DeskError}.
   */
  upload<T>(path: string, file: File, onProgress: (ratio: number) => void, signal: AbortSignal): Promise<T>;
}

const errorOf = (status: number, body: unknown): DeskError => {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return new DeskError(
    status,
    typeof error?.code === 'string' ? error.code : 'bad_response',
    typeof error?.message === 'string' ? error.message : `HTTP ${status}`,
  );
};

/** A parsed answer: the object, or the DeskError it stands for. */
const answerOf = <T>(status: number, ok: boolean, parsed: unknown): T => {
  if (!ok) throw errorOf(status, parsed);
  if (parsed === null || typeof parsed !== 'object')
    throw new DeskError(status, 'bad_response', 'The answer is not an object');
  return parsed as T;
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * An upload through XMLHttpRequest: `fetch` cannot tell how much of a request body has gone (streamed request
 * bodies need HTTP/2 and `duplex`, which Firefox and Safari lack), and a 10 MB file on a slow link needs a bar.
 */
const sendWithProgress = (
  url: string,
  body: FormData,
  onProgress: (ratio: number) => void,
  signal: AbortSignal,
): Promise<{ status: number; text: string }> =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable && e.total) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => resolve({ status: xhr.status, text: xhr.responseText }));
    xhr.addEventListener('error', () => reject(new DeskError(0, 'network', 'The upload did not reach the server')));
    xhr.addEventListener('abort', () => reject(new DOMException('The upload was cancelled', 'AbortError')));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });

/**
 * A client for the desk API at `base` (default `/api/desk/`). With `custom` (tests, stories, a proxy), every
 * request goes through it, uploads included: they then report progress only when done.
 */
export const createDeskApi = (base = '/api/desk/', custom?: typeof fetch): DeskApi => {
  const fetcher: typeof fetch = custom ?? ((...args) => fetch(...args));
  const root = base.endsWith('/') ? base : `${base}/`;
  const url = (path: string) => root + path;
  return {
    url,
    async upload<T>(path: string, file: File, onProgress: (ratio: number) => void, signal: AbortSignal) {
      const form = new FormData();
      form.append('file', file, file.name || 'file');
      onProgress(0);
      let answer: { status: number; text: string };
      if (custom) {
        const response = await custom(url(path), {
          method: 'POST',
          body: form,
          credentials: 'same-origin',
          signal,
        }).catch((cause: unknown) => {
          if ((cause as Error)?.name === 'AbortError') throw cause;
          throw new DeskError(0, 'network', String((cause as Error)?.message ?? cause));
        });
        answer = { status: response.status, text: await response.text() };
      } else answer = await sendWithProgress(url(path), form, onProgress, signal);
      const parsed = parseJson(answer.text);
      if (parsed === undefined) throw new DeskError(answer.status, 'bad_response', `HTTP ${answer.status}: not JSON`);
      const result = answerOf<T>(answer.status, answer.status >= 200 && answer.status < 300, parsed);
      onProgress(1);
      return result;
    },
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
      return answerOf<T>(response.status, response.ok, parsed);
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
