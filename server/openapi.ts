import type { Hono } from 'hono';
import { generateSpecs } from 'hono-openapi';
import type { AppEnv } from './context.ts';

const DESCRIPTION = `The charlens API: upload transcripts and eval logs, read and search them, judge them with Claude, and
measure traits across model versions.

**Auth.** Scripts send \`Authorization: Bearer <token>\` (create one with \`charlens token create\` or POST /api/v1/tokens);
browsers use the session cookie set by POST /api/v1/auth/login.

**Errors** are \`{"error": {"code", "message", "details"?}}\` with a 4xx status naming the problem; \`code\` is stable.

**Numbers.** Every trait value is made by one rule (docs/ARCHITECTURE.md, "How a number is made"): per transcript,
the mean over raters (judge samples, labelers, imported samples) of each rater's mean over its turn ranges; superseded,
invalid and failed scores are dropped and counted.`;

/**
 * The OpenAPI 3.1 document, generated from the routes themselves (hono-openapi reads each route's \`doc()\`
 * and validators), once per app.
 */
export function openApiDocument(app: Hono<AppEnv>) {
  let cached: ReturnType<typeof generateSpecs> | undefined;
  return () =>
    (cached ??= generateSpecs(app, {
      documentation: {
        openapi: '3.1.0',
        info: { title: 'charlens API', version: '1', description: DESCRIPTION },
        components: {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer', description: 'An API token' },
            session: { type: 'apiKey', in: 'cookie', name: 'charlens_session', description: 'The web app’s session' },
          },
        },
        security: [{ bearer: [] }, { session: [] }],
      },
      // Only the API: the web app's static files and the reference page are not operations.
      excludeStaticFile: false,
      exclude: [/^(?!\/api\/v1\/)/],
      defaultValidationErrorResponse: { description: 'A field breaks its schema; the message names each', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    }));
}
