#!/usr/bin/env node
// The `charlens` command: runs the TypeScript CLI through tsx, so there is no separate build for the server.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/main.ts');
try {
  const code = await main(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
} catch (err) {
  // Expected failures (bad configuration, a port in use, an unreadable database) get one line, not a stack.
  process.stderr.write(`charlens: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
