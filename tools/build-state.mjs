// Whether the build is current: every project's dist/.tsbuildinfo newer than its sources and configuration.
import { readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

const SOURCE = /\.(ts|tsx|css|html)$/;

/** The newest modification time of the non-spec sources under `dir` (0 when there are none). */
export function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !SOURCE.test(entry.name) || entry.name.endsWith('.spec.ts')) continue;
    // Generated from the others: the plugin metadata and the client's types.
    if (entry.name === 'openapi.metadata.ts' || entry.parentPath.endsWith(join('api-client', 'src'))) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

export function projects() {
  return ['libs', 'apps'].flatMap((group) =>
    readdirSync(join(ROOT, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(ROOT, group, entry.name)),
  );
}

/** What marks a project built: tsc's build info, or the console's bundle (built by vite, not tsc). */
export function builtMarker(project) {
  return project.endsWith('console') ? join(project, 'dist', 'index.html') : join(project, 'dist', '.tsbuildinfo');
}

/** The projects whose build output is missing or older than an input (none when the build is current). */
export function staleProjects() {
  return projects().filter((project) => {
    const built = mtime(builtMarker(project));
    const inputs = Math.max(
      newestSource(join(project, 'src')),
      mtime(join(project, 'tsconfig.json')),
      mtime(join(project, 'package.json')),
      mtime(join(ROOT, 'tsconfig.base.json')),
    );
    return built === 0 || built < inputs;
  });
}

/** Marks every project as built now (tsc -b leaves the build info of an unchanged project untouched). */
export function markBuilt() {
  const now = new Date();
  for (const project of projects()) {
    try {
      utimesSync(builtMarker(project), now, now);
    } catch {
      // a project without output (nothing to mark)
    }
  }
}
