import { executeServerCommand } from '@web/test-runner-commands';

/** A command to the real reference server of the browser tests (scripts/wtr-server.js). */
export const realServer = <T>(payload: Record<string, unknown>) =>
  executeServerCommand<T, Record<string, unknown>>('service-hall-server', payload);

/** The server's base URL, once it has started (on first use, from the source: call with a long timeout). */
export const serverUrl = async (): Promise<string> => {
  for (;;) {
    const url = await realServer<string>({ action: 'url' });
    if (url) return url;
  }
};
