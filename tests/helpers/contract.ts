import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

/**
 * The API contract, checked on every response a test receives: the status must be documented for the route
 * (or covered by its `default`), and a JSON body must match the documented schema. Schemas come from the
 * served OpenAPI document — what a generated client would trust — not from the server's zod code.
 */

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
}

function isDocument(value: unknown): value is OpenApiDocument {
  return typeof value === 'object' && value !== null && 'paths' in value && typeof value.paths === 'object';
}

export interface ContractChecker {
  check: (method: string, url: string, response: Response) => Promise<void>;
}

/** Paths as regular expressions, most specific (most literal characters) first, so /runs/x/jobs beats /runs/{id}. */
function compileTemplates(doc: OpenApiDocument) {
  return Object.keys(doc.paths)
    .map((template) => ({
      template,
      pattern: new RegExp(`^${template.split('/').map((seg) => (/^\{[^}]+\}$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}/?$`),
      literal: template.replace(/\{[^}]+\}/g, '').length,
    }))
    .sort((a, b) => b.literal - a.literal);
}

export function createContractChecker(document: unknown): ContractChecker {
  if (!isDocument(document)) throw new Error('not an OpenAPI document');
  const doc = document;
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(doc, 'openapi');
  const templates = compileTemplates(doc);
  const validators = new Map<string, ValidateFunction>();
  const escape = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

  return {
    async check(method, url, response) {
      const path = new URL(url, 'http://localhost').pathname;
      if (!path.startsWith('/api/v1/')) return;
      // HEAD is GET without a body (HTTP): it is documented as the GET.
      const lower = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
      const route = templates.find((t) => t.pattern.test(path) && doc.paths[t.template]?.[lower]);
      const type = response.headers.get('content-type') ?? '';
      if (!route) {
        // No route: only the catch-all 404 (and 405s) may answer, in the error shape.
        if (response.status !== 404 && response.status !== 405) throw new Error(`${method} ${path} answered ${response.status} but the OpenAPI document has no such route`);
        return;
      }
      const operation = doc.paths[route.template]?.[lower];
      const responses = operation?.responses ?? {};
      const key = String(response.status) in responses ? String(response.status) : response.status >= 400 && 'default' in responses ? 'default' : null;
      if (key === null) throw new Error(`${method} ${route.template} answered ${response.status}, which the OpenAPI document does not list (${Object.keys(responses).join(', ')})`);
      const media = type.split(';')[0]?.trim() ?? '';
      const content = responses[key]?.content ?? {};
      if (!(media in content)) {
        throw new Error(`${method} ${route.template} ${response.status} answered ${media || 'no content type'}; documented: ${Object.keys(content).join(', ') || 'none'}`);
      }
      if (media !== 'application/json' || method.toLowerCase() === 'head') return;
      const ref = `openapi#/paths/${escape(route.template)}/${lower}/responses/${key}/content/${escape('application/json')}/schema`;
      let validate = validators.get(ref);
      if (!validate) {
        validate = ajv.compile({ $ref: ref });
        validators.set(ref, validate);
      }
      const body: unknown = await response.clone().json();
      if (!validate(body)) {
        const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`);
        throw new Error(`${method} ${path} ${response.status}: the body does not match the OpenAPI schema of ${route.template}: ${errors.join('; ')}\n${JSON.stringify(body).slice(0, 500)}`);
      }
    },
  };
}
