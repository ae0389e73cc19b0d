import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterEach, expect, test } from 'vitest';
import { judgeCommand } from '../../server/cli/judge.ts';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.ts';
import { createJudgeTestApp, seedTranscripts, type JudgeTestApp } from './support.ts';

let t: JudgeTestApp;
let fake: FakeAnthropic;
let close: () => void = () => undefined;
afterEach(async () => {
  close();
  await t.cleanup();
  await fake.close();
});

function captureIo() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdout, stderr, stdin: new PassThrough() }, out: () => out, err: () => err };
}

async function listen(t: JudgeTestApp): Promise<string> {
  const server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  close = () => server.close();
  const address: AddressInfo | string | null = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

test('charlens judge shows the estimate, starts the run, follows it to the end and prints the totals', async () => {
  fake = await startFakeAnthropic();
  t = await createJudgeTestApp({ fake });
  await seedTranscripts(t, 3, ['model-a', 'model-b']);
  t.startWorker();
  const url = await listen(t);
  const { io, out, err } = captureIo();
  const code = await judgeCommand(['--traits', 'pushback,warmth', '--where', 'model=model-b', '--budget', '2', '--yes', '--url', url, '--token', t.token], io);
  expect(err()).toBe('');
  expect(code).toBe(0);
  expect(out()).toMatch(/^Judge claude-sonnet-5-5: 6 jobs, ~[\d,]+ input tokens \([\d,]+ from cache\), ~2,700 output tokens, estimated \$0\.\d{4} \(count_tokens\); budget \$2\n/);
  expect(out()).toMatch(/Run \w+ started\.\nRun \w+ done: 6 done, 0 invalid, 0 failed, 0 pending; cost \$0\.\d{4}, \d+% of prompt tokens from cache\n$/);
});

test('without --yes and without a terminal it refuses to start; bad arguments are exit code 2', async () => {
  fake = await startFakeAnthropic();
  t = await createJudgeTestApp({ fake });
  await seedTranscripts(t, 1);
  const url = await listen(t);
  const first = captureIo();
  expect(await judgeCommand(['--traits', 'pushback', '--url', url, '--token', t.token], first.io)).toBe(2);
  expect(first.err()).toBe('charlens: pass --yes to start without being asked\n');
  expect(await t.count('SELECT count(*) FROM judge_runs')).toBe(0);
  const second = captureIo();
  expect(await judgeCommand(['--traits', 'pushback', '--where', 'colour=red', '--url', url, '--token', t.token], second.io)).toBe(2);
  expect(second.err()).toMatch(/--where takes model=…,scenario=…,tag=…; not "colour=red"/);
  const third = captureIo();
  expect(await judgeCommand(['--traits', 'kindness', '--yes', '--url', url, '--token', t.token], third.io)).toBe(2);
  expect(third.err()).toMatch(/HTTP 400\): No rubric for trait kindness/);
});
