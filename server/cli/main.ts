import { access, constants } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tokenScopes } from '../auth/access.ts';
import { fail } from './fail.ts';
import { readCliEnv } from '../env.ts';
import { detectFormat, sampleFile } from '../ingest/files.ts';
import { builtInFormats, formatNames, type FormatRegistry } from '../ingest/formats/registry.ts';
import { formatImportOutcome, importFiles } from './import.ts';
import { JUDGE_USAGE, judgeCommand } from './judge.ts';
import { formatOutcome, uploadFile } from './upload.ts';

/** What --format accepts: auto, or a format of the registry. */
export function formatChoices(registry: FormatRegistry): string[] {
  return ['auto', ...formatNames(registry)];
}

const USAGE = `charlens — character-eval transcript review

  charlens serve [--demo]                 start the server (DATABASE_URL, HOST, PORT); --demo loads the
                                          demo data set into an empty database
  charlens upload FILE… [--format ${formatChoices(builtInFormats).join('|')}]
                 [--model NAME] [--no-atomic] [--url URL] [--token TOKEN]
                                          upload native NDJSON or import eval files (.gz too);
                                          the format is detected from the content unless named
${JUDGE_USAGE}  charlens token create --email EMAIL [--name NAME] [--scopes ${tokenScopes.join(',')}]
                                          create an API token for a user of the local database
                                          (default scopes read,ingest,judge; at most the user's role's)
  charlens token list [--email EMAIL]     active tokens (all users, or one), with their last use
  charlens token revoke ID                revoke a token
  charlens user add --email EMAIL --role admin|researcher|labeler --password PASSWORD
                                          add a user to the local database
  charlens export scores|labels|comparisons|values|stats [--trait T] [--model M] [--source judge|human|import]
                 [--format csv|jsonl] [--out FILE] [--url URL] [--token TOKEN]
                                          stream an export from a server to stdout (or FILE)
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean', default: false } } });
      // Loaded here, not at the top: the other commands (an upload from a script) start without the server's modules.
      const { startServer } = await import('../main.ts');
      await startServer({ demo: values.demo });
      return -1; // keeps running
    }
    case 'upload':
      return upload(rest);
    case 'judge':
      return judgeCommand(rest);
    case 'export':
      return exportCommand(rest);
    case 'token':
      if (rest[0] === 'create') return (await import('./local-db.ts')).tokenCreate(rest.slice(1));
      if (rest[0] === 'list') return (await import('./local-db.ts')).tokenList(rest.slice(1));
      if (rest[0] === 'revoke') return (await import('./local-db.ts')).tokenRevoke(rest.slice(1));
      break;
    case 'user':
      if (rest[0] !== 'add') break;
      return (await import('./local-db.ts')).userAdd(rest.slice(1));
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return 0;
  }
  process.stderr.write(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
  return 2;
}

async function upload(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'auto' },
      model: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      'no-atomic': { type: 'boolean', default: false },
    },
  });
  const cli = readCliEnv();
  const url = values.url ?? cli.url ?? 'http://127.0.0.1:8787';
  const token = values.token ?? cli.token;
  if (!token) return fail('upload needs --token or CHARLENS_TOKEN (create one with `charlens token create`)');
  const format = values.format;
  if (!formatChoices(builtInFormats).includes(format)) return fail(`--format must be auto or one of ${formatNames(builtInFormats).join(', ')}`);
  if (!positionals.length) return fail('upload needs at least one FILE');
  for (const file of positionals) {
    try {
      await access(file, constants.R_OK);
    } catch {
      return fail(`cannot read ${file}`);
    }
  }
  // Group files by format (detected here with the server's own detectors): native NDJSON streams to the batch
  // endpoint file by file; the other formats go to the imports endpoint, each format in one request.
  const groups = new Map<string, string[]>();
  for (const file of positionals) {
    const detected = format === 'auto' ? await detectFileFormat(file) : format;
    if (!detected) return fail(`cannot tell the format of ${file}; name it with --format (${formatNames(builtInFormats).join(', ')})`);
    groups.set(detected, [...(groups.get(detected) ?? []), file]);
  }
  let failed = false;
  try {
    for (const file of groups.get('native') ?? []) {
      const outcome = await uploadFile(file, { url, token, atomic: !values['no-atomic'], progress: Boolean(process.stderr.isTTY) });
      process.stdout.write(formatOutcome(outcome) + '\n');
      failed ||= !outcome.ok || outcome.errors.length > 0;
    }
    for (const [groupFormat, files] of groups) {
      if (groupFormat === 'native') continue;
      const outcome = await importFiles(files, { url, token, format: groupFormat, model: values.model });
      process.stdout.write(formatImportOutcome(outcome) + '\n');
      failed ||= !outcome.ok || outcome.failed.length > 0;
    }
  } catch (err) {
    return fail(`uploading to ${url} failed: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`);
  }
  return failed ? 1 : 0;
}

/** The same detection as the server's, on the opening of the file. */
async function detectFileFormat(file: string): Promise<string | null> {
  return detectFormat(await sampleFile(file, file), builtInFormats)?.name ?? null;
}

async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { trait: { type: 'string' }, model: { type: 'string' }, source: { type: 'string' }, format: { type: 'string', default: 'csv' }, out: { type: 'string' }, url: { type: 'string' }, token: { type: 'string' } },
  });
  const [kind] = positionals;
  const { exportKinds } = await import('../exports/exports.ts');
  if (!kind || !exportKinds.some((k) => k === kind)) return fail(`export needs one of ${exportKinds.join(', ')}`);
  if (values.format !== 'csv' && values.format !== 'jsonl') return fail('--format must be csv or jsonl');
  const cli = readCliEnv();
  const url = values.url ?? cli.url ?? 'http://127.0.0.1:8787';
  const token = values.token ?? cli.token;
  if (!token) return fail('export needs --token or CHARLENS_TOKEN');
  const query = new URLSearchParams({ format: values.format });
  for (const key of ['trait', 'model', 'source'] as const) {
    const v = values[key];
    if (v) query.set(key, v);
  }
  let response: Response;
  try {
    response = await fetch(new URL(`/api/v1/exports/${kind}?${query}`, url), { headers: { authorization: `Bearer ${token}` } });
  } catch (err) {
    return fail(`reaching ${url} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!response.ok || !response.body) {
    const body: unknown = await response.json().catch(() => null);
    const message = typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object' && body.error !== null && 'message' in body.error ? String(body.error.message) : `HTTP ${response.status}`;
    return fail(`export failed: ${message}`);
  }
  const sink = values.out ? createWriteStream(values.out) : process.stdout;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!sink.write(value)) await once(sink, 'drain');
  }
  if (values.out) await new Promise<void>((resolve, reject) => sink.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return 0;
}
