import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDataset } from './seed.mjs';

export const BENCH_DIR = new URL('..', import.meta.url).pathname;
export const ROOT = new URL('../..', import.meta.url).pathname;
const CACHE = join(BENCH_DIR, '.cache');

/** What every scenario gets: the mode, a scratch directory, the shared (cached) data sets and a logger. */
export function createContext({ quick, members, scaleMembers }) {
  const work = mkdtempSync(join(tmpdir(), 'kenpo-bench-'));
  const datasets = new Map();
  return {
    quick,
    work,
    /** Members of the shared data set: 100,000 (1,100,000 events) in full, a small one for smoke runs (--members N). */
    members: members || (quick ? 500 : 100_000),
    /** Members of the scale scenario's data set when not its default (--scale-members N). */
    scaleMembers: scaleMembers || undefined,
    /** Results one scenario leaves for another of the same run (e.g. a caught-up data directory). */
    shared: new Map(),
    log: (message) => console.error(`  · ${message}`),
    /** A fresh scratch directory for one scenario. */
    scratch(name) {
      const dir = join(work, name);
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    /** The data set of `members` members (about 10 events each), seeded once and cached in bench/.cache. */
    async dataset(members) {
      if (!datasets.has(members)) {
        const dir = join(CACHE, `members-${members}`);
        const manifest = await seedDataset(dir, members, { log: (m) => console.error(`  · ${m}`) });
        datasets.set(members, {
          ...manifest,
          dir,
          eventsFile: join(dir, 'events.db'),
          personsFile: join(dir, 'persons.json'),
        });
      }
      return datasets.get(members);
    },
    /** A data directory for the app holding a copy of a data set's event store. */
    dataDirWith(dataset, name) {
      const dir = join(work, name);
      mkdirSync(dir, { recursive: true });
      cpSync(dataset.eventsFile, join(dir, 'events.db'));
      return dir;
    },
    cleanup() {
      rmSync(work, { recursive: true, force: true });
    },
  };
}
