/**
 * Whether a keydown belongs to an input method that is still composing (pinyin, zhuyin, kana…), so that
 * its Enter commits the composition instead of sending. Chromium sends Enter as keydown with isComposing
 * while an IME commits; Safari sends keyCode 229 after compositionend, so `composing` (tracked from the
 * composition events) covers the rest.
 */
export const imeBusy = (event: KeyboardEvent, composing: boolean): boolean =>
  event.isComposing || event.keyCode === 229 || composing;
