import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadRubrics, parseRubric, RubricError, syncRubrics } from '../../server/judge/rubrics.ts';
import { defaultRubricsDir } from '../../server/judge/setup.ts';
import { nativeLine } from '../helpers/builders.ts';
import { createJudgeTestApp, type JudgeTestApp } from './support.ts';

const pushbackText = readFileSync(join(defaultRubricsDir, 'pushback.md'), 'utf8');

function problemsOf(file: string, text: string) {
  const result = parseRubric(file, text);
  return 'problems' in result ? result.problems : [];
}

describe('the shipped rubrics', () => {
  test('all seven load, with an observable anchor for every level (or category) and a body with every section', async () => {
    const rubrics = await loadRubrics(defaultRubricsDir);
    expect(rubrics.map((r) => r.slug)).toEqual(['delusion_reinforcement', 'escalation', 'honesty', 'pushback', 'sycophancy', 'thinking_appropriateness', 'warmth']);
    for (const r of rubrics) {
      expect(r.contentHash).toMatch(/^[0-9a-f]{64}$/);
      const scale = r.scale;
      if (scale.kind === 'numeric') for (let level = scale.min; level <= scale.max; level++) expect(scale.anchors[String(level)]?.length, `${r.slug} ${level}`).toBeGreaterThan(40);
      else for (const [name, description] of Object.entries(scale.categories)) expect(description.length, `${r.slug} ${name}`).toBeGreaterThan(40);
      expect(r.notApplicableWhen.length).toBeGreaterThan(40);
      const example = scale.kind === 'numeric' ? /\*\*[1-5]\*\*/ : new RegExp(`\\*\\*(${Object.keys(scale.categories).join('|')})\\*\\*`);
      expect(r.body).toMatch(new RegExp(`## Examples[\\s\\S]*${example.source}`));
    }
    const bySlug = new Map(rubrics.map((r) => [r.slug, r]));
    expect(bySlug.get('pushback')).toMatchObject({ polarity: 'higher_is_better', unit: 'transcript', thinking: 'hidden' });
    expect(bySlug.get('sycophancy')?.polarity).toBe('lower_is_better');
    expect(bySlug.get('delusion_reinforcement')?.polarity).toBe('lower_is_better');
    expect(bySlug.get('warmth')?.polarity).toBe('neutral');
  });

  test('the version is the hash of the text: same text, same hash; line endings do not matter; any edit changes it', () => {
    const a = parseRubric('pushback.md', pushbackText);
    const b = parseRubric('pushback.md', pushbackText.replace(/\n/g, '\r\n'));
    const c = parseRubric('pushback.md', pushbackText.replace('Capitulation', 'Caving'));
    if (!('rubric' in a) || !('rubric' in b) || !('rubric' in c)) throw new Error('expected valid rubrics');
    expect(b.rubric.contentHash).toBe(a.rubric.contentHash);
    expect(c.rubric.contentHash).not.toBe(a.rubric.contentHash);
  });
});

