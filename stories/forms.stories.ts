import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { AttachmentsElement } from '../src/elements/attachments/attachments.js';
import { defineServiceHall } from '../src/embed/register.js';
import { navigate, type Screen } from '../src/elements/base.js';
import {
  AdapterError,
  createMemoryAdapter,
  type Adapter,
  type Locale,
  type MemoryData,
  type ServiceHallElement,
} from '../src/index.js';
import { deepQuery, waitFor } from '../src/test/dom.js';

defineServiceHall();

interface Args {
  locale: Locale;
  data?: MemoryData;
  /** Makes every upload fail. */
  failUploads?: boolean;
}

const UNPAID = 'YX58203147';
// A 1×1 PNG, so the failed upload has a real thumbnail.
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const adapterFor = ({ data, failUploads }: Args): Adapter => {
  const memory = createMemoryAdapter({ latency: 0, ...data });
  return failUploads
    ? { ...memory, uploadAttachment: () => Promise.reject(new AdapterError('network', 'connection lost')) }
    : memory;
};

const widget = (canvas: HTMLElement) => canvas.querySelector<ServiceHallElement>('service-hall')!;
const inside = <E extends HTMLElement>(canvas: HTMLElement, selector: string) =>
  waitFor(() => deepQuery<E>(widget(canvas), selector), selector);

/** Waits for the hall, then asks the panel for a screen, as a tile or an order card would. */
const show = async (canvas: HTMLElement, screen: Screen) => navigate(await inside(canvas, '[part~="hall"]'), screen);

const form = (canvas: HTMLElement, tag: string) =>
  inside(canvas, tag).then((el) => waitFor(() => el.shadowRoot?.querySelector('form'), `${tag} form`));

/** Self-service forms and the leave-a-message form, inside the inline widget. */
const meta: Meta<Args> = {
  title: 'Widget/Forms',
  component: 'sh-action-form',
  args: { locale: 'en' },
  argTypes: { locale: { control: 'inline-radio', options: ['zh-CN', 'zh-TW', 'en'] } },
  render: (args) =>
    html`<div style="block-size: 720px; max-inline-size: 420px; margin: 16px auto;">
      <service-hall mode="inline" locale=${args.locale} .options=${{ adapter: adapterFor(args) }}></service-hall>
    </div>`,
};
export default meta;

type Story = StoryObj<Args>;

/** "Cancel order", opened from its tile: nothing chosen yet. */
export const ActionForm: Story = {
  play: async ({ canvasElement }) => {
    await show(canvasElement, { screen: 'action', actionId: 'cancel' });
  },
};

/** Submitted empty: every required field says what is missing, and the first one has focus. */
export const ActionFormWithErrors: Story = {
  args: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    await show(canvasElement, { screen: 'action', actionId: 'address' });
    (await form(canvasElement, 'sh-action-form')).requestSubmit();
  },
};

/** Cancelled from an unpaid order's card: the result card with the ways on. */
export const ActionFormResult: Story = {
  play: async ({ canvasElement }) => {
    await show(canvasElement, { screen: 'action', actionId: 'cancel', orderId: UNPAID });
    const el = await form(canvasElement, 'sh-action-form');
    const reason = el.querySelectorAll('select')[1]!;
    reason.value = 'mistake';
    reason.dispatchEvent(new Event('input'));
    el.requestSubmit();
  },
};

/** No agent online: asking for one turns into the leave-a-message form. */
export const TicketFormOffline: Story = {
  args: { data: { service: { humanAvailable: false } } },
  play: async ({ canvasElement }) => {
    await inside(canvasElement, '[part~="hall"]');
    await widget(canvasElement).escalate();
  },
};

/** A photo whose upload failed, with its retry and remove buttons. */
export const UploadFailed: Story = {
  args: { data: { service: { humanAvailable: false } }, failUploads: true },
  play: async ({ canvasElement }) => {
    await inside(canvasElement, '[part~="hall"]');
    await widget(canvasElement).escalate();
    const picker = await inside<AttachmentsElement>(canvasElement, 'sh-attachments');
    const bytes = Uint8Array.from(atob(PIXEL), (c) => c.charCodeAt(0));
    picker.add([new File([bytes], 'photo.png', { type: 'image/png' })]);
  },
};
