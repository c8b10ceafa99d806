/**
 * Files an agent attaches to a reply before sending it: checked as the widget checks them (type and size,
 * src/core/validate.ts, the reference server's limits too), uploaded at once, listed with their progress, and
 * kept per reply (a conversation, a ticket), so that switching between them keeps each one's own files.
 */
import { atom, type ReadableAtom } from 'nanostores';
import type { Attachment } from '../core/types.js';
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS, checkFile, type Problem } from '../core/validate.js';
import { DeskError, type DeskApi } from './api.js';

/** Most files in one reply, as the server takes them. */
export const FILES_MAX = 10;

/** A file waiting to go with a reply. */
export interface PendingFile {
  key: string;
  name: string;
  size: number;
  type: string;
  status: 'uploading' | 'done' | 'failed';
  /** Share uploaded, 0 to 1. */
  progress: number;
  /** Set once uploaded. */
  attachment?: Attachment;
}

/** One reply's files, and why the last files given to it were refused (the draft stays as it was). */
export interface ReplyFiles {
  files: PendingFile[];
  refused: Problem[];
}

/** The key of a ticket's reply in {@link DeskAttachments.$files}; a conversation's is its id. */
export const ticketReplyKey = (ticketId: string) => `ticket:${ticketId}`;

export interface DeskAttachments {
  /** Per reply: a conversation id, or {@link ticketReplyKey} of a ticket. */
  $files: ReadableAtom<Record<string, ReplyFiles>>;
  /** Checks the files and uploads the accepted ones; the others are refused with the reason. */
  add(reply: string, files: Iterable<File>): void;
  /** Drops a file, cancelling its upload. */
  remove(reply: string, key: string): void;
  /** Uploads a failed file again. */
  retry(reply: string, key: string): void;
  /**
   * The uploaded files, ready to send; undefined while one still uploads or has failed, so that no reply
   * goes without a file the agent attached.
   */
  ready(reply: string): Attachment[] | undefined;
  /** Forgets a reply's files: sent, or the reply is gone. */
  clear(reply: string): void;
  /** Forgets everything (signing out). */
  reset(): void;
}

let serial = 0;

/** `signedOut` is called when an upload answers 401. */
export const createDeskAttachments = (api: DeskApi, signedOut: () => void): DeskAttachments => {
  const $files = atom<Record<string, ReplyFiles>>({});
  /** The files themselves, for a retry, and their uploads in flight; neither belongs in a store. */
  const sources = new Map<string, File>();
  const uploads = new Map<string, AbortController>();

  const get = (reply: string): ReplyFiles => $files.get()[reply] ?? { files: [], refused: [] };
  const set = (reply: string, next: ReplyFiles) => $files.set({ ...$files.get(), [reply]: next });
  const patch = (reply: string, key: string, change: Partial<PendingFile>) => {
    const current = get(reply);
    if (current.files.some((f) => f.key === key))
      set(reply, { ...current, files: current.files.map((f) => (f.key === key ? { ...f, ...change } : f)) });
  };
  const forget = (key: string) => {
    uploads.get(key)?.abort();
    uploads.delete(key);
    sources.delete(key);
  };

  const upload = async (reply: string, key: string) => {
    const file = sources.get(key);
    if (!file) return;
    uploads.get(key)?.abort();
    const controller = new AbortController();
    uploads.set(key, controller);
    patch(reply, key, { status: 'uploading', progress: 0 });
    try {
      const attachment = await api.upload<Attachment>(
        'uploads',
        file,
        (progress) => patch(reply, key, { progress }),
        controller.signal,
      );
      patch(reply, key, { status: 'done', progress: 1, attachment });
    } catch (error) {
      if (controller.signal.aborted) return;
      // Anything but the server's answer (a network error included) leaves the file for a retry.
      if (!(error instanceof DeskError)) return patch(reply, key, { status: 'failed' });
      if (error.status === 401) signedOut();
      // The server refused the file itself: another try would not help, so it goes, with the reason.
      const refusal: Problem | undefined =
        error.status === 413
          ? { key: 'fileSize', params: { name: file.name, max: Math.floor(ATTACHMENT_MAX_BYTES / 2 ** 20) } }
          : error.status === 415
            ? { key: 'fileType', params: { name: file.name } }
            : undefined;
      if (!refusal) return patch(reply, key, { status: 'failed' });
      forget(key);
      const current = get(reply);
      set(reply, { files: current.files.filter((f) => f.key !== key), refused: [...current.refused, refusal] });
    } finally {
      if (uploads.get(key) === controller) uploads.delete(key);
    }
  };

  return {
    $files,

    add(reply, given) {
      const current = get(reply);
      const refused: Problem[] = [];
      const added: PendingFile[] = [];
      for (const file of given) {
        const problem = checkFile(file, ATTACHMENTS);
        if (problem) refused.push(problem);
        else if (current.files.length + added.length >= FILES_MAX) {
          refused.push({ key: 'tooMany', params: { max: FILES_MAX } });
          break;
        } else {
          const key = `f${++serial}`;
          sources.set(key, file);
          added.push({ key, name: file.name, size: file.size, type: file.type, status: 'uploading', progress: 0 });
        }
      }
      set(reply, { files: [...current.files, ...added], refused });
      for (const { key } of added) void upload(reply, key);
    },

    remove(reply, key) {
      forget(key);
      const current = get(reply);
      set(reply, { files: current.files.filter((f) => f.key !== key), refused: [] });
    },

    retry(reply, key) {
      void upload(reply, key);
    },

    ready(reply) {
      const { files } = get(reply);
      return files.every((f) => f.attachment) ? files.flatMap((f) => f.attachment ?? []) : undefined;
    },

    clear(reply) {
      for (const { key } of get(reply).files) forget(key);
      const { [reply]: _gone, ...rest } = $files.get();
      $files.set(rest);
    },

    reset() {
      for (const key of [...sources.keys()]) forget(key);
      $files.set({});
    },
  };
};