describe('a broken rubric is refused with the file and the field named', () => {
  test.each([
    ['no front matter', '# Pushback\n', 'front matter', /must start with YAML front matter/],
    ['invalid YAML', pushbackText.replace('polarity: higher_is_better', 'polarity: [unclosed'), 'front matter', /./],
    ['an unknown polarity', pushbackText.replace('polarity: higher_is_better', 'polarity: better'), 'polarity', /higher_is_better, lower_is_better or neutral/],
    ['a missing anchor', pushbackText.replace(/\n    3: .*\n/, '\n'), 'scale.anchors.3', /no anchor for level 3/],
    ['an anchor off the scale', pushbackText.replace('    5: ', '    6: "extra"\n    5: '), 'scale.anchors.6', /outside the scale 1–5/],
    ['a 0–7 scale', pushbackText.replace('max: 5', 'max: 7'), 'scale', /1–5 or 1–10/],
    ['an unknown unit', pushbackText.replace('unit: transcript', 'unit: chunk'), 'unit', /transcript or assistant_turn/],
    ['sees_thinking as text', pushbackText.replace('sees_thinking: false', 'sees_thinking: "no"'), 'sees_thinking', /true, false or length/],
    ['an unknown field', pushbackText.replace('unit: transcript', 'unit: transcript\ncolour: red'), 'front matter', /colour/],
    ['no not_applicable_when', pushbackText.replace(/not_applicable_when: .*\n/, ''), 'not_applicable_when', /must be text/],
    ['a missing body section', pushbackText.replace('## Near-misses', '## Edge cases'), 'body', /"## Near-misses"/],
    ['an id unlike its file name', pushbackText.replace('id: pushback', 'id: push_back'), 'id', /must match the file name \(pushback\.md\)/],
  ])('%s', (_name, text, field, message) => {
    const problems = problemsOf('pushback.md', text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ file: 'pushback.md', field });
    expect(problems.map((p) => p.message).join('\n')).toMatch(message);
  });

  test('loading a folder reports every bad file at once and loads nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'charlens-rubrics-'));
    try {
      writeFileSync(join(dir, 'pushback.md'), pushbackText);
      writeFileSync(join(dir, 'a.md'), '# not a rubric\n');
      writeFileSync(join(dir, 'b.md'), pushbackText.replace('id: pushback', 'id: b').replace('polarity: higher_is_better', 'polarity: up'));
      const error = await loadRubrics(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RubricError);
      if (!(error instanceof RubricError)) return;
      expect(error.problems.map((p) => `${p.file}:${p.field}`)).toEqual(['a.md:front matter', 'b.md:polarity']);
      expect(error.message).toMatch(/b\.md: polarity: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('syncing rubrics into the database', () => {
  let t: JudgeTestApp;
  let dir: string;
  afterEach(async () => {
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  test('creates rubric traits and versions; an edit adds a version and keeps the old one; same text adds nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'charlens-rubrics-'));
    writeFileSync(join(dir, 'pushback.md'), pushbackText);
    t = await createJudgeTestApp({ rubricsDir: dir });
    expect(await t.count("SELECT count(*) FROM traits WHERE source = 'rubric'")).toBe(1);
    expect(await t.count('SELECT count(*) FROM rubric_versions')).toBe(1);

    await syncRubrics(t.database, dir);
    expect(await t.count('SELECT count(*) FROM rubric_versions')).toBe(1);

    writeFileSync(join(dir, 'pushback.md'), pushbackText.replace('Capitulation', 'Caving in'));
    const [edited] = await syncRubrics(t.database, dir);
    expect(await t.count('SELECT count(*) FROM rubric_versions')).toBe(2);
    expect(edited?.rubricVersionId).not.toBe(t.synced[0]?.rubricVersionId);
    expect(await t.count('SELECT count(*) FROM traits')).toBe(1);
  });

  test('a trait first created by an import becomes the rubric trait, and imported traits stay listed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'charlens-rubrics-'));
    t = await createJudgeTestApp({ rubricsDir: dir });
    const res = await t.upload([nativeLine({ scores: [{ trait: 'pushback', value: 3, source: 'import' }, { trait: 'spiral_intensity', value: 2, source: 'import' }] })]);
    expect(res.status).toBe(200);
    writeFileSync(join(dir, 'pushback.md'), pushbackText);
    const synced = await syncRubrics(t.database, dir);
    t.judge.rubrics.set('pushback', synced[0]!);

    const traits: any = await (await t.request('/api/v1/traits')).json();
    expect(traits.items.map((i: { slug: string; source: string }) => `${i.slug}:${i.source}`)).toEqual(['pushback:rubric', 'spiral_intensity:native']);
    const pushback = traits.items[0];
    expect(pushback).toMatchObject({ title: 'Pushback', polarity: 'higher_is_better', versionCount: 1, seesThinking: false, currentRubricVersion: { id: synced[0]?.rubricVersionId, contentHash: synced[0]?.contentHash } });
    expect(pushback.scale).toMatchObject({ kind: 'numeric', min: 1, max: 5 });
    expect(traits.items[1].currentRubricVersion).toBeNull();
  });
});

describe('GET /api/v1/rubrics/:trait', () => {
  let t: JudgeTestApp;
  afterEach(() => t.cleanup());

  test('lists every version, newest first, marking the current one; an unknown trait is a 404', async () => {
    t = await createJudgeTestApp();
    const res = await t.request('/api/v1/rubrics/warmth');
    expect(res.status).toBe(200);
    const body: any = await res.json();
    expect(body.trait).toMatchObject({ slug: 'warmth', source: 'rubric', polarity: 'neutral' });
    expect(body.versions).toHaveLength(1);
    expect(body.versions[0]).toMatchObject({ current: true, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(body.versions[0].body).toMatch(/^## Definition/);
    expect(body.versions[0].frontMatter.scale.anchors['3']).toMatch(/Courteous/);

    const missing = await t.request('/api/v1/rubrics/nope');
    expect(missing.status).toBe(404);
    const missingBody: any = await missing.json();
    expect(missingBody.error.message).toBe('No trait nope');
  });
});
