import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { relative } from 'node:path';
import { authorize, sameOriginForCookies } from './auth/middleware.ts';
import { LoginLimiter } from './auth/rate-limit.ts';
import { defaultSessionPolicy } from './auth/sessions.ts';
import type { AppDeps, AppEnv, AppOptions } from './context.ts';
import { secureHeaders } from 'hono/secure-headers';
import { heavyReads, withReadAccount } from '../db/read-pool.ts';
import { LimitExceeded, NotFound } from './lib/errors.ts';
import { renderError } from './lib/http-errors.ts';
import { doc } from './lib/openapi.ts';
import { z } from 'zod';
import { builtInFormats } from './ingest/formats/registry.ts';
import { openApiDocument } from './openapi.ts';
import { apiDocsRoutes } from './routes/api-docs.ts';
import { authRoutes } from './routes/auth.ts';
import { comparisonRoutes } from './routes/comparisons.ts';
import { queueRoutes } from './routes/queues.ts';
import { exportRoutes } from './routes/exports.ts';
import { statsRoutes } from './routes/stats.ts';
import { demoRoutes } from './routes/demo.ts';
import { healthRoutes } from './routes/health.ts';
import { judgeRoutes } from './routes/judge.ts';
import { importRoutes } from './routes/imports.ts';
import { modelRoutes } from './routes/models.ts';
import { rubricRoutes, traitRoutes } from './routes/rubrics.ts';
import { scenarioRoutes } from './routes/scenarios.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { transcriptRoutes } from './routes/transcripts.ts';
import { auditRoutes } from './routes/audit.ts';
import { userRoutes } from './routes/users.ts';
import { feedbackRoutes } from './routes/feedback.ts';
import { themeRoutes } from './routes/themes.ts';

/** JSON bodies are small; NDJSON uploads stream and are limited by the ingest reader instead. */
const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

function apiRoutes(deps: AppDeps, document: () => Promise<unknown>) {
  return new Hono<AppEnv>()
    .use(sameOriginForCookies)
    .use(authorize)
    .use(async (c, next) => {
      const type = c.req.header('content-type') ?? '';
      if (type.startsWith('application/json') && !c.req.path.endsWith('/transcripts/batch') && !c.req.path.endsWith('/api/v1/feedback')) {
        return bodyLimit({
          maxSize: JSON_BODY_LIMIT_BYTES,
          onError: () => {
            throw new LimitExceeded(`JSON body is over the limit of ${JSON_BODY_LIMIT_BYTES} bytes`);
          },
        })(c, next);
      }
      await next();
    })
    .route('/health', healthRoutes)
    .route('/auth', authRoutes)
    // Public: describing the API reveals nothing that is protected, and client generators fetch it unauthenticated.
    .get(
      '/openapi.json',
      doc({ summary: 'This document: OpenAPI 3.1, generated from the routes', tags: ['meta'], public: true, success: { status: 200, description: 'The OpenAPI document', schema: z.record(z.string(), z.unknown()) } }),
      async (c) => c.json(await document(), 200),
    )
    .route('/users', userRoutes)
    .route('/audit', auditRoutes)
    .route('/tokens', tokenRoutes)
    .route('/transcripts', transcriptRoutes)
    .route('/imports', importRoutes(deps.formats ?? builtInFormats))
    .route('/models', modelRoutes)
    .route('/scenarios', scenarioRoutes)
    .route('/demo', demoRoutes)
    .route('/traits', traitRoutes)
    .route('/rubrics', rubricRoutes)
    .route('/judge', judgeRoutes)
    .route('/stats', statsRoutes)
    .route('/comparisons', comparisonRoutes)
    .route('/queues', queueRoutes)
    .route('/exports', exportRoutes)
    .route('/feedback', feedbackRoutes)
    .route('/themes', themeRoutes);
}

/**
 * No inline script or style anywhere in the web app, so the policy can be strict. The API reference page
 * (Swagger UI) sets inline styles; it gets style-src 'unsafe-inline' and nothing else more.
 */
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Routes whose reads are heavy from their first statement (db/read-pool.ts keeps a reader free of them). */
const HEAVY_READ_PREFIXES = ['/api/v1/stats/', '/api/v1/exports'];

export function createApp(options: AppOptions) {
  const deps: AppDeps = {
    secureCookies: false,
    trustProxy: false,
    trustedOrigins: [],
    sessionPolicy: defaultSessionPolicy,
    loginLimiter: new LoginLimiter(),
    ...options,
  };
  const app = new Hono<AppEnv>();
  app.use('/api/docs/*', secureHeaders({ contentSecurityPolicy: { ...CSP, styleSrc: ["'self'", "'unsafe-inline'"] }, referrerPolicy: 'same-origin', crossOriginEmbedderPolicy: false }));
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/api/docs')) return next();
    return secureHeaders({ contentSecurityPolicy: CSP, referrerPolicy: 'same-origin', crossOriginEmbedderPolicy: false })(c, next);
  });
  app.use(async (c, next) => {
    c.set('deps', deps);
    // The request's reads share one account on the read workers, so a slow request cannot crowd out the rest;
    // statistics and exports read whole selections and say so up front (others become heavy by reader time).
    await withReadAccount(() => {
      if (HEAVY_READ_PREFIXES.some((prefix) => c.req.path.startsWith(prefix))) heavyReads();
      return next();
    });
  });
  app.onError((err, c) => renderError(err, c, deps.logger));
  const routes = app.route('/api/v1', apiRoutes(deps, openApiDocument(app)));
  app.route('/api/docs', apiDocsRoutes);
  app.all('/api/*', (c) => renderError(new NotFound(`No route ${c.req.method} ${c.req.path}`), c, deps.logger));
  if (deps.webDir) {
    // serveStatic resolves `root` against the working directory, so give it a relative path.
    const root = relative(process.cwd(), deps.webDir) || '.';
    app.use('/assets/*', serveStatic({ root }));
    app.use('/favicon.svg', serveStatic({ root }));
    // Every other path is a client-side route of the single-page app.
    app.get('*', serveStatic({ root, path: 'index.html' }));
  }
  app.notFound((c) => renderError(new NotFound(`No route ${c.req.method} ${c.req.path}`), c, deps.logger));
  return routes;
}

export type AppType = ReturnType<typeof createApp>;
