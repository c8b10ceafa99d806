/**
 * The webview bridge: every widget event goes, as JSON, to the first native channel the page has
 * (iOS WKWebView, Android, React Native, then a WeChat mini-program's web-view). Commands come back
 * the other way through the same `ServiceHall(command, ...args)` function the script tag defines.
 * No `window.postMessage` is involved, so no origin is trusted implicitly.
 */
import { EVENTS, type ServiceHallEventMap } from '../elements/events.js';
import type { ServiceHallHandle } from './api.js';

interface NativeChannels {
  webkit?: { messageHandlers?: { serviceHall?: { postMessage(message: unknown): void } } };
  ServiceHallAndroid?: { postMessage(json: string): void };
  ReactNativeWebView?: { postMessage(json: string): void };
  wx?: { miniProgram?: { postMessage(message: { data: unknown }): void } };
}

/** The message a native app receives for each event. */
export interface BridgeMessage {
  source: 'service-hall';
  event: keyof ServiceHallEventMap;
  detail: unknown;
}

/** Sends a message to the first native channel present; false when the page is not in a webview. */
export const postToNative = (message: BridgeMessage, win: NativeChannels = window as NativeChannels): boolean => {
  // Errors are class instances; JSON keeps their fields only when copied out.
  const json = JSON.stringify(message, (_key, value: unknown) =>
    value instanceof Error ? { ...value, name: value.name, message: value.message } : value,
  );
  const ios = win.webkit?.messageHandlers?.serviceHall;
  if (ios) ios.postMessage(JSON.parse(json));
  else if (win.ServiceHallAndroid) win.ServiceHallAndroid.postMessage(json);
  else if (win.ReactNativeWebView) win.ReactNativeWebView.postMessage(json);
  else if (win.wx?.miniProgram) win.wx.miniProgram.postMessage({ data: JSON.parse(json) });
  else return false;
  return true;
};

/** Forwards all of a widget's events to the native side; returns the function that stops it. */
export const connectBridge = (handle: ServiceHallHandle, win?: NativeChannels): (() => void) => {
  const offs = EVENTS.map((event) =>
    handle.on(event, (detail) => void postToNative({ source: 'service-hall', event, detail }, win)),
  );
  return () => offs.forEach((off) => off());
};
