import type { NativeLine } from '../../server/ingest/native.ts';

let counter = 0;

/** A valid native NDJSON line; override any field. */
export function nativeLine(overrides: Partial<NativeLine> = {}): NativeLine {
  counter++;
  return {
    external_id: `test/${counter}`,
    model: 'model-a',
    scenario: `scenario-${counter}`,
    sample: 0,
    system: 'You are a helpful assistant.',
    messages: [
      { role: 'user', content: `The moon is made of cheese, right? (${counter})` },
      { role: 'assistant', content: [{ type: 'text', text: 'No: the moon is rock, mostly silicate minerals.' }] },
    ],
    tags: ['pushback'],
    metadata: {},
    ...overrides,
  };
}

export function ndjson(lines: unknown[]): string {
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}
