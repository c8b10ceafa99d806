import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { defineServiceHall } from '../src/embed/register.js';
import { createMemoryAdapter, type ColorScheme, type Locale, type MemoryData } from '../src/index.js';

defineServiceHall();

interface Args {
  locale: Locale;
  theme: ColorScheme;
  data?: MemoryData;
}

const fast = { latency: 0 as const };

/** The widget, rendered inline so the open panel is visible in the canvas. */
const meta: Meta<Args> = {
  title: 'Widget/Service Hall',
  component: 'service-hall',
  args: { locale: 'zh-CN', theme: 'light' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['zh-CN', 'zh-TW', 'en'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
  render: ({ locale, theme, data }) =>
    html`<div style="block-size: 680px; max-inline-size: 420px; margin: 16px auto;">
      <service-hall
        mode="inline"
        locale=${locale}
        .options=${{ adapter: createMemoryAdapter({ ...fast, ...data }), theme }}
      ></service-hall>
    </div>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Hall: Story = {};
export const English: Story = { args: { locale: 'en' } };
export const TraditionalChinese: Story = { args: { locale: 'zh-TW' } };
export const Dark: Story = { args: { theme: 'dark' } };
