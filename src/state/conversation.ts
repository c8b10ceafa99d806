import type { ConversationContext, Message, Role, Sentiment } from '../core/types.js';
import type { AdapterError } from '../core/adapter.js';

/** Where a customer message is on its way to the server. */
export type DeliveryState = 'sending' | 'sent' | 'failed';

/**
 * A message as the list shows it.
 *
 * An agent joining or leaving is a local `system` entry with `notice` set and an empty `text`: the view words
 * it in the customer's language from `notice`. It sits after the last confirmed message when it arrived
 * (its `seq` is that message's), its `author` is the agent, it is kept with the history across reloads, and a
 * stream that announces the same agent again after a reconnection adds nothing.
 */
export interface ViewMessage extends Message {
  delivery: DeliveryState;
  error?: AdapterError;
  /** Set on an agent notice only: what happened and the agent's display name. */
  notice?: { kind: 'agent-joined' | 'agent-left'; name: string };
}

/** A customer message in the outbox. Its `id` is its `clientId` and its `seq` is 0 until the server confirms it. */
export interface PendingMessage extends ViewMessage {
  clientId: string;
  context: ConversationContext;
}

const ROLES: Role[] = ['customer', 'bot', 'agent', 'system'];

/** Makes a message from the wire safe to render: an unknown role becomes `system`, a missing text an empty one. */
export const normalize = (message: Message): ViewMessage => ({
  ...message,
  role: ROLES.includes(message.role) ? message.role : 'system',
  text: typeof message.text === 'string' ? message.text : String(message.text ?? ''),
  delivery: 'sent',
});

/**
 * Merges `incoming` into `list`, which is ordered by `seq` and where no two entries share an id or a clientId.
 * With `replace`, an entry for the same message is updated (a server echo is the authority);
 * without, it is kept (a send receipt knows less than the echo that beat it).
 * Returns the new list and the messages new to it, in arrival order.
 */
export const merge = (
  list: ViewMessage[],
  incoming: ViewMessage[],
  replace: boolean,
): [ViewMessage[], ViewMessage[]] => {
  const next = list.slice();
  const added: ViewMessage[] = [];
  // Positions by id and by clientId; a clientId key starts with a newline, which no id holds.
  const at = new Map<string, number>();
  const index = (m: ViewMessage, i: number) => {
    at.set(m.id, i);
    if (m.clientId) at.set(`\n${m.clientId}`, i);
  };
  next.forEach(index);
  for (const message of incoming) {
    const i = at.get(message.id) ?? at.get(`\n${message.clientId}`);
    if (i === undefined) {
      index(message, next.push(message) - 1);
      added.push(message);
    } else if (replace) {
      // What only the client knows (the sentiment it read) survives an echo that lacks it.
      index((next[i] = { ...next[i]!, ...message }), i);
    }
  }
  // Sorting is stable, so entries of one seq (an agent notice after its message) keep their order; and
  // V8's TimSort takes one pass over a list already in order, which a replay or a newer message leaves.
  return [next.sort((a, b) => a.seq - b.seq), added];
};

/** The strongest feeling in the customer's messages: angry over anxious; neutral is `undefined`. */
export const moodOf = (messages: readonly Message[]): Sentiment | undefined => {
  let mood: Sentiment | undefined;
  for (const m of messages) {
    if (m.role === 'customer' && m.sentiment && m.sentiment !== 'neutral' && mood !== 'angry') mood = m.sentiment;
  }
  return mood;
};
