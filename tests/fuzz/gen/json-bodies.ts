import type { FuzzCase } from '../case.ts';
import type { FuzzContext } from './context.ts';
import { hostileDepth, hostileString, longString, nested, nestedText, syntaxStrings, unicodeStrings } from './hostile.ts';
import { mutateDocument, RawJson } from './mutate.ts';
import type { Dice } from './random.ts';

/**
 * JSON bodies for the write routes other than uploads: auth, users, tokens, judge estimates and runs (with a
 * hostile `where`, the same filter as the transcript list), resume. Valid bodies, then malformed JSON, wrong
 * types, hostile fields, bodies around the 1 MiB JSON limit, nesting far past any stack.
 */

interface JsonRoute {
  path: string;
  valid: (d: Dice, context: FuzzContext) => Record<string, unknown>;
}

function hostileWhere(d: Dice, context: FuzzContext): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  const model = context.known.models.length ? d.pick(context.known.models) : 'm';
  const options: [string, () => unknown][] = [
    ['model', () => (d.chance(0.5) ? model : hostileString(d))],
    ['scenario', () => (d.chance(0.3) && context.known.scenarioKeys.length ? d.pick(context.known.scenarioKeys) : hostileString(d))],
    ['tag', () => d.pick(['fuzz', hostileString(d)])],
    ['q', () => d.pick([...syntaxStrings, ...unicodeStrings, 'moon', '"the moon" rock', 'a '.repeat(250), longString(d)])],
    ['trait', () => d.pick(['pushback', 'warmth', 'nope', hostileString(d)])],
    ['min', () => d.pick([0, 5, -1e308, 1e308, 3.5, '1', null])],
    ['max', () => d.pick([0, 1, 5, -5, 1e308, '5', null])],
    ['source', () => d.pick(['judge', 'human', 'import', 'other', 1])],
    ['labeled', () => d.pick(['true', 'false', true, 'maybe'])],
    ['cursor', () => d.pick(['zz', '', 'x'.repeat(41), hostileString(d)])],
    ['limit', () => d.pick([1, 500, 501, 0, -1, 1.5, '10'])],
    ['__proto__', () => ({ model: 'polluted' })],
    ['unknown', () => 1],
  ];
  for (const [key, value] of options) if (d.chance(0.3)) where[key] = value();
  return where;
}

const routes: JsonRoute[] = [
  { path: '/api/v1/auth/login', valid: (d) => ({ email: d.pick(['admin@example.com', 'nobody@example.com']), password: d.pick(['correct horse battery', 'wrong password']) }) },
  { path: '/api/v1/auth/setup', valid: (d) => ({ token: d.pick(['secret', '']), email: 'setup@example.com', password: 'long enough password' }) },
  { path: '/api/v1/users', valid: (d) => ({ email: `fuzz${d.int(1e9)}@example.com`, password: 'long enough password', role: d.pick(['admin', 'researcher', 'labeler']) }) },
  { path: '/api/v1/tokens', valid: (d) => ({ name: `fuzz-${d.int(1000)}`, scopes: d.pick([['read'], ['read', 'write'], ['admin'], []]) }) },
  {
    path: '/api/v1/judge/estimate',
    valid: (d, context) => ({ traits: d.pick([['pushback'], ['pushback', 'warmth'], ['nope']]), ...(d.chance(0.7) ? { where: hostileWhere(d, context) } : { transcriptIds: context.known.transcriptIds.slice(0, d.between(1, 5)) }), samples: d.pick([1, 3, 20]), mode: d.pick(['sync', 'batch']), pairwise: d.chance(0.3), budgetUsd: d.pick([1, 0.01, 100_000]) }),
  },
  { path: '/api/v1/judge/runs', valid: (d, context) => ({ traits: ['pushback'], where: hostileWhere(d, context), budgetUsd: 1 }) },
  { path: '/api/v1/judge/runs/zzzz/resume', valid: (d) => ({ budgetUsd: d.pick([1, -1, 0]), retryFailed: d.pick([true, 'yes']) }) },
];

