import { expect } from '@open-wc/testing';
import { createMemoryAdapter, init, type ServiceHallHandle } from '../../index.js';
import type { Session } from '../../state/session.js';
import { expectAccessible } from '../../test/axe.js';
import { deepQuery, waitFor } from '../../test/dom.js';
import { fakeScreen, type FakeScreen } from '../../test/screen.js';

const FAST = { latency: 0, timing: { queueStepMs: 10, agentJoinMs: 10, typingMs: 5, botDelayMs: 5 } } as const;
const WIDTH = 400;
const HEIGHT = 200;

/** The customer's "screen": white, with a red square. */
const paint = (ctx: CanvasRenderingContext2D) => {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  ctx.fillStyle = '#f00';
  ctx.fillRect(20, 20, 60, 60);
};
const share = (answer?: DOMException) => fakeScreen(WIDTH, HEIGHT, paint, answer);

/** The colour at (x, y) of an image file. */
const pixel = async (file: Blob, x: number, y: number) => {
  const bitmap = await createImageBitmap(file);
  const canvas = Object.assign(document.createElement('canvas'), { width: bitmap.width, height: bitmap.height });
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  return Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3));
};
const isBlack = (rgb: number[]) => rgb.every((c) => c < 16);
const isWhite = (rgb: number[]) => rgb.every((c) => c > 235);

