import { fuzzBench } from './fuzz.ts';

/** `npx tsx bench/fuzz-cli.ts [count]`: the fuzz bench alone (10,000 cases unless told), its rows on stdout. */
const count = Number(process.argv[2] ?? '10000');
if (!Number.isInteger(count) || count < 1) {
  process.stderr.write('usage: npx tsx bench/fuzz-cli.ts [count]\n');
  process.exit(2);
}
const rows = await fuzzBench(count);
const width = Math.max(...rows.map((r) => r.benchmark.length));
for (const row of rows) process.stdout.write(`${row.benchmark.padEnd(width)}  ${row.result}${row.target ? `  (target ${row.target})` : ''}\n`);
