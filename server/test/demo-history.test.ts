// The demo's generated history (server/demo-history.ts): a month of conversations that the metrics read like
// real ones, made once per database, and marked as demo data.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, like } from 'drizzle-orm';
import { addDemoHistory } from '../demo-history.js';
import { customers, settings } from '../db/schema.js';
import { computeMetrics } from '../services/metrics.js';
import { kinds, testServer, type TestServer } from './helpers.js';

for (const kind of kinds()) {
  describe(`demo history (${kind})`, () => {
    let server: TestServer;
    const now = Date.parse('2026-11-30T12:00:00Z');
    before(async () => {
      server = await testServer(kind);
    });
    after(() => server.close());

    it('fills 30 days with conversations the metrics count, with knowledge gaps, once', async () => {
      assert.equal(await addDemoHistory(server.app.db, now, 300), 300);
      assert.equal(await addDemoHistory(server.app.db, now, 300), 0, 'a second start adds nothing');
      const metrics = await computeMetrics(server.app.db, {
        from: '2026-10-31T12:00:00Z',
        to: '2026-11-30T12:00:00Z',
      });
      const { totals } = metrics;
      assert.equal(totals.conversations, 300);
      assert.ok(metrics.days.filter((d) => d.conversations > 0).length >= 25, 'most days have conversations');
      assert.ok(totals.csat.responses > 50 && totals.csat.average! > 3 && totals.csat.average! < 5, 'CSAT');
      assert.ok(totals.botToHuman!.rate! > 0.15 && totals.botToHuman!.rate! < 0.6, 'bot to human');
      assert.ok(totals.firstResponseSeconds.count === totals.handedOff, 'every hand-off was answered');
      assert.ok(totals.handlingSeconds.p50! > 60, 'handling takes minutes');
      assert.ok(totals.unrated.count > 0, 'some customers dismissed the rating');
      assert.ok(totals.reopen.rate! > 0.02 && totals.reopen.rate! < 0.2, 'some came back about the same thing');
      const invoice = metrics.knowledgeGaps.find((g) => g.query === '可以开发票吗');
      assert.ok(invoice && invoice.count > 3 && invoice.examples.length > 1, 'a gap asked several ways');
      assert.ok(metrics.articles.length > 0, 'article votes');
      // Demo data says so.
      const [mark] = await server.app.db.select().from(settings).where(eq(settings.key, 'demo_history'));
      assert.equal((mark!.value as { conversations: number }).conversations, 300);
      const demo = await server.app.db.select().from(customers).where(like(customers.id, 'u:demo-history-%'));
      assert.ok(demo.length > 0 && demo.every((c) => c.name?.endsWith('(demo)')));
    });
  });
}
