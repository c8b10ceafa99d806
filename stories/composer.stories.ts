import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { defineServiceHall } from '../src/embed/register.js';
import { createMemoryAdapter, type Locale, type ServiceHallElement } from '../src/index.js';
import { deepQuery, waitFor } from '../src/test/dom.js';

defineServiceHall();

interface Args {
  locale: Locale;
}

const widget = (canvas: HTMLElement) => canvas.querySelector<ServiceHallElement>('service-hall')!;

/** Focuses the message field and waits for the knowledge base that focus loads. */
const field = async (canvas: HTMLElement) => {
  const input = await waitFor(() => deepQuery<HTMLTextAreaElement>(widget(canvas), '[part~="input"]'), 'input');
  input.focus();
  await waitFor(() => widget(canvas).session?.$knowledge.get().length, 'knowledge');
  return input;
};

const type = (input: HTMLTextAreaElement, text: string) => {
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }));
};

const enter = (input: HTMLTextAreaElement, init: KeyboardEventInit = {}) =>
  input.dispatchEvent(
    new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true, ...init }),
  );

/**
 * The composer at the bottom of the panel: rotating example questions, suggestions while typing,
 * disambiguation chips, the personal-data warning and the offer of a human.
 */
const meta: Meta<Args> = {
  title: 'Widget/Composer',
  component: 'sh-composer',
  args: { locale: 'zh-CN' },
  argTypes: { locale: { control: 'inline-radio', options: ['zh-CN', 'zh-TW', 'en'] } },
  render: ({ locale }) =>
    html`<div style="block-size: 680px; max-inline-size: 420px; margin: 16px auto;">
      <service-hall
        mode="inline"
        locale=${locale}
        .options=${{ adapter: createMemoryAdapter({ latency: 0 }) }}
      ></service-hall>
    </div>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Nothing typed: the placeholder cycles through example questions (not with reduced motion). */
export const Empty: Story = {};

/** "退款" typed: articles and self-service actions, the matched characters marked; the first is active. */
export const TypingWithSuggestions: Story = {
  play: async ({ canvasElement }) => {
    const input = await field(canvasElement);
    type(input, '退款');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
  },
};

/** The same in English. */
export const TypingInEnglish: Story = {
  args: { locale: 'en' },
  play: async ({ canvasElement }) => type(await field(canvasElement), 'refund'),
};

/** "快递" sent: too vague to answer, so the customer picks what they mean (Enter again sends it as typed). */
export const DisambiguationChips: Story = {
  play: async ({ canvasElement }) => {
    const input = await field(canvasElement);
    type(input, '快递');
    enter(input);
  },
};

/** A bank card number in the draft: a warning, with masking or sending anyway. Enter waits for the choice. */
export const SensitiveNotice: Story = {
  play: async ({ canvasElement }) => type(await field(canvasElement), '我的卡号是 6222 0200 0000 0007，退款退到哪里？'),
};

/** An angry message: the composer offers a person at once. */
export const OfferHumanNotice: Story = {
  play: async ({ canvasElement }) => {
    await field(canvasElement);
    await widget(canvasElement).ask('等了好几天还没到，气死了，太差了！！！');
  },
};

/**
 * Chinese input through an IME: while pinyin is being composed, the field holds letters such as
 * "tuikuan" and the Enter that commits a candidate arrives as a keydown with `isComposing` (Chromium)
 * or as keyCode 229 just after `compositionend` (Safari). The composer sends on neither, and does not
 * search the pinyin; it suggests once the composed text is committed. Here a composition is in
 * progress and Enter was pressed: nothing was sent.
 */
export const ImeComposition: Story = {
  play: async ({ canvasElement }) => {
    const input = await field(canvasElement);
    input.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
    type(input, 'tuikuan');
    enter(input, { isComposing: true });
  },
};
