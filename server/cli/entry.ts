import { main } from './main.ts';

/** The `charlens` command's entry, built to dist/server/charlens.js by `npm run build` (no TypeScript at run time). */
try {
  const code = await main(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
} catch (err) {
  // Expected failures (bad configuration, a port in use, an unreadable database) get one line, not a stack.
  process.stderr.write(`charlens: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
