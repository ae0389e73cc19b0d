import { Hono } from 'hono';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AppEnv } from '../context.ts';

/**
 * The API reference at /api/docs: Swagger UI (swagger-ui-dist, served from this origin, no CDN) over the
 * generated /api/v1/openapi.json. Its page and start-up script are ours, so no inline script is needed.
 */
const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const assets: Record<string, { file: string; type: string }> = {
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
};
const cache = new Map<string, string>();

async function asset(name: string): Promise<string> {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const entry = assets[name];
  const text = entry ? await readFile(join(swaggerDir, entry.file), 'utf8') : '';
  cache.set(name, text);
  return text;
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>charlens API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<p style="margin:12px 20px;font:14px system-ui"><a href="/">← charlens</a> · <a href="/api/v1/openapi.json">openapi.json</a></p>
<div id="reference"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/start.js"></script>
</body>
</html>`;

const START = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#reference', deepLinking: true, withCredentials: true });
});`;

export const apiDocsRoutes = new Hono<AppEnv>()
  .get('/', (c) => c.html(PAGE))
  .get('/start.js', (c) => c.body(START, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
  .get('/:asset', async (c) => {
    const name = c.req.param('asset');
    const entry = assets[name];
    if (!entry) return c.notFound();
    return c.body(await asset(name), 200, { 'content-type': entry.type, 'cache-control': 'public, max-age=86400' });
  });
