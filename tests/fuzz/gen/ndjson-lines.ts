import type { FuzzContext } from './context.ts';
import { hostileDepth, hostileString, invalidUtf8, longString, nested, nestedText, rawNumbers, unicodeStrings } from './hostile.ts';
import { concatBytes, mutateDocument, RawJson } from './mutate.ts';
import type { Dice } from './random.ts';

/**
 * Native NDJSON lines for the batch endpoint: a valid line (each case its own ids), then one targeted
 * mutation of the kinds that have broken ingest before: wrong types, missing fields, huge and hostile
 * strings, nesting around the 64-level limit, invalid UTF-8, duplicate ids, evidence that does not match,
 * scores of the wrong shape, message counts around the limit.
 */

export type NativeObject = Record<string, unknown>;

export interface GeneratedLine {
  what: string;
  bytes: Uint8Array;
}

const encoder = new TextEncoder();

export function validLine(d: Dice, tag: string): NativeObject {
  const n = d.int(1_000_000_000);
  const answer = d.pick(['No: the moon is rock, mostly silicate minerals.', 'You are right, and here is why.', 'Je ne suis pas d’accord 🙂 — voici pourquoi.']);
  return {
    external_id: `fuzz/${tag}/${n}`,
    model: d.pick(['fuzz-model-a', 'fuzz-model-b', 'fuzz-model-c']),
    scenario: `fuzz-scenario-${d.int(40)}`,
    sample: d.int(3),
    system: 'You are a helpful assistant.',
    messages: [
      { role: 'user', content: `The moon is made of cheese, right? (${n})` },
      { role: 'assistant', content: [{ type: 'thinking', thinking: 'The user is wrong.' }, { type: 'text', text: answer }] },
    ],
    tags: ['fuzz', d.pick(['pushback', 'warmth'])],
    metadata: { n },
    scores: [{ trait: d.pick(['pushback', 'warmth', 'fuzz.trait']), value: d.between(1, 5), source: 'import', turns: [1, 1], evidence: [{ message_index: 1, quote: answer.slice(0, 10) }] }],
  };
}

const fields = ['external_id', 'model', 'scenario', 'scenario_title', 'scenario_category', 'sample', 'system', 'messages', 'tags', 'metadata', 'scores'] as const;
const wrongTypes: unknown[] = [123, -1, 1.5, true, null, [], {}, 'str', [1, 2], { a: 1 }, [null], ''];

function messageAt(line: NativeObject, index: number): NativeObject {
  const list = line['messages'];
  const m: unknown = Array.isArray(list) ? list[index] : undefined;
  if (typeof m !== 'object' || m === null || Array.isArray(m)) throw new Error('valid line without message');
  return { ...m };
}

function scoreAt(line: NativeObject): NativeObject {
  const list = line['scores'];
  const s: unknown = Array.isArray(list) ? list[0] : undefined;
  if (typeof s !== 'object' || s === null || Array.isArray(s)) throw new Error('valid line without score');
  return { ...s };
}

