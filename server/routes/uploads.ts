/**
 * Uploads: multipart in, type sniffed from the file's first bytes (the declared type is not trusted), size
 * limited, stored in DATA_DIR/uploads under a random id (outside any served folder). Served back only through
 * short-lived signed URLs, since an `<img>` cannot send a Bearer token.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { uploads } from '../db/schema.js';
import { HttpError, notFound } from '../errors.js';
import { IdParams, Type } from '../schemas.js';
import { isUuid } from '../services/conversations.js';
import { apiBase, customerOf } from './index.js';

/**
 * Magic numbers of the accepted types: ATTACHMENT_TYPES of src/core/validate.ts, which the widget and the desk
 * check before they upload. Six formats need no library: file-type, the usual one, requires Node 22.
 */
const SNIFF: [type: string, test: (head: Buffer) => boolean][] = [
  ['image/png', (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['image/jpeg', (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff],
  ['image/gif', (h) => /^GIF8[79]a/.test(h.subarray(0, 6).toString('latin1'))],
  [
    'image/webp',
    (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP',
  ],
  [
    'image/heic',
    (h) =>
      h.subarray(4, 8).toString('latin1') === 'ftyp' &&
      /^(heic|heix|mif1|msf1)$/.test(h.subarray(8, 12).toString('latin1')),
  ],
  ['application/pdf', (h) => h.subarray(0, 5).toString('latin1') === '%PDF-'],
];

/** Plain text: valid UTF-8 without control characters other than whitespace. */
const isText = (head: Buffer) => {
  try {
    // `stream`: the sniffed head may end inside a character.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: head.length >= HEAD });
    return !/(?![\t\n\r\f\v])\p{Cc}/u.test(text);
  } catch {
    return false;
  }
};

const sniff = (head: Buffer, declared: string): string | undefined =>
  SNIFF.find(([, test]) => test(head))?.[0] ??
  (declared === 'text/plain' && head.length && isText(head) ? 'text/plain' : undefined);

const HEAD = 4096;
const SignedQuery = Type.Object({ expires: Type.Integer(), sig: Type.String({ maxLength: 100 }) });

/** Receives one multipart file for a customer or an agent, and answers with its attachment. */
export const receiveUpload = async (
  app: FastifyInstance,
  request: FastifyRequest,
  owner: { customerId?: string; agentId?: string },
) => {
  const dir = app.config.uploadsDir;
  if (!request.isMultipart()) throw new HttpError(415, 'unsupported_type', 'Send the file as multipart/form-data');
  const part = await request.file();
  if (!part || part.fieldname !== 'file') throw new HttpError(400, 'invalid', 'A multipart "file" field is required');
  const id = randomUUID();
  const temp = join(dir, `${id}.part`);
  let head = Buffer.alloc(0);
  let size = 0;
  const sniffer = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (head.length < HEAD) head = Buffer.concat([head, chunk.subarray(0, HEAD - head.length)]);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(part.file, sniffer, createWriteStream(temp, { flags: 'wx' }));
    if (part.file.truncated)
      throw new HttpError(413, 'too_large', `Files up to ${Math.floor(app.config.uploadLimit / 2 ** 20)} MB`);
    const type = sniff(head, part.mimetype);
    if (!type) throw new HttpError(415, 'unsupported_type', 'Images (PNG, JPEG, GIF, WebP, HEIC), PDF and text only');
    const name = (part.filename || 'file').replace(/[\p{Cc}/\\]/gu, '_').slice(0, 200);
    await rename(temp, join(dir, id));
    await app.db.insert(uploads).values({ id, ...owner, name, type, size });
    return { id, name, size, type, url: apiBase(request) + app.conversations.signUpload(id) };
  } finally {
    await rm(temp, { force: true });
  }
};

export const uploadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const dir = app.config.uploadsDir;
  await mkdir(dir, { recursive: true });

  app.post('/uploads', async (request) => receiveUpload(app, request, { customerId: customerOf(request).id }));

  app.get('/uploads/:id', { schema: { params: IdParams, querystring: SignedQuery } }, async (request, reply) => {
    const { id } = request.params;
    if (!isUuid(id) || !app.conversations.checkUpload(id, request.query.expires, request.query.sig))
      throw notFound('No such file, or its link has expired');
    const [row] = await app.db.select().from(uploads).where(eq(uploads.id, id));
    if (!row) throw notFound('No such file');
    await stat(join(dir, id));
    const inline = row.type.startsWith('image/');
    return reply
      .header('content-type', row.type)
      .header('content-length', row.size)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=3600')
      .header(
        'content-disposition',
        `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(row.name)}`,
      )
      .send(createReadStream(join(dir, id)));
  });
};
