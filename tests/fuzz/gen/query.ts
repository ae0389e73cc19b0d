import type { FuzzCase } from '../case.ts';
import type { FuzzContext } from './context.ts';
import { encodeQueryValue, hostileString, longString, rawPercent } from './hostile.ts';
import type { Dice } from './random.ts';

/**
 * Requests to the routes the OpenAPI document lists, with parameters taken from the document: valid values
 * of each parameter's schema, values just outside it, hostile text, raw percent-escapes that do not decode,
 * unknown and repeated parameters, and path parameters that try to escape their segment.
 */

interface ParamSchema {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

export interface RouteParam {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: ParamSchema;
}

export interface Route {
  method: string;
  /** OpenAPI template, e.g. `/api/v1/transcripts/{id}`. */
  template: string;
  params: RouteParam[];
  hasBody: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function schemaOf(value: unknown): ParamSchema {
  if (!isRecord(value)) return {};
  const num = (k: string) => (typeof value[k] === 'number' ? value[k] : undefined);
  const schema: ParamSchema = {};
  if (typeof value['type'] === 'string') schema.type = value['type'];
  if (Array.isArray(value['enum'])) schema.enum = value['enum'];
  if (typeof value['pattern'] === 'string') schema.pattern = value['pattern'];
  const [minimum, maximum, minLength, maxLength] = [num('minimum'), num('maximum'), num('minLength'), num('maxLength')];
  if (minimum !== undefined) schema.minimum = minimum;
  if (maximum !== undefined) schema.maximum = maximum;
  if (minLength !== undefined) schema.minLength = minLength;
  if (maxLength !== undefined) schema.maxLength = maxLength;
  return schema;
}

/** Every operation of the document with its parameters (the document is the only list of routes used). */
export function routesOf(openapi: unknown): Route[] {
  if (!isRecord(openapi) || !isRecord(openapi['paths'])) throw new Error('not an OpenAPI document');
  const routes: Route[] = [];
  for (const [template, operations] of Object.entries(openapi['paths'])) {
    if (!isRecord(operations)) continue;
    for (const [method, operation] of Object.entries(operations)) {
      if (!isRecord(operation)) continue;
      const params: RouteParam[] = [];
      for (const p of Array.isArray(operation['parameters']) ? operation['parameters'] : []) {
        if (!isRecord(p) || typeof p['name'] !== 'string' || (p['in'] !== 'path' && p['in'] !== 'query')) continue;
        params.push({ name: p['name'], in: p['in'], required: p['required'] === true, schema: schemaOf(p['schema']) });
      }
      routes.push({ method: method.toUpperCase(), template, params, hasBody: operation['requestBody'] !== undefined });
    }
  }
  return routes;
}

/** A value the schema accepts (as far as the generator can tell), drawn from real data where it fits. */
function validValue(d: Dice, param: RouteParam, context: FuzzContext): string {
  const s = param.schema;
  if (s.enum?.length) return String(d.pick(s.enum));
  if (s.type === 'integer') {
    const min = s.minimum ?? 0;
    const max = Math.min(s.maximum ?? 1000, min + 5000);
    return String(d.pick([min, max, d.between(min, max)]));
  }
  if (s.type === 'number') return String(d.pick([0, 1, 2.5, 3, 5, -1, 10]));
  const { known } = context;
  const byName: Record<string, string[]> = {
    model: known.models,
    a: known.models,
    b: known.models,
    models: known.models.length ? [known.models.join(','), known.models[0] ?? 'm'] : [],
    trait: known.traits,
    traits: known.traits.length ? [known.traits.slice(0, 3).join(','), `${known.traits[0] ?? 'pushback'}:import`] : [],
    scenario: known.scenarioKeys,
    id: param.schema.pattern ? known.transcriptIds : known.scenarioKeys,
    transcript: known.transcriptIds,
    q: ['moon', '"the moon"', 'rock minerals', 'cheese'],
    tag: ['fuzz', 'pushback'],
    category: ['false-premise'],
  };
  const options = byName[param.name];
  if (options?.length) return d.pick(options);
  if (s.pattern) return Array.from({ length: d.between(1, 26) }, () => d.pick([...'0123456789abcdefghijklmnopqrstuvwxyz'])).join('');
  return d.pick(['moon', 'pushback', 'x']);
}

/** A value outside the schema: past a bound, the wrong type, hostile text. */
function invalidValue(d: Dice, param: RouteParam): string {
  const s = param.schema;
  const numeric = ['-1', '0', '1.5', '1e3', '1e400', 'NaN', 'Infinity', '-0', '0x10', '+5', ' 5', '5 ', '٣', '9'.repeat(400), String(Number.MAX_SAFE_INTEGER + 2), 'true'];
  const options: (() => string)[] = [() => hostileString(d), () => longString(d)];
  if (s.type === 'integer' || s.type === 'number') {
    options.push(() => d.pick(numeric));
    if (s.minimum !== undefined) options.push(() => String(s.minimum === undefined ? 0 : s.minimum - 1));
    if (s.maximum !== undefined) options.push(() => String(s.maximum === undefined ? 0 : s.maximum + 1));
  }
  if (s.maxLength !== undefined) options.push(() => 'x'.repeat((s.maxLength ?? 0) + 1));
  if (s.enum) options.push(() => `${String(d.pick(s.enum ?? ['x']))}x`, () => String(d.pick(s.enum ?? ['x'])).toUpperCase());
  return d.pick(options)();
}

const hostileSegments = ['..%2f..%2fetc%2fpasswd', '%2e%2e', '..', '.', '%2F', 'a%2Fb', '%00', '%ff', '%', '%zz', 'ABC', 'x'.repeat(41), 'x'.repeat(10_000), '%ed%a0%80', '%e2%80%ae', '%20', '%3Cscript%3E', "'", '%22'];

function encodedParam(d: Dice, param: RouteParam, context: FuzzContext): string {
  const roll = d.next();
  if (roll < 0.55) return encodeQueryValue(validValue(d, param, context));
  if (roll < 0.85) return encodeQueryValue(invalidValue(d, param));
  // Deliberately not (or wrongly) encoded.
  return d.pick([d.pick(rawPercent), `moon${d.pick(rawPercent)}`, 'a+b', 'a&b', '%2525', 'a=b=c', '#frag']);
}

export function queryCase(d: Dice, context: FuzzContext, routes: readonly Route[]): FuzzCase {
  const route = d.pick(routes);
  const what: string[] = [];
  let path = route.template.replace(/\{([^}]+)\}/gu, (_, name: string) => {
    const param = route.params.find((p) => p.name === name && p.in === 'path') ?? { name, in: 'path' as const, required: true, schema: {} };
    const roll = d.next();
    if (roll < 0.45) {
      // Spare tokens only: the admin token the harness runs with is not in the list.
      if (route.template.startsWith('/api/v1/tokens/') && context.known.tokenIds.length) return d.pick(context.known.tokenIds);
      return encodeQueryValue(validValue(d, param, context));
    }
    what.push(`path:${name}`);
    if (roll < 0.7) return encodeQueryValue(invalidValue(d, param));
    return d.pick(hostileSegments);
  });
  const pairs: string[] = [];
  for (const param of route.params) {
    if (param.in !== 'query') continue;
    if (!d.chance(param.required ? 0.9 : 0.4)) continue;
    pairs.push(`${encodeURIComponent(param.name)}=${encodedParam(d, param, context)}`);
    if (d.chance(0.05)) {
      pairs.push(`${encodeURIComponent(param.name)}=${encodedParam(d, param, context)}`);
      what.push(`twice:${param.name}`);
    }
  }
  if (d.chance(0.1)) {
    pairs.push(d.pick(['unknown=1', '__proto__=x', 'constructor=1', 'model[]=x', 'model[a]=b', '%00=1', '=', '&&&', 'a', `${encodeQueryValue(hostileString(d))}=1`, `pad=${'x'.repeat(100_000)}`]));
    what.push('unknown-param');
  }
  const query = pairs.length ? `?${pairs.join('&')}` : '';
  if (d.chance(0.04)) {
    path = d.pick([`${path}/`, path.replace('/api/v1/', '/api/v1//'), path.toUpperCase(), `${path}%20`, `${path}/..`, `${path}%2f`]);
    what.push('path-shape');
  }
  let method = route.method;
  if (d.chance(0.03)) {
    // Not TRACE or CONNECT: fetch's Request refuses to make them, so app.request cannot send them.
    method = d.pick(['HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE', 'POST', 'GET']);
    what.push(`method:${method}`);
  }
  const auth = d.weighted<FuzzCase['auth']>([
    [25, 'admin'],
    [1, 'none'],
    [1, 'bogus'],
  ]);
  const headers: Record<string, string> = {};
  // Write routes with a JSON body get one that is valid JSON but not of their shape; the JSON family does bodies properly.
  const body = route.hasBody && method !== 'GET' && method !== 'HEAD' ? '{}' : undefined;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return { name: `query/${method} ${route.template}${what.length ? `/${what.join('+')}` : ''}`, method, path: path + query, headers, body, auth };
}
