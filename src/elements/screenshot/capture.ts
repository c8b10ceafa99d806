import type { Rect } from '../../core/redact.js';

/** Longest side of an attached screenshot, in pixels: enough to read text on a large screen. */
const MAX_SIDE = 2560;

/**
 * Whether this browser can capture a tab, window or screen. Mobile browsers and in-app webviews have no
 * `getDisplayMedia`, so the screenshot button is not offered there.
 */
export const canCaptureScreen = (): boolean =>
  typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';

/** Resolves once the video has a frame to draw. */
const firstFrame = (video: HTMLVideoElement): Promise<void> =>
  new Promise((resolve) => {
    // A frame callback is the exact moment; without one (older engines), two animation frames after
    // playback starts are enough for the decoder to have produced a picture.
    if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(() => resolve());
    else requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
  });

/**
 * Asks the customer to share a tab, window or screen, and returns one frame of it, drawn on a canvas.
 * Sharing stops as soon as the frame is taken. Resolves `null` when the customer declines;
 * rejects when the browser cannot capture.
 */
export const captureFrame = async (): Promise<HTMLCanvasElement | null> => {
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
  } catch (error) {
    if (error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'AbortError')) return null;
    throw error;
  }
  try {
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    await video.play();
    await firstFrame(video);
    const scale = Math.min(1, MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    canvas.getContext('2d')!.drawImage(video, 0, 0, canvas.width, canvas.height);
    video.srcObject = null;
    return canvas;
  } finally {
    for (const track of stream.getTracks()) track.stop();
  }
};

/** Draws the screenshot with its blacked-out areas onto `target` (resized to the screenshot). */
export const drawRedacted = (target: HTMLCanvasElement, source: HTMLCanvasElement, rects: readonly Rect[]): void => {
  if (target.width !== source.width) target.width = source.width;
  if (target.height !== source.height) target.height = source.height;
  const ctx = target.getContext('2d')!;
  ctx.drawImage(source, 0, 0);
  ctx.fillStyle = '#000';
  for (const r of rects) ctx.fillRect(r.x, r.y, r.w, r.h);
};

const toBlob = (canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> =>
  new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('encoding failed'))), type, quality),
  );

/**
 * The screenshot as an image file, with its blacked-out areas burnt into the pixels: nothing hidden can be
 * recovered from the file. PNG keeps text sharp; above `maxBytes` it falls back to JPEG.
 */
export const screenshotFile = async (
  source: HTMLCanvasElement,
  rects: readonly Rect[],
  name: string,
  maxBytes: number,
): Promise<File> => {
  const canvas = document.createElement('canvas');
  drawRedacted(canvas, source, rects);
  let blob = await toBlob(canvas, 'image/png');
  if (blob.size > maxBytes) blob = await toBlob(canvas, 'image/jpeg', 0.85);
  return new File([blob], `${name}.${blob.type === 'image/png' ? 'png' : 'jpg'}`, { type: blob.type });
};
