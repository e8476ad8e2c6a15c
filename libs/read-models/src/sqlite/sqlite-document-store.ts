import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  DocumentStore,
  type BulkWriteOptions,
  type CollectionSpec,
  type CollectionTarget,
  type Document,
  type FindQuery,
  type Page,
  type WriteOp,
} from '../document-store.js';
import { assertDocument, encodeCursor, lastOpPerId, normalizeQuery } from '../query.js';
import { SqliteCatalog } from './sqlite-catalog.js';
import { findSql, quote } from './sqlite-sql.js';

/**
 * Read models in one SQLite file (WAL): one table per physical collection (id TEXT PRIMARY KEY, doc JSON text),
 * with a json_extract expression index per declared field, ending in id so ties page in a stable order.
 */
export class SqliteDocumentStore extends DocumentStore {
  private readonly catalog: SqliteCatalog;
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(private readonly db: Database.Database) {
    super();
    this.catalog = new SqliteCatalog(db, () => this.statements.clear());
  }

  static open(file: string): SqliteDocumentStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // A view lost in a power cut is lost with its checkpoint (same transaction) and rebuilt from events.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    return new SqliteDocumentStore(db);
  }

  async declare(spec: CollectionSpec): Promise<void> {
    this.catalog.declare(spec);
  }

  async get<D extends Document>(collection: CollectionTarget, id: string): Promise<D | null> {
    const table = this.catalog.resolve(collection).table;
    const row = this.stmt(`SELECT doc FROM ${quote(table)} WHERE id = ?`).get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as D) : null;
  }

  async getMany<D extends Document>(collection: CollectionTarget, ids: readonly string[]): Promise<Map<string, D>> {
    const table = this.catalog.resolve(collection).table;
    const rows = this.stmt(`SELECT doc FROM ${quote(table)} WHERE id IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(ids),
    ) as { doc: string }[];
    return new Map(rows.map((row) => JSON.parse(row.doc) as D).map((doc) => [doc.id, doc]));
  }

  async put<D extends Document>(collection: CollectionTarget, doc: D): Promise<void> {
    assertDocument(doc);
    const table = this.catalog.resolve(collection).table;
    this.upsert(table).run(doc.id, JSON.stringify(doc));
  }

  async delete(collection: CollectionTarget, id: string): Promise<void> {
    const table = this.catalog.resolve(collection).table;
    this.remove(table).run(id);
  }

  async bulkWrite<D extends Document>(
    collection: CollectionTarget,
    ops: readonly WriteOp<D>[],
    options: BulkWriteOptions = {},
  ): Promise<void> {
    const table = this.catalog.resolve(collection).table;
    const upsert = this.upsert(table);
    const remove = this.remove(table);
    const unique = lastOpPerId(ops);
    // Documents and checkpoint commit together or not at all (architecture.md 5).
    this.db.transaction(() => {
      for (const op of unique) {
        if ('put' in op) upsert.run(op.put.id, JSON.stringify(op.put));
        else remove.run(op.delete);
      }
      if (options.checkpoint) this.catalog.setCheckpoint(options.checkpoint.name, options.checkpoint.position);
    })();
  }

  async find<D extends Document>(collection: CollectionTarget, query: FindQuery = {}): Promise<Page<D>> {
    const { table, indexes } = this.catalog.resolve(collection);
    const q = normalizeQuery(query, indexes);
    const sql = findSql(table, q);
    const rows = this.stmt(sql.text).all(...sql.params) as { doc: string }[];
    const items = rows.slice(0, q.limit).map((row) => JSON.parse(row.doc) as D);
    return rows.length > q.limit ? { items, nextCursor: encodeCursor(q, items[items.length - 1]!) } : { items };
  }

  async *iterate<D extends Document>(collection: CollectionTarget, pageSize = 500): AsyncGenerator<D, void, undefined> {
    // Pin the version: a switch during the walk must not mix two versions.
    const pinned = this.catalog.resolve(collection).target;
    let cursor: string | undefined;
    do {
      const page = await this.find<D>(pinned, { limit: pageSize, cursor });
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }

  async getCheckpoint(name: string): Promise<number | null> {
    return this.catalog.getCheckpoint(name);
  }
  async setCheckpoint(name: string, position: number): Promise<void> {
    this.catalog.setCheckpoint(name, position);
  }

  async createVersion(name: string): Promise<number> {
    return this.catalog.createVersion(name);
  }
  async activate(name: string, version: number): Promise<void> {
    this.catalog.activate(name, version);
  }
  async dropVersion(name: string, version: number): Promise<void> {
    this.catalog.dropVersion(name, version);
  }
  async activeVersion(name: string): Promise<number | null> {
    return this.catalog.activeVersion(name);
  }
  async versions(name: string): Promise<number[]> {
    return this.catalog.versions(name);
  }

  async close(): Promise<void> {
    this.statements.clear();
    if (this.db.open) this.db.close();
  }

  private upsert(table: string): Database.Statement {
    return this.stmt(
      `INSERT INTO ${quote(table)} (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`,
    );
  }
  private remove(table: string): Database.Statement {
    return this.stmt(`DELETE FROM ${quote(table)} WHERE id = ?`);
  }
  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
