// node tools/run-built.mjs <compiled entry> [args...]: runs a built entry point (the server, a CLI), building first
// only when the build is missing or older than the sources, so a CLI call costs a Node start, not a compilation.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, staleProjects } from './build-state.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error(
    'usage: node tools/run-built.mjs <compiled entry, e.g. apps/back-office-api/dist/cli/token.js> [args...]',
  );
  process.exit(2);
}

const stale = staleProjects();
if (stale.length > 0) {
  console.error(`building (${stale.map((p) => p.slice(ROOT.length + 1)).join(', ')} changed)...`);
  const build = spawnSync(process.execPath, [join(ROOT, 'tools/build.mjs')], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

process.setSourceMapsEnabled(true);
process.argv = [process.argv[0], resolve(entry), ...args];
await import(pathToFileURL(resolve(entry)).href);
