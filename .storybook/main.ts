import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // msw's worker, so stories can run on the HTTP adapter against a mocked backend.
  staticDirs: ['../demo/public'],
};

export default config;
