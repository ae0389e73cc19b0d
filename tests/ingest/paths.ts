import { describe, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Small fixtures written for these tests. */
export const fixtureDir = path.resolve(__dirname, '../fixtures/import');
export function fixture(name: string): string {
  return readFileSync(path.join(fixtureDir, name), 'utf8');
}

/**
 * Real public eval files (../shared/data/README.md lists them and their counts). They stay outside the
 * project; where the folder is absent the real-data tests skip, saying so.
 */
export const dataDir = path.resolve(__dirname, '../../../shared/data');
export const hasRealData = existsSync(dataDir);
if (!hasRealData) console.log(`real-data import tests skipped: ${dataDir} is absent`);

/**
 * A suite over the real data: defined normally where the data is present; where it is absent, one skipped
 * test stands in, so that the suite's body (which reads the files while tests are collected) never runs.
 */
export function describeRealData(name: string, body: () => void): void {
  if (hasRealData) describe(name, body);
  else describe.skip(name, () => test.skip(`${dataDir} is absent`, () => undefined));
}
