/**
 * Geometry of blacking out parts of a screenshot before it is attached. Pure: coordinates are in the
 * image's own pixels, whatever size it is shown at.
 */

/** A rectangle in image pixels. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Size {
  width: number;
  height: number;
}

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

/** The rectangle between two corners of a drag, in either direction, kept inside the image. */
export const rectBetween = (a: { x: number; y: number }, b: { x: number; y: number }, size: Size): Rect => {
  const x1 = clamp(Math.min(a.x, b.x), 0, size.width);
  const y1 = clamp(Math.min(a.y, b.y), 0, size.height);
  const x2 = clamp(Math.max(a.x, b.x), 0, size.width);
  const y2 = clamp(Math.max(a.y, b.y), 0, size.height);
  return { x: Math.round(x1), y: Math.round(y1), w: Math.round(x2 - x1), h: Math.round(y2 - y1) };
};

/** The keyboard's starting box: a quarter of each side, in the middle of the image. */
export const centredRect = (size: Size): Rect => {
  const w = Math.round(size.width / 4);
  const h = Math.round(size.height / 4);
  return { x: Math.round((size.width - w) / 2), y: Math.round((size.height - h) / 2), w, h };
};

/**
 * The keyboard box moved (or, with `resize`, grown or shrunk from its far corner) by a step of
 * `dx`, `dy` steps, where a step is 2 % of the image's side; it stays inside the image and at least a step wide.
 */
export const nudgeRect = (rect: Rect, dx: number, dy: number, size: Size, resize = false): Rect => {
  const sx = Math.max(1, Math.round(size.width / 50));
  const sy = Math.max(1, Math.round(size.height / 50));
  if (resize) {
    const w = clamp(rect.w + dx * sx, sx, size.width - rect.x);
    const h = clamp(rect.h + dy * sy, sy, size.height - rect.y);
    return { ...rect, w, h };
  }
  return {
    ...rect,
    x: clamp(rect.x + dx * sx, 0, size.width - rect.w),
    y: clamp(rect.y + dy * sy, 0, size.height - rect.h),
  };
};

/** Whether a dragged rectangle is big enough to be meant, not a stray click. */
export const isDeliberate = (rect: Rect, size: Size): boolean =>
  rect.w >= Math.max(4, size.width / 200) && rect.h >= Math.max(4, size.height / 200);
