import { anthropicFormat } from './anthropic.ts';
import type { ImportFormat } from './format.ts';
import type { TraitDefinition } from '../writer.ts';
import { hhRlhfFormat } from './hh-rlhf.ts';
import { inspectFormat } from './inspect.ts';
import { mtbenchFormat } from './mtbench.ts';
import { nativeFormat } from './native.ts';
import { openaiFormat } from './openai.ts';
import { spiralFormat } from './spiral.ts';

/** The formats charlens reads, one line each, in the order detection tries them (native before chat JSONL). */
export const builtInFormats: readonly ImportFormat[] = [
  inspectFormat,
  spiralFormat,
  mtbenchFormat,
  hhRlhfFormat,
  nativeFormat,
  anthropicFormat,
  openaiFormat,
];

export type FormatRegistry = readonly ImportFormat[];

export function formatNames(registry: FormatRegistry): string[] {
  return registry.map((f) => f.name);
}

export function findFormat(registry: FormatRegistry, name: string): ImportFormat | undefined {
  return registry.find((f) => f.name === name);
}

/** "Inspect AI log (inspect), Spiral-Bench result JSON (spiral), …" for error texts. */
export function describeFormats(registry: FormatRegistry): string {
  return registry.map((f) => `${f.title} (${f.name})`).join(', ');
}

/** Every trait the formats bring, by slug. */
export function formatTraits(registry: FormatRegistry): Record<string, TraitDefinition> {
  const out: Record<string, TraitDefinition> = {};
  for (const format of registry) Object.assign(out, format.traits);
  return out;
}
