import type { ConversationEvent, StreamSink } from '../../core/adapter.js';
import type { Agent, Locale, Message } from '../../core/types.js';

/** Where a conversation stands with the human team. */
export type HumanState = 'none' | 'queued' | 'connected' | 'closed';

/** Scheduled work is grouped so that leaving the queue or a human joining can cancel one kind only. */
export type JobKind = 'bot' | 'human' | 'agent';

interface Job {
  at: number;
  kind: JobKind;
  run(): void;
}

/**
 * One conversation on the simulated server: its stored messages, its
 * listeners and the work its bot and agent have scheduled.
 *
 * Scheduled work runs only while someone listens, like a server that holds
 * replies for a client that dropped: when the last listener leaves, the timer
 * is cleared and due work waits; the next listener gets it after the replay.
 */
export class Conversation {
  readonly messages: Message[] = [];
  human: HumanState = 'none';
  /** Queue position while `human` is `queued`; 1 is next. */
  position = 0;
  etaSeconds?: number;
  agent?: Agent;
  /** Who closed it, while `human` is `closed`. */
  closedBy?: 'agent' | 'customer';
  /** The order it is about, from the context of the customer's messages. */
  orderId?: string;
  /** Agent replies so far, to vary them. */
  turns = 0;
  private readonly sinks = new Set<StreamSink>();
  private jobs: Job[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly id: string,
    public locale: Locale,
  ) {}

  /** Stores a message with the next `seq` and delivers it. */
  post(fields: Omit<Message, 'id' | 'seq' | 'conversationId' | 'createdAt'>): Message {
    const seq = (this.messages.at(-1)?.seq ?? 0) + 1;
    const message: Message = {
      ...fields,
      id: `${this.id}-${seq}`,
      seq,
      conversationId: this.id,
      createdAt: new Date().toISOString(),
    };
    this.messages.push(message);
    this.emit({ type: 'message', message });
    return message;
  }

  emit(event: ConversationEvent): void {
    for (const sink of this.sinks) deliver(sink, event);
  }

  /** The event that tells a newly connected listener where the hand-off stands. */
  private status(): ConversationEvent | undefined {
    if (this.human === 'queued') return { type: 'queue', position: this.position, etaSeconds: this.etaSeconds };
    if (this.human === 'connected' && this.agent) return { type: 'agent', status: 'joined', agent: this.agent };
    if (this.human === 'closed') return { type: 'closed', by: this.closedBy };
    return undefined;
  }

  /** Replays messages after `after`, then the hand-off status, then streams live. Returns detach. */
  attach(sink: StreamSink, after: number): () => void {
    for (const message of this.messages) if (message.seq > after) deliver(sink, { type: 'message', message });
    const status = this.status();
    if (status) deliver(sink, status);
    this.sinks.add(sink);
    this.arm();
    return () => {
      this.sinks.delete(sink);
      this.arm();
    };
  }

  /** Schedules `run` in `ms`. */
  later(kind: JobKind, ms: number, run: () => void): void {
    this.jobs.push({ at: Date.now() + ms, kind, run });
    this.arm();
  }

  /** Drops scheduled work of the given kinds, or all of it. */
  cancel(...kinds: JobKind[]): void {
    this.jobs = kinds.length ? this.jobs.filter((job) => !kinds.includes(job.kind)) : [];
    this.arm();
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.sinks.size || !this.jobs.length) return;
    const next = Math.min(...this.jobs.map((job) => job.at));
    this.timer = setTimeout(() => this.tick(), Math.max(0, next - Date.now()));
  }

  // One job at a time, earliest first (ties in scheduling order), so that a job
  // cancelling others (a human joining silences the bot) takes effect at once.
  private tick(): void {
    for (let job = this.takeDue(); job; job = this.takeDue()) job.run();
    this.arm();
  }

  private takeDue(): Job | undefined {
    const now = Date.now();
    let first: Job | undefined;
    for (const job of this.jobs) if (job.at <= now && (!first || job.at < first.at)) first = job;
    if (first) this.jobs.splice(this.jobs.indexOf(first), 1);
    return first;
  }
}

// A listener that throws must not stop the simulation or the other listeners; the error is still reported.
const deliver = (sink: StreamSink, event: ConversationEvent): void => {
  try {
    sink.event(event);
  } catch (error) {
    globalThis.reportError?.(error);
  }
};
