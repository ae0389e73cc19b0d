import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import type { AppEnv } from '../context.ts';
import { exportKinds, exportRows } from '../exports/exports.ts';
import { doc } from '../lib/openapi.ts';
import { storedString } from '../lib/text.ts';
import { validate } from '../lib/validator.ts';
import { modelIds, traitBySlug } from '../queries/stats/common.ts';
import { scoreSourceSchema } from '../schemas/common.ts';

const exportQuery = z.object({
  format: z.enum(['csv', 'jsonl']).default('csv').describe('csv (with a header; cells that would run as spreadsheet formulas get a leading apostrophe) or jsonl'),
  trait: storedString({ max: 100 }).optional().describe('Only this trait'),
  model: storedString({ max: 200 }).optional().describe('Only this model version'),
  source: scoreSourceSchema.optional().describe('Only this source'),
});

/** Data out, streamed a page at a time: score rows, human labels, verdicts, per-transcript values, per-version statistics. */
export const exportRoutes = new Hono<AppEnv>().get(
  '/:kind',
  doc({
    summary: 'Export scores, labels, comparisons, values (the one number per transcript and trait) or stats, as CSV or JSON lines',
    tags: ['exports'],
    success: { status: 200, description: 'The rows, streamed', mediaType: ['text/csv', 'application/x-ndjson'] },
    errors: [400, 404],
  }),
  validate('param', z.object({ kind: z.enum(exportKinds).describe('What to export') })),
  validate('query', exportQuery),
  async (c) => {
    const { kind } = c.req.valid('param');
    const query = c.req.valid('query');
    const { db } = c.var.deps.database;
    // Unknown names are a 404 before the stream starts (a stream cannot change its status).
    if (query.trait) await traitBySlug(db, query.trait);
    if (query.model) await modelIds(db, [query.model]);
    const csv = query.format === 'csv';
    c.header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    c.header('content-disposition', `attachment; filename="charlens-${kind}.${csv ? 'csv' : 'jsonl'}"`);
    return stream(c, async (out) => {
      for await (const chunk of exportRows(db, kind, query.format, query)) await out.write(chunk);
    });
  },
);
