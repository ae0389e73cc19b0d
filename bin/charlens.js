#!/usr/bin/env node
// The `charlens` command from its TypeScript sources through tsx (tests, development, `npm link`).
// `npm start` runs the same entry bundled by `npm run build` instead: dist/server/charlens.js.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/entry.ts');
