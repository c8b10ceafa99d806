/**
 * Preact bindings: a `<ServiceHall>` component and hooks over the same stores the widget renders.
 *
 *   import { ServiceHall, useUnread } from 'service-hall/preact';
 *   <ServiceHall locale="en" user={user} onEscalate={(d) => log(d.reason)} />
 */
import { useStore } from '@nanostores/preact';
import { atom } from 'nanostores';
import { h, type JSX, type RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ServiceHallOptions } from '../core/options.js';
import { init, type ServiceHallHandle } from '../embed/api.js';
import { EVENTS, type ServiceHallEventMap } from '../elements/events.js';
import type { Session } from '../state/session.js';

type EventProps = {
  [K in keyof ServiceHallEventMap as `on${Capitalize<K>}`]?: (detail: ServiceHallEventMap[K]) => void;
};

/** Props: every `init` option (except `container`, which the component provides for `inline`), plus `on*` event props. */
export type ServiceHallProps = Omit<ServiceHallOptions, 'container'> & EventProps & { class?: string };

/**
 * Creates a widget for the lifetime of the calling component and returns its handle
 * (undefined during the first render and on the server). For `mode: 'inline'`, pass the container as a ref.
 */
export const useServiceHall = (
  options: ServiceHallOptions = {},
  container?: RefObject<HTMLElement | null>,
): ServiceHallHandle | undefined => {
  const [handle, setHandle] = useState<ServiceHallHandle>();
  useEffect(() => {
    const created = init({ ...options, container: container?.current ?? options.container });
    setHandle(created);
    return () => created.destroy();
    // The widget is created once; later option changes go through the handle, below.
  }, []);
  useEffect(() => void (handle && options.locale && handle.setLocale(options.locale)), [handle, options.locale]);
  useEffect(() => void (handle && options.context && handle.setContext(options.context)), [handle, options.context]);
  useEffect(() => void handle?.identify(options.user), [handle, options.user?.id, options.user?.token]);
  return handle;
};

/** The session behind a handle, once its panel has loaded (it loads on intent or when the page is idle). */
export const useSession = (handle?: ServiceHallHandle): Session | undefined => {
  const [session, setSession] = useState(handle?.element.session);
  useEffect(() => {
    let live = true;
    void handle?.element.whenReady().then((s) => live && setSession(s));
    return () => void (live = false);
  }, [handle]);
  return session;
};

const none = atom(0);

/** Unread messages of a widget, for a badge in the host app's own UI. */
export const useUnread = (handle?: ServiceHallHandle): number => useStore(useSession(handle)?.$unread ?? none);

/** The widget as a Preact component. With `mode="inline"` it renders in place; otherwise it floats. */
export function ServiceHall(props: ServiceHallProps): JSX.Element {
  const container = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const handle = useServiceHall(props, props.mode === 'inline' ? container : undefined);

  useEffect(() => {
    if (!handle) return;
    const offs = EVENTS.map((name) =>
      handle.on(name, (detail) => {
        const key = `on${name[0]!.toUpperCase()}${name.slice(1)}` as keyof EventProps;
        (latest.current[key] as ((d: unknown) => void) | undefined)?.(detail);
      }),
    );
    return () => offs.forEach((off) => off());
  }, [handle]);

  return h('div', {
    ref: container,
    class: props.class,
    style: props.mode === 'inline' ? 'block-size:100%' : 'display:contents',
  });
}
