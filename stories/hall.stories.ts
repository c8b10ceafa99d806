import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { defineServiceHall } from '../src/embed/register.js';
import {
  AdapterError,
  createMemoryAdapter,
  type Adapter,
  type Announcement,
  type ColorScheme,
  type Customer,
  type Locale,
  type MemoryData,
} from '../src/index.js';

defineServiceHall();

interface Args {
  locale: Locale;
  theme: ColorScheme;
  data: MemoryData;
  user?: Customer;
  /** `loading` holds the first screen forever; `error` makes it fail. */
  hall: 'ok' | 'loading' | 'error';
}

const adapterFor = ({ data, hall }: Args): Adapter => {
  const memory = createMemoryAdapter({ latency: 0, ...data });
  if (hall === 'loading') return { ...memory, loadHall: () => new Promise(() => {}) };
  if (hall === 'error') {
    return { ...memory, loadHall: () => Promise.reject(new AdapterError('server', 'unavailable', 503)) };
  }
  return memory;
};

const announcement = (level: Announcement['level'], title: string, body: string): Announcement => ({
  id: `a-${level}`,
  level,
  title,
  body,
});

/**
 * The first screen, "the service hall": announcements, the customer's orders with the actions that fit
 * each status, questions ranked by context, self-service tiles, and the human button in the header.
 */
const meta: Meta<Args> = {
  title: 'Journey/1 · Service hall',
  component: 'sh-hall',
  args: { locale: 'zh-CN', theme: 'light', data: {}, hall: 'ok' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['zh-CN', 'zh-TW', 'en'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    hall: { control: 'inline-radio', options: ['ok', 'loading', 'error'] },
    data: { control: false },
    user: { control: 'object' },
  },
  render: (args) =>
    html`<div style="block-size: 720px; max-inline-size: 420px; margin: 16px auto;">
      <service-hall
        mode="inline"
        locale=${args.locale}
        .options=${{ adapter: adapterFor(args), theme: args.theme, user: args.user }}
      ></service-hall>
    </div>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Default: Story = {};
export const English: Story = { args: { locale: 'en' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const Loading: Story = { args: { hall: 'loading' } };
export const LoadFailed: Story = { args: { hall: 'error', locale: 'en' } };
export const NoOrders: Story = { args: { data: { orders: [] } } };
export const Vip: Story = { args: { user: { id: 'vip-1', name: '李娜', tier: 'vip' } } };
export const Offline: Story = {
  play: () => void window.dispatchEvent(new Event('offline')),
};
export const AnnouncementLevels: Story = {
  args: {
    locale: 'en',
    data: {
      announcements: [
        announcement('info', 'New: free returns within 30 days', 'On all orders from 1 December.'),
        announcement('warning', 'Deliveries delayed in the north', 'Snow is slowing couriers by 1–2 days.'),
        announcement('critical', 'Card payments are failing', 'We are fixing it. Other methods work.'),
      ],
    },
  },
};
export const Mobile: Story = {
  args: { locale: 'en' },
  globals: { viewport: { value: 'mobile2', isRotated: false } },
};
export const HostileData: Story = {
  args: {
    locale: 'en',
    data: {
      greeting: '<img src=x onerror=alert(1)> Hello {{7*7}} ${7*7}',
      orders: [
        {
          id: '"><script>alert(1)</script>',
          status: 'lost-in-space',
          title: 'A product name that goes on and on and on and never seems to end at all, really',
          createdAt: 'not a date',
        },
        { id: 'R2', status: 'shipped', title: 'سماعات لاسلكية', createdAt: new Date().toISOString(), total: 12 },
      ],
    },
  },
};
