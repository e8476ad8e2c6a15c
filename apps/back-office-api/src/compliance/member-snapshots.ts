import type { MemberState } from '@kenpo/membership';
import type { IdentifierPeriod } from './member-as-of.js';

/**
 * A member stream folded through `revision`. It stands for the fold of any instant at or after `knownSince` (the
 * latest recording time among events 0..revision): a fold as of such an instant passes all of those events and
 * reaches exactly this state, whatever order their recording times came in.
 */
export interface MemberSnapshot {
  revision: number;
  knownSince: number;
  lastRecordedAt: string;
  state: MemberState;
  identifierHistory: readonly IdentifierPeriod[];
}

/**
 * Snapshots of long member streams for as-of questions (issue 16.3), kept in memory: derived data, made by the folds
 * themselves every `every` revisions, never a source of truth (a miss or a restart only costs a longer fold) and never
 * written anywhere (the state holds Individual Number ciphertexts and account numbers the read models do not).
 * The stream is append-only, so a snapshot stays true forever. Bounded: least recently used members are dropped once
 * the snapshots held cover more than `maxRevisions` revisions in all. States are shared, never mutated: `evolve`
 * returns new objects.
 */
export class MemberSnapshots {
  private readonly members = new Map<string, MemberSnapshot[]>();
  private held = 0;

  constructor(
    readonly every = 64,
    private readonly maxRevisions = 1_000_000,
  ) {}

  /** The snapshot with the highest revision that holds at `at` (epoch ms), if any. */
  best(memberId: string, at: number): MemberSnapshot | undefined {
    const snapshots = this.members.get(memberId);
    if (!snapshots) return undefined;
    this.members.delete(memberId);
    this.members.set(memberId, snapshots);
    // knownSince never decreases with the revision (a running maximum): binary search for the last one <= at.
    let low = 0;
    let high = snapshots.length - 1;
    let found: MemberSnapshot | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (snapshots[middle]!.knownSince <= at) {
        found = snapshots[middle];
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }

  /** Whether the fold should offer a snapshot after folding `revision`. */
  wants(revision: number): boolean {
    return (revision + 1) % this.every === 0;
  }

  record(memberId: string, snapshot: MemberSnapshot): void {
    if (!Number.isFinite(snapshot.knownSince)) return;
    const snapshots = this.members.get(memberId) ?? [];
    const at = snapshots.findIndex((s) => s.revision >= snapshot.revision);
    if (at >= 0 && snapshots[at]!.revision === snapshot.revision) return;
    snapshots.splice(at < 0 ? snapshots.length : at, 0, snapshot);
    this.members.delete(memberId);
    this.members.set(memberId, snapshots);
    this.held += snapshot.revision + 1;
    for (const [id, dropped] of this.members) {
      if (this.held <= this.maxRevisions || id === memberId) break;
      this.members.delete(id);
      this.held -= dropped.reduce((sum, s) => sum + s.revision + 1, 0);
    }
  }
}
