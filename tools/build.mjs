// npm run build: the OpenAPI plugin metadata (tools/openapi-metadata.mjs, only when a source changed), `tsc -b`,
// the console's bundle (vite), then openapi.json from the compiled app (written when it changed). `--check` writes no openapi.json and fails
// when the committed one differs from the code (CI's drift check).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { markBuilt, ROOT } from './build-state.mjs';
import { generateClientTypesIfStale } from './api-client.mjs';
import { generateMetadataIfStale } from './openapi-metadata.mjs';

const check = process.argv.includes('--check');
const run = (args) => {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const tsc = () => run([join(ROOT, 'node_modules/typescript/bin/tsc'), '-b']);
generateMetadataIfStale();
// The end-to-end tests compile against the client's types, made from the committed openapi.json.
await generateClientTypesIfStale();
tsc();
run([join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', 'apps/console', '--logLevel', 'warn']);
markBuilt();
run([join(ROOT, 'apps/back-office-api/dist/cli/openapi.js'), ...(check ? ['--check'] : [])]);
// A changed openapi.json changes the client: the tests are compiled against the new one.
if (await generateClientTypesIfStale()) {
  tsc();
  markBuilt();
}
