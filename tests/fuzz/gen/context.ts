import type { Limits } from '../../../server/env.ts';

/** A file from tests/fixtures/import, by its path under that folder (`mtbench/question.jsonl`). */
export interface FixtureFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * Everything a generator may know about the app it fuzzes; plain data, so generation stays a pure function
 * of (seed, index, context). `known` holds real ids and names from the seeded database, so that some
 * requests reach the code behind the validators instead of stopping at a 404.
 */
export interface FuzzContext {
  /** The served OpenAPI document: the routes and parameters the query generator enumerates. */
  openapi: unknown;
  limits: Limits;
  fixtures: FixtureFile[];
  known: {
    transcriptIds: string[];
    scenarioKeys: string[];
    externalIds: string[];
    models: string[];
    traits: string[];
    tokenIds: string[];
  };
}

export function fixture(context: FuzzContext, name: string): Uint8Array {
  const file = context.fixtures.find((f) => f.name === name);
  if (!file) throw new Error(`no fixture ${name}`);
  return file.bytes;
}
