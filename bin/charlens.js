#!/usr/bin/env node
// The `charlens` command: runs the TypeScript CLI through tsx, so there is no separate build for the server.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/main.ts');
const code = await main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
