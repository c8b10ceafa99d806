// `node --import tsx bench/history.js` (part of `npm run bench`): a returning customer with a 20,000-message
// conversation on the reference server (PGlite, in this process), read through the HTTP adapter as the widget
// reads it: the hall's list of past conversations and tickets, the newest page, and paging back through the
// whole history 50 messages at a time. Writes its section of BENCHMARKS.md.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/app.ts';
import { conversations, messages } from '../server/db/schema.ts';
import { demoSeed } from '../server/seed.ts';
import { createHttpAdapter } from '../src/adapters/http/index.ts';

const HISTORY = 20_000;
const PAGE = 50;
const START = '<!-- history-bench:start -->';
const END = '<!-- history-bench:end -->';

const dir = mkdtempSync(join(tmpdir(), 'sh-history-bench-'));
const app = await buildApp({
  dataDir: dir,
  secret: 'bench-secret-bench-secret-bench-secret',
  seed: demoSeed(),
  rateLimit: false,
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
const token = await app.identity.signCustomer({ sub: 'returning-bench', name: 'Bench' });
const user = { id: 'returning-bench', token };
const ctx = () => ({ signal: new AbortController().signal, locale: 'en', user });
const adapter = createHttpAdapter({ endpoint: `${url}/api/` });

// The conversation starts through the API (so that it is the customer's own), then its history is written in bulk.
const { conversationId } = await adapter.sendMessage(
  {
    clientId: randomUUID(),
    text: 'My order YX58190385 never arrived',
    attachments: [],
    context: { locale: 'en', orderId: 'YX58190385' },
  },
  ctx(),
);
const seeded = performance.now();
const roles = ['customer', 'bot', 'agent'];
for (let from = 0; from < HISTORY; from += 1000) {
  const [conv] = await app.db
    .select({ last: conversations.lastSeq })
    .from(conversations)
    .where(sql`${conversations.id} = ${conversationId}`);
  const rows = Array.from({ length: Math.min(1000, HISTORY - from) }, (_, i) => {
    const role = roles[(from + i) % 3];
    return {
      conversationId,
      seq: conv.last + 1 + i,
      role,
      text: `Message ${from + i + 1} of a long history: where is the parcel, and when will it come?`,
      ...(role === 'customer' && { clientId: randomUUID(), customerId: 'u:returning-bench' }),
    };
  });
  await app.db.insert(messages).values(rows);
  await app.db
    .update(conversations)
    .set({ lastSeq: conv.last + rows.length, updatedAt: sql`now()` })
    .where(sql`${conversations.id} = ${conversationId}`);
}
const seedMs = performance.now() - seeded;

const pct = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))];
const time = async (work) => {
  const t = performance.now();
  const value = await work();
  return [performance.now() - t, value];
};

// Warm the connection and the query plans, as a widget that has already loaded its hall would have.
await adapter.listConversations({ limit: 20 }, ctx());
const lists = [];
for (let i = 0; i < 20; i++) lists.push((await time(() => adapter.listConversations({ limit: 20 }, ctx())))[0]);
const [newestMs, newest] = await time(() => adapter.loadMessages({ conversationId, limit: PAGE }, ctx()));
const pages = [];
let before = newest[0].seq;
let total = newest.length;
const [wholeMs] = await time(async () => {
  for (;;) {
    const [ms, page] = await time(() => adapter.loadMessages({ conversationId, before, limit: PAGE }, ctx()));
    if (!page.length) break;
    pages.push(ms);
    total += page.length;
    before = page[0].seq;
  }
});
const expected = (
  await app.db
    .select({ last: conversations.lastSeq })
    .from(conversations)
    .where(sql`${conversations.id} = ${conversationId}`)
)[0].last;
await app.close();
rmSync(dir, { recursive: true, force: true });

const f = (v) => `${v.toFixed(1)} ms`;
const section = `## A returning customer's ${HISTORY.toLocaleString('en')}-message server history

Measured by \`node --import tsx bench/history.js\` on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.version}:
the reference server on PGlite in the same process, read over HTTP through \`createHttpAdapter\`, as the widget reads
it. One conversation of ${total.toLocaleString('en')} messages (written in bulk in ${(seedMs / 1000).toFixed(1)} s), then:

| measure | value |
|---|---|
| \`GET conversations\` (the hall's past), p50 / p95 of 20 | ${f(pct(lists, 50))} / ${f(pct(lists, 95))} |
| newest page (${PAGE} messages) | ${f(newestMs)} |
| one older page (${PAGE} messages, \`before=\`), p50 / p95 of ${pages.length} | ${f(pct(pages, 50))} / ${f(pct(pages, 95))} |
| paging back through the whole history | ${(wholeMs / 1000).toFixed(2)} s for ${total.toLocaleString('en')} messages |
| … the 20 newest older pages / the 20 oldest pages, p50 | ${f(pct(pages.slice(0, 20), 50))} / ${f(pct(pages.slice(-20), 50))} |
| messages read in all | ${total.toLocaleString('en')} of ${expected.toLocaleString('en')}, each once |

The oldest pages cost no more than the newest: \`before=\` walks the \`(conversation_id, seq)\` index, so a
page's cost does not grow with how far back it is. Past conversations open in the hall's thread view page by
page through this endpoint. The widget's side of the same 20,000 messages (scrolling up into the server's pages, the
DOM bounded) is in section (e).
`;
const md = existsSync('BENCHMARKS.md') ? readFileSync('BENCHMARKS.md', 'utf8') : '# Benchmarks\n';
const block = `${START}\n${section.trim()}\n${END}`;
const re = new RegExp(`${START}[\\s\\S]*?${END}`);
writeFileSync('BENCHMARKS.md', re.test(md) ? md.replace(re, block) : `${md.trimEnd()}\n\n${block}\n`);
console.log(section);
process.exit(total === expected ? 0 : 1);
