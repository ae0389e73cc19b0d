import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { relative } from 'node:path';
import { requireUser } from './auth/middleware.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { ApiError, apiErrorForStatus, errorBody } from './lib/errors.ts';
import { openApiDocument } from './openapi.ts';
import { authRoutes } from './routes/auth.ts';
import { demoRoutes } from './routes/demo.ts';
import { healthRoutes } from './routes/health.ts';
import { judgeRoutes } from './routes/judge.ts';
import { importRoutes } from './routes/imports.ts';
import { modelRoutes } from './routes/models.ts';
import { rubricRoutes, traitRoutes } from './routes/rubrics.ts';
import { scenarioRoutes } from './routes/scenarios.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { transcriptRoutes } from './routes/transcripts.ts';
import { userRoutes } from './routes/users.ts';

/** JSON bodies are small; NDJSON uploads stream and are limited by the ingest reader instead. */
const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

function apiRoutes() {
  return new Hono<AppEnv>()
    .use(async (c, next) => {
      const type = c.req.header('content-type') ?? '';
      if (type.startsWith('application/json') && !c.req.path.endsWith('/transcripts/batch')) {
        return bodyLimit({
          maxSize: JSON_BODY_LIMIT_BYTES,
          onError: () => {
            throw new ApiError('payload_too_large', `JSON body is over the limit of ${JSON_BODY_LIMIT_BYTES} bytes`);
          },
        })(c, next);
      }
      await next();
    })
    .route('/health', healthRoutes)
    .route('/auth', authRoutes)
    .use(requireUser)
    .get('/openapi.json', (c) => c.json(openApiDocument(), 200))
    .route('/users', userRoutes)
    .route('/tokens', tokenRoutes)
    .route('/transcripts', transcriptRoutes)
    .route('/imports', importRoutes)
    .route('/models', modelRoutes)
    .route('/scenarios', scenarioRoutes)
    .route('/demo', demoRoutes)
    .route('/traits', traitRoutes)
    .route('/rubrics', rubricRoutes)
    .route('/judge', judgeRoutes);
}

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(errorBody(err), err.status);
    if (err instanceof HTTPException && err.status < 500) {
      const apiError = apiErrorForStatus(err.status, err.message || 'Bad request');
      return c.json(errorBody(apiError), apiError.status);
    }
    deps.logger.error('unhandled', { path: c.req.path, message: err.message, stack: err.stack });
    return c.json(errorBody(new ApiError('internal', 'Internal error; it has been logged')), 500);
  });
  const routes = app.route('/api/v1', apiRoutes());
  app.all('/api/*', (c) => c.json(errorBody(new ApiError('not_found', `No route ${c.req.method} ${c.req.path}`)), 404));
  if (deps.webDir) {
    // serveStatic resolves `root` against the working directory, so give it a relative path.
    const root = relative(process.cwd(), deps.webDir) || '.';
    app.use('/assets/*', serveStatic({ root }));
    app.use('/favicon.svg', serveStatic({ root }));
    // Every other path is a client-side route of the single-page app.
    app.get('*', serveStatic({ root, path: 'index.html' }));
  }
  app.notFound((c) => c.json(errorBody(new ApiError('not_found', `No route ${c.req.method} ${c.req.path}`)), 404));
  return routes;
}

export type AppType = ReturnType<typeof createApp>;
