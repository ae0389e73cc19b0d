import type Anthropic from '@anthropic-ai/sdk';
import type { SyncedRubric } from './rubrics.ts';
import type { JudgeConfig } from './worker.ts';

/** What the judge routes need; built by server/main.ts (or a test) and handed to createApp. */
export interface JudgeDeps {
  config: JudgeConfig;
  /** Null when no API key is configured: estimates still work (offline), runs cannot start. */
  client: Anthropic | null;
  /** The rubrics loaded at start, by trait slug: the current version of each. */
  rubrics: Map<string, SyncedRubric>;
  /** Tells this process's worker that new work exists; null when no worker runs here. */
  worker: { wake(): void } | null;
  /** How often the progress stream looks at a run. */
  progressIntervalMs?: number;
}
