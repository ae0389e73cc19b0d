import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.ts';
import type { JudgeDeps } from '../judge/deps.ts';
import { auditCaller } from '../auth/audit.ts';
import { Unprocessable } from '../lib/errors.ts';
import { doc } from '../lib/openapi.ts';
import { validate } from '../lib/validator.ts';
import { idSchema } from '../schemas/common.ts';
import {
  createdDraftRunSchema,
  createdThemeRunSchema,
  diffQuery,
  draftListSchema,
  draftSchema,
  editResultSchema,
  evalQuery,
  exportQuery,
  moveResultSchema,
  otherItemsSchema,
  rankedThemesSchema,
  rankQuery,
  statsOnlyQuery,
  themeDetailSchema,
  themeEstimateSchema,
  themeEvalSchema,
  themeRunListSchema,
  themeRunSchema,
  versionDiffSchema,
} from '../schemas/themes.ts';
import { createDraftRun, draftPatchBody, draftRunBody, draftTraits, exportDrafts, listDrafts, updateDraft } from '../themes/drafts.ts';
import { mergeBody, mergeTheme, moveBody, moveItem, renameBody, renameTheme, splitBody, splitTheme } from '../themes/edits.ts';
import { themeEval } from '../themes/eval.ts';
import { createThemeRun, planThemeRun, themeRunBody } from '../themes/runs.ts';
import { listThemeRuns, otherItems, rankedThemes, themeDetail, themeRunView, versionDiff } from '../themes/view.ts';

const tags = ['themes'];
const runParam = z.object({ id: idSchema });
const themeParam = z.object({ themeId: idSchema });

function judgeOf(c: Context<AppEnv>): JudgeDeps {
  const judge = c.var.deps.judge;
  if (!judge) throw new Unprocessable('The judge is not configured on this server: themes are found by its job machinery');
  return judge;
}

function withClient(c: Context<AppEnv>): JudgeDeps {
  const judge = judgeOf(c);
  if (!judge.client) throw new Unprocessable('The judge has no API key: set ANTHROPIC_API_KEY and restart the server');
  return judge;
}

/**
 * Themes: from a selection of failing transcripts (and feedback) to named failure themes, researcher edits,
 * drafted eval scenarios, and that eval's failure rate per model version. Runs are judge runs of kind `themes`
 * or `drafts`: their progress, jobs, cancel and resume are the judge's routes.
 */
