import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of charlens's package.json, found by walking up from this module: the same whether the code runs
 * from its TypeScript sources (through tsx) or from the bundle `npm run build` makes in dist/server/.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'db', 'migrations'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('charlens cannot find its package folder (package.json with db/migrations)');
    dir = parent;
  }
}