describe('<sh-screenshot>: a screenshot in one tap, private parts blacked out first', () => {
  let handle: ServiceHallHandle | undefined;
  let screen: FakeScreen | undefined;
  afterEach(() => {
    handle?.destroy();
    screen?.restore();
    handle = screen = undefined;
    localStorage.clear();
  });

  const open = async () => {
    const adapter = createMemoryAdapter(FAST);
    const uploads: Blob[] = [];
    const upload = adapter.uploadAttachment!.bind(adapter);
    adapter.uploadAttachment = (request, ctx) => {
      uploads.push(request.file);
      return upload(request, ctx);
    };
    handle = init({ adapter, locale: 'en', user: { id: `shot-${Math.random().toString(36).slice(2)}` } });
    await handle.open();
    const root = handle.element;
    const button = await waitFor(() => shotButton(root), 'the screenshot button');
    return { root, button, uploads, session: root.session as Session };
  };
  const shotButton = (root: Element) => deepQuery<HTMLButtonElement>(root, 'button[aria-label="Take a screenshot"]');
  const editor = (root: Element) => deepQuery<HTMLElement>(root, '[part~="screenshot"]');
  const canvasOf = (root: Element) => deepQuery<HTMLCanvasElement>(editor(root)!, 'canvas')!;
  const key = (target: Element, init: KeyboardEventInit) =>
    target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, composed: true, cancelable: true, ...init }));
  const button = (root: Element, label: string) =>
    [...editor(root)!.querySelectorAll('button')].find((b) => b.textContent!.trim() === label)!;

  it('captures one frame, hides the keyboard box with Enter, and sends the blacked-out picture', async () => {
    screen = share();
    const { root, button: take, uploads, session } = await open();
    take.click();
    await waitFor(() => editor(root), 'the editor');
    expect(screen.calls, 'asked to share once, video only').to.deep.equal([{ video: true, audio: false }]);
    const canvas = canvasOf(root);
    expect(canvas.width).to.equal(WIDTH);
    await waitFor(() => deepQuery(root, 'sh-screenshot')!.shadowRoot!.activeElement === canvas, 'focus on the picture');
    await expectAccessible(editor(root)!, 'the screenshot editor');

    // The box starts in the middle (150, 75, 100 × 50); two steps left and up moves it by 16 × 8 px.
    key(canvas, { key: 'ArrowLeft' });
    key(canvas, { key: 'ArrowLeft' });
    key(canvas, { key: 'Enter' });
    await waitFor(() => editor(root)!.textContent!.includes('Areas hidden: 1'), 'the announcement');
    button(root, 'Attach').click();
    await waitFor(() => !editor(root) && uploads.length === 1, 'the upload');

    const [file] = uploads as File[];
    expect(file!.name).to.equal('screenshot.png');
    expect(file!.type).to.equal('image/png');
    expect(isBlack(await pixel(file!, 200, 100)), 'inside the hidden box').to.equal(true);
    expect(isBlack(await pixel(file!, 138, 80)), 'moved left by two steps').to.equal(true);
    expect(isWhite(await pixel(file!, 240, 100)), 'right of the moved box').to.equal(true);
    expect(isWhite(await pixel(file!, 300, 150)), 'outside').to.equal(true);

    const field = deepQuery<HTMLTextAreaElement>(root, '[part~="input"]')!;
    await waitFor(() => deepQuery(root, 'sh-composer')!.shadowRoot!.activeElement === field, 'focus back on the field');
    const send = deepQuery<HTMLButtonElement>(root, '[part~="send"]')!;
    await waitFor(() => !send.disabled, 'the upload to finish');
    send.click();
    await waitFor(
      () => session.$messages.get().some((m) => m.role === 'customer' && m.attachments?.[0]?.name === 'screenshot.png'),
      'the message with the screenshot',
    );
  });

  it('blacks out what the pointer drags over, and Backspace undoes the last area', async () => {
    screen = share();
    const { root, button: take, uploads } = await open();
    take.click();
    await waitFor(() => editor(root), 'the editor');
    const canvas = canvasOf(root);
    const box = canvas.getBoundingClientRect();
    const at = (x: number, y: number) => ({
      clientX: box.left + (x * box.width) / WIDTH,
      clientY: box.top + (y * box.height) / HEIGHT,
      pointerId: 1,
      button: 0,
      bubbles: true,
      composed: true,
    });
    const drag = (from: [number, number], to: [number, number]) => {
      canvas.dispatchEvent(new PointerEvent('pointerdown', at(...from)));
      canvas.dispatchEvent(new PointerEvent('pointermove', at((from[0] + to[0]) / 2, (from[1] + to[1]) / 2)));
      canvas.dispatchEvent(new PointerEvent('pointerup', at(...to)));
    };
    drag([10, 10], [90, 90]);
    drag([300, 150], [380, 190]);
    await waitFor(() => editor(root)!.textContent!.includes('Areas hidden: 2'), 'two areas');
    key(canvas, { key: 'Backspace' });
    await waitFor(() => editor(root)!.textContent!.includes('Areas hidden: 1'), 'one undone');
    // A click without a drag hides nothing.
    drag([200, 100], [200, 100]);
    button(root, 'Attach').click();
    await waitFor(() => uploads.length === 1, 'the upload');
    const file = uploads[0]!;
    expect(isBlack(await pixel(file, 50, 50)), 'the red square, hidden').to.equal(true);
    expect(isWhite(await pixel(file, 340, 170)), 'the undone area').to.equal(true);
    expect(isWhite(await pixel(file, 200, 100)), 'where the click was').to.equal(true);
  });

  it('Escape leaves the editor, not the panel, and attaches nothing', async () => {
    screen = share();
    const { root, button: take, uploads } = await open();
    take.click();
    await waitFor(() => editor(root), 'the editor');
    key(canvasOf(root), { key: 'Escape' });
    await waitFor(() => !editor(root), 'the editor closed');
    expect(root.opened, 'the panel stays open').to.equal(true);
    expect(uploads).to.deep.equal([]);
  });

  it('does nothing when the customer declines to share, and explains a capture that fails', async () => {
    screen = share(new DOMException('declined', 'NotAllowedError'));
    const { root, button: take } = await open();
    take.click();
    await new Promise((r) => setTimeout(r, 50));
    expect(editor(root)).to.equal(undefined);
    expect(deepQuery(deepQuery(root, 'sh-composer')!, '[role="alert"]')).to.equal(undefined);
    screen.restore();

    screen = share(new DOMException('busy', 'NotReadableError'));
    take.click();
    const alert = await waitFor(() => deepQuery(deepQuery(root, 'sh-composer')!, '[role="alert"]'), 'the error');
    expect(alert.textContent).to.contain('The screenshot could not be taken');
  });

  it('offers no screenshot where the browser cannot capture the screen (mobile, webviews)', async () => {
    const original = Object.getOwnPropertyDescriptor(MediaDevices.prototype, 'getDisplayMedia');
    Object.defineProperty(navigator.mediaDevices, 'getDisplayMedia', { configurable: true, value: undefined });
    try {
      handle = init({ adapter: createMemoryAdapter(FAST), locale: 'en', user: { id: 'shot-none' } });
      await handle.open();
      await waitFor(() => deepQuery(handle!.element, '[part~="input"]'), 'the composer');
      expect(deepQuery(handle.element, 'button[aria-label="Take a screenshot"]')).to.equal(undefined);
    } finally {
      delete (navigator.mediaDevices as Partial<MediaDevices>).getDisplayMedia;
      expect(Object.getOwnPropertyDescriptor(MediaDevices.prototype, 'getDisplayMedia')).to.deep.equal(original);
    }
  });
});
