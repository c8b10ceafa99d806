import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Locale } from '../src/core/types.js';
import { recentDays } from '../src/desk/metrics-store.js';
import { defineDesk } from '../src/desk/register.js';
import { createDesk } from '../src/desk/store.js';
import { sampleDeskData, scriptedDesk } from '../src/test/desk-backend.js';
import { quietMetrics, sampleMetrics, withMetrics } from '../src/test/metrics-backend.js';

defineDesk();

type State = 'month' | 'empty' | 'forbidden';

interface Args {
  locale: Locale;
  theme: 'light' | 'dark';
  state: State;
}

/** The workbench of an admin on the scripted desk API, on the metrics screen. */
const metricsScreen = ({ locale, theme, state }: Args) => {
  const today = recentDays(1).to;
  const metrics = state === 'empty' ? quietMetrics(today, 7) : sampleMetrics(locale, today);
  const forbidden = () =>
    new Response(
      JSON.stringify({ error: { code: 'forbidden', message: 'Only an admin may see the team’s metrics' } }),
      {
        status: 403,
        headers: { 'content-type': 'application/json' },
      },
    );
  const backend = withMetrics(scriptedDesk(sampleDeskData(locale)), state === 'forbidden' ? forbidden : metrics);
  const desk = createDesk({ fetch: backend.fetch });
  void desk.restore().then(() => desk.show({ kind: 'metrics' }));
  return html`<sh-desk .desk=${desk} locale=${locale} .theme=${theme}></sh-desk>`;
};

/**
 * The metrics screen of the workbench, for admins: CSAT large, the supporting figures, charts per day with the
 * same numbers as a table, knowledge gaps and article helpfulness, on a scripted desk API.
 */
const meta: Meta<Args> = {
  title: 'Desk/Metrics',
  component: 'sh-desk-metrics',
  args: { locale: 'zh-CN', theme: 'light', state: 'month' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['zh-CN', 'zh-TW', 'en'] },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
    state: { control: 'inline-radio', options: ['month', 'empty', 'forbidden'] },
  },
  render: (args) => html`<div style="min-block-size: 800px">${metricsScreen(args)}</div>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Month: Story = {};
export const MonthDark: Story = { args: { theme: 'dark', locale: 'en' } };
export const MonthTraditional: Story = { args: { locale: 'zh-TW' } };
export const English: Story = { args: { locale: 'en' } };
export const NothingYet: Story = { args: { state: 'empty', locale: 'en' } };
export const NotAnAdmin: Story = { args: { state: 'forbidden', locale: 'zh-CN', theme: 'dark' } };