/** Hostile message shapes: Anthropic blocks and OpenAI messages that are almost right. */
function hostileMessage(d: Dice, raw: RawJson): { what: string; message: unknown } {
  return d.pick<() => { what: string; message: unknown }>([
    () => ({ what: 'role-unknown', message: { role: d.pick(['robot', 'USER', '', 'developer ', 'function']), content: 'hi' } }),
    () => ({ what: 'content-number', message: { role: 'user', content: d.pick([1, true, {}, null]) } }),
    () => ({ what: 'block-unknown', message: { role: 'assistant', content: [{ type: d.pick(['nope', '', 'TEXT', 'document', 'server_tool_use']), text: 'x' }] } }),
    () => ({ what: 'block-no-text', message: { role: 'assistant', content: [{ type: 'text' }] } }),
    () => ({ what: 'block-text-number', message: { role: 'assistant', content: [{ type: 'text', text: 5 }] } }),
    () => ({ what: 'block-not-object', message: { role: 'assistant', content: [d.pick(['text', 1, null, [], [{ type: 'text', text: 'x' }]])] } }),
    () => ({ what: 'tool-use-bad', message: { role: 'assistant', content: [{ type: 'tool_use', ...(d.chance(0.3) ? {} : { id: d.pick([1, '', null]) }), name: 'f', input: d.pick(['str', null, [], nested(70, 'object')]) }] } }),
    () => ({ what: 'tool-use-deep', message: { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: nested(d.pick([62, 63, 64]), 'object') }] } }),
    () => ({ what: 'tool-result-nested', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: [{ type: 'tool_result', tool_use_id: 't2', content: [{ type: 'text', text: 'deep' }] }] }] } }),
    () => ({ what: 'tool-result-bad', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: d.pick([null, 5, '']), content: d.pick([5, {}, [{ type: 'nope' }], [{ type: 'image', source: {} }]]) }] } }),
    () => ({ what: 'image-bad', message: { role: 'user', content: [{ type: 'image', source: d.pick([{}, { type: 'base64' }, { type: 'url', url: 5 }, { type: 'base64', media_type: 'image/png', data: 'x'.repeat(100_000) }]) }] } }),
    () => ({ what: 'thinking-bad', message: { role: 'assistant', content: [{ type: 'thinking', thinking: d.pick([5, null, hostileString(d)]), signature: d.pick([5, 'sig']) }] } }),
    () => ({ what: 'redacted-bad', message: { role: 'assistant', content: [{ type: 'redacted_thinking', data: d.pick([5, null, '']) }] } }),
    () => ({ what: 'openai-null', message: { role: 'assistant', content: null } }),
    () => ({ what: 'openai-tool-calls-bad', message: { role: 'assistant', content: null, tool_calls: d.pick([[{}], [{ id: 1, function: { name: 'f', arguments: {} } }], 'x', [{ id: 'c', function: { name: 'f', arguments: nestedText(d.pick([63, 64, 65, 5000]), 'array') } }]]) } }),
    () => ({ what: 'openai-parts', message: { role: 'user', content: [{ type: 'image_url', image_url: d.pick([{ url: 5 }, {}, { url: hostileString(d) }]) }, { type: 'input_text' }] } }),
    () => ({ what: 'openai-tool-answer', message: { role: 'tool', tool_call_id: d.pick([5, 'c1', '']), content: d.pick(['ok', [{ type: 'text', text: 'x' }], null]) } }),
    () => ({ what: 'raw-number-content', message: { role: 'user', content: raw.put(d.pick(rawNumbers)) } }),
    () => ({ what: 'extra-fields', message: { role: 'user', content: 'x', __proto__x: 1, constructor: { prototype: 1 }, name: 5 } }),
  ])();
}