const contentTypes = ['application/json', 'application/json', 'application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'APPLICATION/JSON', 'application/json-patch+json', ''];

function malformed(d: Dice, json: string): { what: string; text: string } {
  return d.pick<() => { what: string; text: string }>([
    () => ({ what: 'cut', text: json.slice(0, d.int(json.length)) }),
    () => ({ what: 'trailing-comma', text: json.replace(/\}$/u, ',}') }),
    () => ({ what: 'single-quotes', text: json.replaceAll('"', "'") }),
    () => ({ what: 'bom', text: `\ufeff${json}` }),
    () => ({ what: 'empty', text: '' }),
    () => ({ what: 'scalar', text: d.pick(['null', '[]', '"str"', '1', 'true', '1e999']) }),
    () => ({ what: 'nan', text: '{"budgetUsd":NaN}' }),
    () => ({ what: 'comment', text: `// c\n${json}` }),
    () => ({ what: 'two-objects', text: json + json }),
    () => ({ what: 'duplicate-keys', text: json.replace(/^\{/u, '{"email":5,"traits":"x","name":[],') }),
    () => ({ what: 'deep-text', text: nestedText(d.pick([1000, 100_000]), d.pick(['array', 'object'])) }),
    () => ({ what: 'control-chars', text: json.replace('"', '"\u0000') }),
  ])();
}

export function jsonCase(d: Dice, context: FuzzContext): FuzzCase {
  const route = d.pick(routes);
  const raw = new RawJson();
  let body = route.valid(d, context);
  let what = 'valid';
  let text: string | undefined;
  const kind = d.weighted<string>([
    [4, 'valid'],
    [5, 'structured'],
    [3, 'malformed'],
    [2, 'hostile-field'],
    [1, 'size'],
    [2, 'deep'],
    [1, 'prototype'],
  ]);
  if (kind === 'structured') {
    const mutated = mutateDocument(d, body, raw);
    what = mutated.what;
    text = raw.stringify(mutated.value);
  } else if (kind === 'malformed') {
    const m = malformed(d, JSON.stringify(body));
    what = `malformed:${m.what}`;
    text = m.text;
  } else if (kind === 'hostile-field') {
    const key = d.pick(Object.keys(body));
    body = { ...body, [key]: hostileString(d) };
    what = `hostile:${key}`;
  } else if (kind === 'size') {
    // Around the 1 MiB JSON body limit (server/app.ts), in a field that is otherwise valid.
    const size = d.pick([1024 * 1024 - 200, 1024 * 1024, 1024 * 1024 + 1, 4 * 1024 * 1024]);
    const key = d.pick(Object.keys(body));
    body = { ...body, [key]: 'x'.repeat(size) };
    what = `size:${size}`;
  } else if (kind === 'deep') {
    const depth = hostileDepth(d);
    const key = d.pick([...Object.keys(body), 'where']);
    body = { ...body, [key]: depth > 500 ? raw.put(nestedText(depth, 'object')) : nested(depth, 'object') };
    what = `deep:${key}:${depth}`;
  } else if (kind === 'prototype') {
    text = JSON.stringify(body).replace(/^\{/u, '{"__proto__":{"role":"admin","scopes":["admin"]},"constructor":{"prototype":{"isAdmin":true}},');
    what = 'prototype';
  }
  const headers: Record<string, string> = {};
  const type = d.weighted([
    [12, 'application/json'],
    [1, d.pick(contentTypes)],
  ]);
  if (type) headers['content-type'] = type;
  const auth = d.weighted<FuzzCase['auth']>([
    [20, 'admin'],
    [2, 'none'],
    [1, 'bogus'],
  ]);
  return { name: `json/${route.path}/${what}`, method: 'POST', path: route.path, headers, body: text ?? raw.stringify(body), auth };
}
