// The demo's own controls, kept apart from the shop: they stand for what a site owner's code or the
// support backend would change, and the event log shows what `handle.on()` delivers.
import type { Locale } from './catalog.js';
import type { Backend, EventName } from './widget.js';

export type Theme = 'light' | 'dark' | 'auto';

export interface Settings {
  locale: Locale;
  theme: Theme;
  vip: boolean;
  offline: boolean;
  backend: Backend;
}

const LOCALES: [Locale, string][] = [
  ['zh-CN', '简体中文'],
  ['zh-TW', '繁體中文'],
  ['en', 'English'],
];

const LOCALE_CODES = LOCALES.map(([code]) => code);

/** Settings from the address, so that a link (or a screenshot script) can open the demo in any state. */
export const readSettings = (search: string, backend: Backend = 'memory'): Settings => {
  const query = new URLSearchParams(search);
  const one = <T extends string>(name: string, values: readonly T[], fallback: T): T =>
    values.find((v) => v === query.get(name)) ?? fallback;
  return {
    locale: one('locale', LOCALE_CODES, 'zh-CN'),
    theme: one('theme', ['light', 'dark', 'auto'], 'light'),
    vip: query.get('vip') === '1',
    offline: query.get('offline') === '1',
    backend: one('backend', ['server', 'memory', 'http'], backend),
  };
};

export const writeSettings = (settings: Settings): string => {
  const { locale, theme, vip, offline, backend } = settings;
  const query = new URLSearchParams({ locale, theme, backend });
  if (vip) query.set('vip', '1');
  if (offline) query.set('offline', '1');
  return `?${query}`;
};

function Choice<T extends string>(props: {
  legend: string;
  name: string;
  value: T;
  options: [T, string][];
  onChange: (value: T) => void;
}) {
  return (
    <fieldset class="segmented">
      <legend>{props.legend}</legend>
      {props.options.map(([value, label]) => (
        <label>
          <input
            type="radio"
            name={props.name}
            value={value}
            checked={props.value === value}
            onChange={() => props.onChange(value)}
          />
          <span>{label}</span>
        </label>
      ))}
    </fieldset>
  );
}

function Toggle(props: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label class="toggle">
      <input
        type="checkbox"
        role="switch"
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <span>{props.label}</span>
    </label>
  );
}

export function DemoControls(props: {
  settings: Settings;
  /** Whether the reference server serves this page (`npm start`). */
  server: boolean;
  status: string;
  onChange: (patch: Partial<Settings>) => void;
}) {
  const { settings, onChange } = props;
  return (
    <section class="demo-bar" aria-labelledby="demo-title">
      <h2 id="demo-title">Demo controls</h2>
      <label class="field">
        <span>Language</span>
        <select value={settings.locale} onChange={(e) => onChange({ locale: e.currentTarget.value as Locale })}>
          {LOCALES.map(([value, label]) => (
            <option value={value}>{label}</option>
          ))}
        </select>
      </label>
      <Choice
        legend="Theme"
        name="theme"
        value={settings.theme}
        options={[
          ['light', 'Light'],
          ['dark', 'Dark'],
          ['auto', 'Auto'],
        ]}
        onChange={(theme) => onChange({ theme })}
      />
      <Toggle label="VIP customer" checked={settings.vip} onChange={(vip) => onChange({ vip })} />
      {settings.backend !== 'server' && (
        // On the real server, the agents' presence on the desk decides.
        <Toggle label="Agents offline" checked={settings.offline} onChange={(offline) => onChange({ offline })} />
      )}
      <Choice
        legend="Backend"
        name="backend"
        value={settings.backend}
        options={[
          ...(props.server ? [['server', 'Server'] as [Backend, string]] : []),
          ['memory', 'Memory'],
          ['http', 'HTTP (msw)'],
        ]}
        onChange={(backend) => onChange({ backend })}
      />
      <output class="backend-status" aria-live="polite">
        {props.status}
      </output>
      <a class="webview-link" href={`webview.html?locale=${settings.locale}&theme=${settings.theme}`} target="_blank">
        Webview demo ↗
      </a>
    </section>
  );
}

export interface LogEntry {
  id: number;
  time: string;
  event: EventName;
  summary: string;
}

// Open where there is room beside the shop; one tap away on a phone.
const LOG_OPEN = matchMedia('(min-width: 960px)').matches;

export function EventLog(props: { entries: LogEntry[] }) {
  return (
    <details class="event-log" open={LOG_OPEN}>
      <summary>
        Event log <code>handle.on(…)</code>
      </summary>
      {props.entries.length ? (
        <ol>
          {props.entries.map((entry) => (
            <li key={entry.id}>
              <time>{entry.time}</time>
              <b data-event={entry.event}>{entry.event}</b>
              <span>{entry.summary}</span>
            </li>
          ))}
        </ol>
      ) : (
        <p>Open the help centre: its events appear here.</p>
      )}
    </details>
  );
}
