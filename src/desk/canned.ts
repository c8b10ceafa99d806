/** Canned (saved) replies: which ones match what the agent typed after `/`, and their variables filled in. */
import type { CannedReply, HandoffContext } from './types.js';

/** The values a canned reply's `{name}`, `{order}` and `{agent}` take in one conversation. */
export interface CannedValues {
  name?: string;
  order?: string;
  agent?: string;
}

/** The variables of a conversation, from its hand-off context and the agent who has it. */
export const cannedValues = (context: HandoffContext | undefined, agentName?: string): CannedValues => ({
  name: context?.customer.name?.trim() || undefined,
  order: context?.order?.id ?? context?.orderId,
  agent: agentName?.trim() || undefined,
});

/**
 * The text with every known variable replaced. A variable without a value stays as it is written
 * (`{order}`), and its place is returned, so the field can select it for the agent to type over: a reply
 * that says "your order {order}" must not go out with the hole quietly closed.
 */
export const fillCanned = (text: string, values: CannedValues): { text: string; hole?: [number, number] } => {
  let hole: [number, number] | undefined;
  let out = '';
  let last = 0;
  for (const match of text.matchAll(/\{(name|order|agent)\}/g)) {
    const value = values[match[1] as keyof CannedValues];
    out += text.slice(last, match.index);
    if (value === undefined) hole ??= [out.length, out.length + match[0].length];
    out += value ?? match[0];
    last = match.index + match[0].length;
  }
  return { text: out + text.slice(last), ...(hole && { hole }) };
};

/** The `/query` the draft is, when the whole draft is a slash and a word: the canned-reply shortcut. */
export const slashQuery = (draft: string): string | undefined => /^\/(\S*)$/.exec(draft)?.[1];

/** The replies matching `query`: shortcut first (by prefix), then title and text (by substring), any case. */
export const matchCanned = (replies: readonly CannedReply[], query: string): CannedReply[] => {
  const q = query.toLocaleLowerCase();
  if (!q) return [...replies];
  const rank = (r: CannedReply) =>
    r.shortcut.toLocaleLowerCase().startsWith(q)
      ? 0
      : r.title.toLocaleLowerCase().includes(q)
        ? 1
        : r.text.toLocaleLowerCase().includes(q)
          ? 2
          : 3;
  return replies
    .map((reply, at) => ({ reply, at, rank: rank(reply) }))
    .filter((r) => r.rank < 3)
    .sort((a, b) => a.rank - b.rank || a.at - b.at)
    .map((r) => r.reply);
};
