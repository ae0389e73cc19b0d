import { startCharlens, runCli } from './tests/helpers/server.ts';
import { writeFileSync, mkdtempSync } from 'node:fs';
const dir = mkdtempSync('/tmp/cl-');
const env = { DATABASE_URL: `file:${dir}/x.db`, CHARLENS_INIT_ADMIN_EMAIL: 'a@example.com', CHARLENS_INIT_ADMIN_PASSWORD: 'xxxxxxxxx', CHARLENS_INIT_API_TOKEN: 'clt_t' };
const s = await startCharlens(env);
writeFileSync(`${dir}/bad.ndjson`, ['{"model":"m","messages":[{"role":"user","content":"x"}]}', '{oops', '{"model":"m"}'].join('\n'));
for (let i = 0; i < 3; i++) {
  const r = await runCli(['upload', `${dir}/bad.ndjson`, '--url', s.url, '--token', 'clt_t']);
  console.log(r.code, r.stdout, r.stderr);
}
console.log('SERVER OUTPUT', s.output());
await s.stop();
