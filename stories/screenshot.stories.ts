import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { defineServiceHall } from '../src/embed/register.js';
import { createMemoryAdapter, type ColorScheme, type Locale, type ServiceHallElement } from '../src/index.js';
import { deepQuery, waitFor } from '../src/test/dom.js';
import { fakeScreen } from '../src/test/screen.js';

defineServiceHall();

interface Args {
  locale: Locale;
  theme: ColorScheme;
  /** Whether the card number is blacked out with the keyboard before the story settles. */
  hidden: boolean;
}

/** What the customer "shares": a checkout page with a card number on it. */
const checkout = (ctx: CanvasRenderingContext2D) => {
  const { width, height } = ctx.canvas;
  ctx.fillStyle = '#f4f5f7';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#1f6feb';
  ctx.fillRect(0, 0, width, 48);
  ctx.fillStyle = '#fff';
  ctx.fillRect(40, 80, width - 80, height - 120);
  ctx.fillStyle = '#222';
  ctx.font = '20px sans-serif';
  ctx.fillText('Checkout · 结算', 60, 120);
  ctx.fillText('Card 6222 0200 0000 0007', 60, 170);
  ctx.fillText('Total ¥ 1,299.00', 60, 220);
};

/**
 * A screenshot in one tap (desktop browsers with screen capture): the customer shares a tab, one frame is
 * taken, and they black out private parts with the pointer or the keyboard before it is attached.
 */
const meta: Meta<Args> = {
  title: 'Widget/Screenshot',
  component: 'sh-screenshot',
  args: { locale: 'zh-CN', theme: 'light', hidden: false },
  argTypes: {
    locale: { control: 'inline-radio', options: ['zh-CN', 'zh-TW', 'en'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
  render: ({ locale, theme }) =>
    html`<div style="block-size: 720px; max-inline-size: 420px; margin: 16px auto;">
      <service-hall
        mode="inline"
        locale=${locale}
        .options=${{ adapter: createMemoryAdapter({ latency: 0 }), theme }}
      ></service-hall>
    </div>`,
  play: async ({ canvasElement, args }) => {
    const screen = fakeScreen(800, 450, checkout);
    try {
      const root = canvasElement.querySelector<ServiceHallElement>('service-hall')!;
      const composer = await waitFor(() => deepQuery(root, 'sh-composer')?.shadowRoot, 'the composer');
      const take = await waitFor(() => composer.querySelector<HTMLButtonElement>('button[aria-expanded]'), 'button');
      take.click();
      const canvas = await waitFor(() => deepQuery<HTMLCanvasElement>(root, '[part~="screenshot"] canvas'), 'editor');
      const press = (key: string, shiftKey = false) =>
        canvas.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, composed: true }));
      if (args.hidden) {
        // Over the card number, with the keyboard: a flatter, wider box (each step is 2 % of a side), moved
        // to the left edge of the text, then hidden.
        for (let i = 0; i < 8; i++) press('ArrowUp', true);
        for (let i = 0; i < 5; i++) press('ArrowRight', true);
        for (let i = 0; i < 15; i++) press('ArrowLeft');
        press('ArrowUp');
        press('ArrowUp');
        press('Enter');
      }
    } finally {
      screen.restore();
    }
  },
};
export default meta;

type Story = StoryObj<Args>;

/** The frame just taken, the keyboard box in the middle. */
export const Editor: Story = {};
export const Traditional: Story = { args: { locale: 'zh-TW' } };
export const English: Story = { args: { locale: 'en' } };
export const Dark: Story = { args: { theme: 'dark' } };
/** The card number blacked out, ready to attach. */
export const AreaHidden: Story = { args: { locale: 'en', hidden: true } };
