import { join } from 'node:path';
import { packageRoot } from '../../db/package-root.ts';
import type { Database } from '../../db/client.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../lib/logger.ts';
import type { JudgeDeps } from './deps.ts';
import { DEFAULT_PRICES } from './prices.ts';
import { syncRubrics } from './rubrics.ts';
import { defaultJudgeConfig, startJudgeWorker, type JudgeConfig, type JudgeWorker } from './worker.ts';

export const defaultRubricsDir = join(packageRoot(), 'rubrics');

export function judgeConfigFrom(env: Pick<Env, 'judge'>): JudgeConfig {
  const j = env.judge;
  return {
    ...defaultJudgeConfig,
    defaultModel: j.model ?? defaultJudgeConfig.defaultModel,
    prices: { ...DEFAULT_PRICES, ...j.prices },
    concurrency: j.concurrency ?? defaultJudgeConfig.concurrency,
    leaseMs: j.leaseMs ?? defaultJudgeConfig.leaseMs,
    batchPollMs: j.batchPollMs ?? defaultJudgeConfig.batchPollMs,
  };
}

/**
 * Loads and stores the rubrics (a bad rubric stops the start with every problem named), creates the API
 * client from configuration, and starts this process's worker, which resumes any unfinished run.
 */
export async function startJudge(
  database: Database,
  env: Pick<Env, 'judge' | 'anthropicApiKey' | 'anthropicBaseUrl'>,
  logger: Logger,
): Promise<{ deps: JudgeDeps; worker: JudgeWorker | null }> {
  const synced = await syncRubrics(database.atStartup(), env.judge.rubricsDir ?? defaultRubricsDir);
  const rubrics = new Map(synced.map((r) => [r.slug, r]));
  logger.info('judge.rubrics', { traits: synced.map((r) => `${r.slug}@${r.contentHash.slice(0, 12)}`) });
  const config = judgeConfigFrom(env);
  // The SDK is loaded only when there is a key to use it with: it is the largest module the server would hold
  // (about 16 MB resident of an idle server's ~130), for nothing when runs cannot start.
  const client = env.anthropicApiKey
    ? new (await import('@anthropic-ai/sdk')).default({ apiKey: env.anthropicApiKey, baseURL: env.anthropicBaseUrl ?? null, maxRetries: 4 })
    : null;
  if (!client) logger.warn('judge.no_api_key', { message: 'ANTHROPIC_API_KEY is not set: estimates work offline, runs cannot start' });
  const worker = client ? startJudgeWorker({ database, client, config, logger }) : null;
  return { deps: { config, client, rubrics, worker }, worker };
}
