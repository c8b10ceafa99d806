/** The team's metrics for admins: JSON, or one table of them as CSV (docs/desk-api.md § Metrics). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { forbidden } from '../../errors.js';
import { Locale, Type } from '../../schemas.js';
import { computeMetrics, metricsCsv } from '../../services/metrics.js';
import { agentOf } from './index.js';

const Bound = Type.String({ minLength: 10, maxLength: 40 });
const MetricsQuery = Type.Object(
  {
    from: Type.Optional(Bound),
    to: Type.Optional(Bound),
    agent: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    tz: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    locale: Type.Optional(Locale),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    table: Type.Optional(Type.Union([Type.Literal('days'), Type.Literal('articles'), Type.Literal('gaps')])),
  },
  { additionalProperties: false },
);

export const deskMetricsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/metrics', { schema: { querystring: MetricsQuery } }, async (request, reply) => {
    if (agentOf(request).role !== 'admin') throw forbidden('Only an admin may see the team’s metrics');
    const { format, table = 'days', ...query } = request.query;
    const metrics = await computeMetrics(app.db, query);
    const wantsCsv = format === 'csv' || (!format && /\btext\/csv\b/.test(request.headers.accept ?? ''));
    if (!wantsCsv) return metrics;
    const name = `metrics-${table}-${metrics.period.from.slice(0, 10)}-${metrics.period.to.slice(0, 10)}.csv`;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(metricsCsv(metrics, table));
  });
};