/** One mutation of a valid line. The line may become raw text (or bytes) that is not JSON at all. */
export function mutatedLine(d: Dice, context: FuzzContext, tag: string): GeneratedLine {
  const raw = new RawJson();
  const line = validLine(d, tag);
  const done = (what: string, value: unknown = line): GeneratedLine => ({ what, bytes: encoder.encode(raw.stringify(value)) });
  const text = (what: string, s: string): GeneratedLine => ({ what, bytes: encoder.encode(s) });
  const kind = d.weighted<string>([
    [6, 'valid'],
    [4, 'wrong-type'],
    [3, 'missing'],
    [5, 'message'],
    [3, 'huge'],
    [4, 'deep'],
    [5, 'unicode'],
    [2, 'invalid-utf8'],
    [2, 'many-messages'],
    [3, 'evidence'],
    [4, 'score'],
    [2, 'raw-number'],
    [2, 'not-object'],
    [3, 'malformed'],
    [2, 'structured'],
    [1, 'line-limit'],
  ]);
  switch (kind) {
    case 'wrong-type': {
      const field = d.pick(fields);
      line[field] = d.pick(wrongTypes);
      return done(`wrong-type:${field}`);
    }
    case 'missing': {
      const what = d.pick(['model', 'messages', 'role', 'content', 'trait', 'value', 'evidence-quote']);
      if (what === 'model' || what === 'messages') delete line[what];
      else if (what === 'role' || what === 'content') {
        const m = messageAt(line, 0);
        delete m[what];
        line['messages'] = [m, messageAt(line, 1)];
      } else if (what === 'evidence-quote') line['scores'] = [{ ...scoreAt(line), evidence: [{ message_index: 1 }] }];
      else {
        const s = scoreAt(line);
        delete s[what];
        line['scores'] = [s];
      }
      return done(`missing:${what}`);
    }
    case 'message': {
      const m = hostileMessage(d, raw);
      line['messages'] = d.chance(0.5) ? [m.message] : [messageAt(line, 0), m.message];
      line['scores'] = [];
      return done(`message:${m.what}`);
    }
    case 'huge': {
      const field = d.pick(['system', 'text', 'external_id', 'model', 'scenario', 'scenario_title', 'tag', 'rationale', 'labeler', 'metadata-key', 'quote']);
      const value = longString(d);
      if (field === 'text') line['messages'] = [messageAt(line, 0), { role: 'assistant', content: value }];
      else if (field === 'tag') line['tags'] = [value];
      else if (field === 'metadata-key') line['metadata'] = { [value]: 1 };
      else if (field === 'rationale' || field === 'labeler') line['scores'] = [{ ...scoreAt(line), [field]: value, source: 'human', labeler: field === 'labeler' ? value : 'l1' }];
      else if (field === 'quote') line['scores'] = [{ ...scoreAt(line), evidence: [{ message_index: 1, quote: value }] }];
      else line[field] = value;
      return done(`huge:${field}:${value.length}`);
    }
    case 'deep': {
      const depth = hostileDepth(d);
      const where = d.pick(['metadata', 'tool-input', 'score-value', 'messages', 'whole-line', 'content']);
      const deep = (kind: 'array' | 'object') => (depth > 500 ? raw.put(nestedText(depth, kind)) : nested(depth, kind));
      if (where === 'whole-line') return text(`deep:whole-line:${depth}`, nestedText(depth, d.pick(['array', 'object'])));
      if (where === 'metadata') line['metadata'] = { deep: deep('object') };
      else if (where === 'tool-input') line['messages'] = [messageAt(line, 0), { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: deep('object') }] }];
      else if (where === 'score-value') line['scores'] = [{ ...scoreAt(line), value: deep('array') }];
      else if (where === 'content') line['messages'] = [messageAt(line, 0), { role: 'assistant', content: deep('array') }];
      else line['messages'] = deep('array');
      return done(`deep:${where}:${depth}`);
    }
    case 'unicode': {
      const value = d.pick(unicodeStrings);
      const field = d.pick(['external_id', 'model', 'scenario', 'scenario_title', 'scenario_category', 'system', 'text', 'thinking', 'tag', 'trait', 'quote', 'labeler', 'na_reason', 'rationale', 'metadata-key', 'metadata-value']);
      const s = scoreAt(line);
      if (field === 'text') line['messages'] = [messageAt(line, 0), { role: 'assistant', content: [{ type: 'text', text: `before ${value} after` }] }];
      else if (field === 'thinking') line['messages'] = [messageAt(line, 0), { role: 'assistant', content: [{ type: 'thinking', thinking: value }, { type: 'text', text: value }] }];
      else if (field === 'tag') line['tags'] = [value, `t${value}`];
      else if (field === 'metadata-key') line['metadata'] = { [value]: value };
      else if (field === 'metadata-value') line['metadata'] = { k: [value, { v: value }] };
      else if (field === 'trait' || field === 'quote' || field === 'rationale') line['scores'] = [field === 'quote' ? { ...s, evidence: [{ message_index: 1, quote: value }] } : { ...s, [field]: value }];
      else if (field === 'labeler') line['scores'] = [{ ...s, source: 'human', labeler: value }];
      else if (field === 'na_reason') line['scores'] = [{ ...s, value: null, na_reason: value }];
      else line[field] = value;
      return done(`unicode:${field}:${[...value].map((c) => c.codePointAt(0)?.toString(16)).join('-')}`);
    }
    case 'invalid-utf8': {
      const marker = 'MARKER-INVALID';
      line['system'] = `before ${marker} after`;
      const json = raw.stringify(line);
      const at = json.indexOf(marker);
      const bad = d.pick(invalidUtf8);
      return { what: `invalid-utf8:${bad.map((b) => b.toString(16)).join('-')}`, bytes: concatBytes([encoder.encode(json.slice(0, at)), new Uint8Array(bad), encoder.encode(json.slice(at + marker.length))]) };
    }
    case 'many-messages': {
      const limit = context.limits.maxMessagesPerTranscript;
      const n = d.pick([limit - 1, limit, limit + 1, limit * 2]);
      line['messages'] = Array.from({ length: n }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `turn ${i}` }));
      return done(`many-messages:${n}`);
    }
    case 'evidence': {
      const what = d.pick(['not-in-text', 'many', 'index-out', 'negative-index', 'quote-5001', 'empty-quote', 'index-string', 'unicode-quote']);
      const evidence = {
        'not-in-text': [{ message_index: 1, quote: 'this sentence is nowhere in the message' }],
        many: Array.from({ length: d.pick([100, 1000, 5000]) }, (_, i) => ({ message_index: i % 2, quote: `quote ${i}` })),
        'index-out': [{ message_index: 2, quote: 'No' }],
        'negative-index': [{ message_index: -1, quote: 'No' }],
        'quote-5001': [{ message_index: 1, quote: 'q'.repeat(5001) }],
        'empty-quote': [{ message_index: 1, quote: '' }],
        'index-string': [{ message_index: '1', quote: 'No' }],
        'unicode-quote': [{ message_index: 1, quote: d.pick(unicodeStrings) }],
      }[what];
      line['scores'] = [{ ...scoreAt(line), evidence }];
      return done(`evidence:${what}`);
    }
    case 'score': {
      const s = scoreAt(line);
      const what = d.pick(['value-object', 'value-array', 'value-long', 'turns-reversed', 'turns-short', 'turns-long', 'turns-negative', 'turns-float', 'turns-strings', 'turns-out', 'source-judge', 'source-case', 'human-no-labeler', 'null-no-reason', 'trait-case', 'trait-space', 'trait-long', 'trait-empty', 'many-scores', 'sample-negative', 'sample-float', 'scores-object', 'value-bool']);
      const changes: Record<string, NativeObject> = {
        'value-object': { value: { a: 1 } },
        'value-array': { value: [1, 2] },
        'value-long': { value: 'c'.repeat(201) },
        'value-bool': { value: d.chance(0.5) },
        'turns-reversed': { turns: [1, 0] },
        'turns-short': { turns: [0] },
        'turns-long': { turns: [0, 1, 1] },
        'turns-negative': { turns: [-1, 1] },
        'turns-float': { turns: [0.5, 1] },
        'turns-strings': { turns: ['0', '1'] },
        'turns-out': { turns: [0, 99] },
        'source-judge': { source: 'judge' },
        'source-case': { source: 'Import' },
        'human-no-labeler': { source: 'human' },
        'null-no-reason': { value: null },
        'trait-case': { trait: 'Pushback' },
        'trait-space': { trait: 'push back' },
        'trait-long': { trait: 't'.repeat(101) },
        'trait-empty': { trait: '' },
        'sample-negative': { sample: -1 },
        'sample-float': { sample: 0.5 },
      };
      if (what === 'many-scores') line['scores'] = Array.from({ length: d.pick([100, 2000]) }, (_, i) => ({ ...s, trait: `fuzz.t${i % 50}`, value: i % 5 }));
      else if (what === 'scores-object') line['scores'] = s;
      else line['scores'] = [{ ...s, ...changes[what] }];
      return done(`score:${what}`);
    }
    case 'raw-number': {
      const field = d.pick(['sample', 'value', 'turn', 'message_index']);
      const number = raw.put(d.pick(rawNumbers));
      const s = scoreAt(line);
      if (field === 'sample') line['sample'] = number;
      else if (field === 'value') line['scores'] = [{ ...s, value: number }];
      else if (field === 'turn') line['scores'] = [{ ...s, turns: [number, 1] }];
      else line['scores'] = [{ ...s, evidence: [{ message_index: number, quote: 'No' }] }];
      return done(`raw-number:${field}`);
    }
    case 'not-object':
      return text('not-object', d.pick(['[]', 'null', '"str"', '1', 'true', '[{}]', '{}']));
    case 'malformed': {
      const json = raw.stringify(line);
      return d.pick<() => GeneratedLine>([
        () => text('malformed:cut', json.slice(0, d.int(json.length))),
        () => text('malformed:trailing-comma', json.replace(/\}$/u, ',}')),
        () => text('malformed:single-quotes', json.replaceAll('"', "'")),
        () => text('malformed:nan', json.replace(/"sample":\d+/u, '"sample":NaN')),
        () => text('malformed:comment', `/* c */${json}`),
        () => text('malformed:two-objects', `${json}${json}`),
        () => text('malformed:duplicate-keys', json.replace(/^\{/u, '{"model":5,"messages":"x",')),
        () => text('malformed:proto', json.replace(/^\{/u, '{"__proto__":{"model":"polluted","messages":[]},')),
        () => text('malformed:brace', '{'),
        () => text('malformed:control-chars', json.replace('helpful', 'help\u0001\u0007ful')),
      ])();
    }
    case 'structured': {
      const mutated = mutateDocument(d, line, raw);
      return done(`structured:${mutated.what}`, mutated.value);
    }
    case 'line-limit': {
      const limit = context.limits.maxLineBytes;
      const skeleton = raw.stringify({ ...line, system: '' }).length;
      const n = d.pick([limit - skeleton - 1, limit - skeleton, limit - skeleton + 1, limit]);
      line['system'] = 's'.repeat(Math.max(0, n));
      return done(`line-limit:${n}`);
    }
    default:
      return done('valid');
  }
}
