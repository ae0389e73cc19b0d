import type Anthropic from '@anthropic-ai/sdk';
import type { JudgeUsage } from '../../db/schema/index.ts';
import type { Checked } from './judgment.ts';
import { addUsage, emptyUsage } from './prices.ts';
import { buildRepairRequest, toParams, type MessageCreateParams } from './prompt.ts';

/** The result of judging one job: a checked value, or invalid after the repair turn; usage covers every request. */
export type CallOutcome<T> =
  | { status: 'valid'; value: T; usage: JudgeUsage; raw: Anthropic.Message[] }
  | { status: 'invalid'; error: string; usage: JudgeUsage; raw: Anthropic.Message[] };

export function usageOf(message: Anthropic.Message): JudgeUsage {
  return addUsage(emptyUsage(), { requests: 1, ...message.usage });
}

/**
 * Sends the request; if the answer does not validate, sends one repair turn with the error, and gives up after
 * that. API errors (after the SDK's own retries of 408/409/429/5xx, which honour retry-after-ms and
 * retry-after) are thrown to the caller. `jobKey` goes in a header so the request log shows which job paid.
 */
export async function judgeWithRepair<T>(
  client: Anthropic,
  request: MessageCreateParams,
  check: (content: Anthropic.ContentBlock[]) => Checked<T>,
  jobKey: string,
): Promise<CallOutcome<T>> {
  const options = { headers: { 'x-charlens-job': jobKey } };
  const first = await client.messages.create(request, options);
  let usage = usageOf(first);
  const checked = check(first.content);
  if (checked.ok) return { status: 'valid', value: checked.value, usage, raw: [first] };
  const second = await client.messages.create(buildRepairRequest(request, toParams(first.content), checked.error), options);
  usage = addUsage(usage, usageOf(second));
  const rechecked = check(second.content);
  if (rechecked.ok) return { status: 'valid', value: rechecked.value, usage, raw: [first, second] };
  return { status: 'invalid', error: `${checked.error}; after repair: ${rechecked.error}`, usage, raw: [first, second] };
}
