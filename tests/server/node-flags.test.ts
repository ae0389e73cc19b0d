import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../server/cli/node-flags.ts';
import { repoRoot } from '../helpers/server.ts';

test('npm start runs the server bundle with the Node flags the benchmarks measure', () => {
  const pkg: { scripts: Record<string, string> } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  expect(pkg.scripts['start']).toContain(`node ${SERVER_NODE_FLAGS.join(' ')} dist/server/charlens.js serve`);
});
