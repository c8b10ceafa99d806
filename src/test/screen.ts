// A stand-in for the browser's "share your screen" prompt, for tests and stories: the customer "shares" a
// canvas, streamed as real video frames, so the whole capture path runs.

export interface FakeScreen {
  /** The options `getDisplayMedia` was called with, one entry per call. */
  calls: DisplayMediaStreamOptions[];
  /** Puts the browser's own `getDisplayMedia` back. */
  restore(): void;
}

/**
 * Makes `navigator.mediaDevices.getDisplayMedia` answer with a stream of `paint`'s canvas, or reject with
 * `answer` (a declined prompt is a `NotAllowedError`).
 */
export const fakeScreen = (
  width: number,
  height: number,
  paint: (ctx: CanvasRenderingContext2D) => void,
  answer?: DOMException,
): FakeScreen => {
  const source = Object.assign(document.createElement('canvas'), { width, height });
  const ctx = source.getContext('2d')!;
  paint(ctx);
  // A canvas stream only carries a frame when the canvas is drawn.
  const timer = setInterval(() => paint(ctx), 16);
  const calls: DisplayMediaStreamOptions[] = [];
  Object.defineProperty(navigator.mediaDevices, 'getDisplayMedia', {
    configurable: true,
    value: async (options: DisplayMediaStreamOptions) => {
      calls.push(options);
      if (answer) throw answer;
      return source.captureStream(30);
    },
  });
  return {
    calls,
    restore: () => {
      clearInterval(timer);
      delete (navigator.mediaDevices as Partial<MediaDevices>).getDisplayMedia;
    },
  };
};
