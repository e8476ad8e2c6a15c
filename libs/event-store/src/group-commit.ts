import type Database from 'better-sqlite3';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit for a durable SQLite connection (synchronous=FULL): the writes queued during one turn of the event
 * loop run in ONE IMMEDIATE transaction, each in its own savepoint, and share one sync to disk. Each write keeps its
 * own outcome: one that throws (a lost race, a duplicate) is rolled back alone and rejects alone, the others commit.
 * Nothing resolves before the COMMIT has returned, i.e. before the group is on disk. Under load many requests reach
 * their write in the same turn, so the sync (the price of durability) is paid once per group instead of per write.
 */
export class GroupCommit {
  private pending: Pending[] = [];
  private scheduled = false;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly savepoint: Database.Statement;
  private readonly release: Database.Statement;
  private readonly rollbackTo: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    /** Called after each committed group (e.g. to wake subscribers), before the writers' promises settle. */
    private readonly committed: () => void = () => undefined,
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT grouped_write');
    this.release = db.prepare('RELEASE grouped_write');
    this.rollbackTo = db.prepare('ROLLBACK TO grouped_write');
  }

  /** Runs `work` (synchronous SQL on this connection) inside the next group; resolves once the group is durable. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  /** Commits what is queued now (before the connection closes). */
  flush(): void {
    this.scheduled = false;
    const group = this.pending;
    if (group.length === 0) return;
    this.pending = [];
    let outcomes: Outcome[];
    try {
      outcomes = this.inOneTransaction(group);
    } catch (error) {
      for (const item of group) item.reject(error);
      return;
    }
    this.committed();
    group.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  private inOneTransaction(group: readonly Pending[]): Outcome[] {
    this.begin.run();
    try {
      const outcomes = group.map((item): Outcome => {
        this.savepoint.run();
        try {
          const value = item.work();
          this.release.run();
          return { ok: true, value };
        } catch (error) {
          // SQLite rolls a whole transaction back on some errors (disk full, I/O): the group then fails as one.
          if (!this.db.inTransaction) throw error;
          this.rollbackTo.run();
          this.release.run();
          return { ok: false, error };
        }
      });
      this.commit.run();
      return outcomes;
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run();
      throw error;
    }
  }
}