export const themeRoutes = new Hono<AppEnv>()
  .post(
    '/estimate',
    doc({ summary: 'Items, requests and cost of a theme run, without starting it', tags, success: { status: 200, description: 'The estimate', schema: themeEstimateSchema }, errors: [400, 422] }),
    validate('json', themeRunBody),
    async (c) => {
      const judge = judgeOf(c);
      const body = c.req.valid('json');
      const plan = await planThemeRun(c.var.deps.database.db, body, judge.config);
      return c.json({ model: plan.model, description: plan.description, items: plan.items.length, version: (plan.previous?.version ?? 0) + 1, estimate: plan.estimate, overBudget: plan.estimate.costUsd > body.budgetUsd }, 200);
    },
  )
  .post(
    '/runs',
    doc({
      summary: 'Start a theme discovery run over a selection (and feedback)',
      description: 'Map: one note of what went wrong per item, with verified quotes; reduce: notes into named themes (in rounds when they do not fit one request); assign: every item to one theme or "other". Re-running the same selection makes the next version, starting from the last one’s themes and researcher edits.',
      tags,
      success: { status: 201, description: 'The run was created', schema: createdThemeRunSchema },
      errors: [400, 404, 422],
    }),
    validate('json', themeRunBody),
    async (c) => {
      const judge = withClient(c);
      const body = c.req.valid('json');
      const { database } = c.var.deps;
      const plan = await planThemeRun(database.db, body, judge.config);
      const { id, version } = await createThemeRun(database, plan, body, c.var.user.id);
      await auditCaller(c, { action: 'themes.run.create', target: id, details: { model: plan.model, version, items: plan.items.length, selection: plan.description, estimateUsd: plan.estimate.costUsd, budgetUsd: body.budgetUsd, mode: body.mode } });
      judge.worker?.wake();
      return c.json({ id, version, estimate: plan.estimate }, 201);
    },
  )
  .get('/runs', doc({ summary: 'The latest theme runs (100), every version', tags, success: { status: 200, description: 'Runs, newest first', schema: themeRunListSchema } }), async (c) => c.json({ items: await listThemeRuns(c.var.deps.database.db) }, 200))
  .get(
    '/runs/:id',
    doc({ summary: 'A theme run: selection, version, phase, progress, cost, notes and assignments', tags, success: { status: 200, description: 'The run', schema: themeRunSchema }, errors: [400, 404] }),
    validate('param', runParam),
    async (c) => c.json(await themeRunView(c.var.deps.database.db, c.req.valid('param').id), 200),
  )
  .get(
    '/runs/:id/themes',
    doc({
      summary: 'The themes of a run, ranked by size or by how much their share moved (between two model versions, or since another version) with CIs',
      tags,
      success: { status: 200, description: 'Ranked themes', schema: rankedThemesSchema },
      errors: [400, 404],
    }),
    validate('param', runParam),
    validate('query', rankQuery),
    async (c) => c.json(await rankedThemes(c.var.deps.database.db, c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .get(
    '/runs/:id/other',
    doc({ summary: 'The items of a run in no theme ("other"), with their notes', tags, success: { status: 200, description: 'Items', schema: otherItemsSchema }, errors: [400, 404] }),
    validate('param', runParam),
    async (c) => c.json({ items: await otherItems(c.var.deps.database.db, c.req.valid('param').id) }, 200),
  )
  .get(
    '/runs/:id/diff',
    doc({ summary: 'What moved between this version and another of the same selection (default the one before)', tags, success: { status: 200, description: 'Themes continued, new and gone; items that changed theme', schema: versionDiffSchema }, errors: [400, 404] }),
    validate('param', runParam),
    validate('query', diffQuery),
    async (c) => c.json(await versionDiff(c.var.deps.database.db, c.req.valid('param').id, c.req.valid('query').against), 200),
  )
  .post(
    '/runs/:id/items/:itemId/move',
    doc({ summary: 'Move an item to another theme of the run, or to "other" (a researcher edit, kept by later versions)', tags, success: { status: 200, description: 'Moved', schema: moveResultSchema }, errors: [400, 404, 409] }),
    validate('param', z.object({ id: idSchema, itemId: idSchema })),
    validate('json', moveBody),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await moveItem(c.var.deps.database, { userId: c.var.user.id }, p.id, p.itemId, c.req.valid('json').themeId), 200);
    },
  )
  .patch(
    '/drafts/:draftId',
    doc({ summary: 'Edit, accept or reject a drafted scenario', tags, success: { status: 200, description: 'The draft', schema: draftSchema }, errors: [400, 404] }),
    validate('param', z.object({ draftId: idSchema })),
    validate('json', draftPatchBody),
    async (c) => c.json(await updateDraft(c.var.deps.database, c.var.user.id, c.req.valid('param').draftId, c.req.valid('json'), draftTraits(judgeOf(c).rubrics)), 200),
  )
  .get(
    '/:themeId',
    doc({ summary: 'A theme: members with notes, representative verified quotes, share per model version, edits, lineage', tags, success: { status: 200, description: 'The theme', schema: themeDetailSchema }, errors: [400, 404] }),
    validate('param', themeParam),
    validate('query', statsOnlyQuery),
    async (c) => c.json(await themeDetail(c.var.deps.database.db, c.req.valid('param').themeId, c.req.valid('query')), 200),
  )
  .post(
    '/:themeId/rename',
    doc({ summary: 'Rename a theme, or reword its description or inclusion criteria (a researcher edit)', tags, success: { status: 200, description: 'Renamed', schema: editResultSchema }, errors: [400, 404, 409] }),
    validate('param', themeParam),
    validate('json', renameBody),
    async (c) => c.json(await renameTheme(c.var.deps.database, { userId: c.var.user.id }, c.req.valid('param').themeId, c.req.valid('json')), 200),
  )
  .post(
    '/:themeId/merge',
    doc({ summary: 'Merge a theme into another of the same run; its items move there', tags, success: { status: 200, description: 'Merged', schema: editResultSchema }, errors: [400, 404, 409] }),
    validate('param', themeParam),
    validate('json', mergeBody),
    async (c) => c.json(await mergeTheme(c.var.deps.database, { userId: c.var.user.id }, c.req.valid('param').themeId, c.req.valid('json').into), 200),
  )
  .post(
    '/:themeId/split',
    doc({ summary: 'Split some items of a theme off into a new theme', tags, success: { status: 200, description: 'The new theme', schema: editResultSchema }, errors: [400, 404, 409] }),
    validate('param', themeParam),
    validate('json', splitBody),
    async (c) => c.json(await splitTheme(c.var.deps.database, { userId: c.var.user.id }, c.req.valid('param').themeId, c.req.valid('json')), 200),
  )
  .post(
    '/:themeId/drafts',
    doc({ summary: 'Have Claude draft N eval scenarios for a theme (a drafting run)', tags, success: { status: 201, description: 'The drafting run', schema: createdDraftRunSchema }, errors: [400, 404, 409, 422] }),
    validate('param', themeParam),
    validate('json', draftRunBody),
    async (c) => {
      const judge = withClient(c);
      const result = await createDraftRun(c.var.deps.database, c.req.valid('param').themeId, c.req.valid('json'), judge.rubrics, judge.config, c.var.user.id);
      judge.worker?.wake();
      return c.json(result, 201);
    },
  )
  .get(
    '/:themeId/drafts',
    doc({ summary: "The drafted scenarios of a theme (and of the versions it continues), and the drafting runs", tags, success: { status: 200, description: 'Drafts', schema: draftListSchema }, errors: [400, 404] }),
    validate('param', themeParam),
    async (c) => c.json(await listDrafts(c.var.deps.database.db, c.req.valid('param').themeId), 200),
  )
  .get(
    '/:themeId/export',
    doc({
      summary: 'The accepted drafts as native NDJSON scenario lines (user turns only) or as an Inspect AI dataset (JSONL)',
      description: 'Native lines lack model and assistant turns: the sampling pipeline adds them and uploads to POST /transcripts/batch; the scenario key links the transcripts back to the theme. Inspect samples carry the key as id.',
      tags,
      success: { status: 200, description: 'JSON lines', mediaType: 'application/x-ndjson' },
      errors: [400, 404, 409],
    }),
    validate('param', themeParam),
    validate('query', exportQuery),
    async (c) => {
      const { themeId } = c.req.valid('param');
      const { format } = c.req.valid('query');
      const body = await exportDrafts(c.var.deps.database.db, themeId, format);
      c.header('content-type', 'application/x-ndjson; charset=utf-8');
      c.header('content-disposition', `attachment; filename="theme-${themeId}-${format === 'native' ? 'scenarios' : 'inspect-dataset'}.jsonl"`);
      return c.body(body, 200);
    },
  )
  .get(
    '/:themeId/eval',
    doc({ summary: "The theme's own eval: transcripts of its accepted drafts' scenarios and the failure rate per model version, with CIs", tags, success: { status: 200, description: 'The eval', schema: themeEvalSchema }, errors: [400, 404] }),
    validate('param', themeParam),
    validate('query', evalQuery),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await themeEval(c.var.deps.database.db, c.req.valid('param').themeId, q.source, q), 200);
    },
  );
