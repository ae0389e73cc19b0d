import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../db/package-root.ts';
import { createDb } from '../db/client.ts';
import { ensureTraitValues } from './aggregate/refresh.ts';
import { ensureThinkingMeasured } from './thinking/backfill.ts';
import { createApp } from './app.ts';
import { bootstrapAuth } from './auth/bootstrap.ts';
import { isEmpty, loadDemo } from './demo/load.ts';
import { readEnv } from './env.ts';
import { startJudge } from './judge/setup.ts';
import { createLogger } from './lib/logger.ts';

export interface ServeOptions {
  /** Load the demo data set when the database has no transcripts (what `npm start` does). */
  demo?: boolean;
}

/** Starts charlens: database, first-start auth, the app, and the HTTP server. Resolves once listening. */
export async function startServer(options: ServeOptions = {}) {
  const env = readEnv();
  const logger = createLogger();
  const database = await createDb(env.databaseUrl, { authToken: env.databaseAuthToken, readWorkers: env.readWorkers });
  // Start-up reads on the main connection: the readers start with the first request (db/read-pool.ts).
  const boot = database.atStartup();
  const traitValues = await ensureTraitValues(boot);
  if (traitValues.rebuilt && traitValues.transcripts) logger.info('trait_values.rebuilt', { transcripts: traitValues.transcripts });
  const thinking = await ensureThinkingMeasured(boot);
  if (thinking.measured) logger.info('thinking.measured', { messages: thinking.measured });
  const { setupToken } = await bootstrapAuth(boot, env, logger);
  const bootIngest = { database: boot, limits: env.limits };
  if (options.demo && (await isEmpty(bootIngest))) {
    const result = await loadDemo(bootIngest, null);
    logger.info('demo.loaded', { inserted: result.inserted });
  }
  const judge = await startJudge(database, env, logger);
  const webDir = join(packageRoot(), 'dist', 'web');
  if (!existsSync(webDir)) logger.warn('web.missing', { message: 'dist/web is absent: run `npm run build` to serve the web app' });
  const app = createApp({
    database,
    limits: env.limits,
    logger,
    spoolDir: env.spoolDir,
    labelLeaseMs: env.labelLeaseMs,
    setup: { token: setupToken },
    webDir: existsSync(webDir) ? webDir : undefined,
    judge: judge.deps,
    ...env.security,
  });
  const server = serve({ fetch: app.fetch, hostname: env.host, port: env.port });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`${env.host}:${env.port} is already in use: stop the other server or set PORT`) : err),
    );
  });
  const base = `http://${env.host}:${env.port}`;
  const reads = database.readers ? `reads on ${database.readers.size} worker threads` : 'reads on the main thread';
  process.stdout.write(`charlens is listening on ${base} (database ${env.databaseUrl}, ${reads})\n`);
  if (setupToken) process.stdout.write(`No admin yet. Create one, once, at:\n\n  ${base}/setup?token=${setupToken}\n\n`);
  const shutdown = () => {
    server.close();
    // Requests in flight get a few seconds to be recorded; anything else resumes from its lease on the next start.
    const stopped = judge.worker ? Promise.race([judge.worker.stop(), new Promise((r) => setTimeout(r, 5_000))]) : Promise.resolve();
    void stopped
      .finally(() => database.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return { server, database };
}
