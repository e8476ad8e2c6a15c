import type { AnyBulkWriteOperation, Collection, Db, Filter, MongoClient } from 'mongodb';
import { ValidationError } from '@kenpo/kernel';
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
import { MongoCatalog } from './mongo-catalog.js';
import { findFilter, findSort, fromStored, toStored, type Stored } from './mongo-query.js';

interface CheckpointEntry {
  _id: string;
  position: number;
}

/**
 * Read models in MongoDB: one collection per physical version (`_id` = view id), indexes created when a collection
 * is declared, checkpoints in `checkpoints`, active-version pointers in `collection_versions`.
 * MongoDB has no multi-document atomicity without a transaction, so a checkpoint given with a batch is written
 * after the batch succeeded; the views' stored positions make a re-delivered batch harmless.
 */
export class MongoDocumentStore extends DocumentStore {
  private readonly catalog: MongoCatalog;
  private readonly checkpoints: Collection<CheckpointEntry>;

  constructor(
    db: Db,
    private readonly client?: MongoClient,
  ) {
    super();
    this.catalog = new MongoCatalog(db);
    this.checkpoints = db.collection<CheckpointEntry>('checkpoints');
  }

  /** Connects and owns the client: `close()` closes it. */
  static async connect(uri: string, database = 'kenpo'): Promise<MongoDocumentStore> {
    // Loaded on first use, as the EventStoreDB client is: the embedded profile never pays for the driver.
    const { MongoClient } = await import('mongodb');
    const client = await new MongoClient(uri).connect();
    return new MongoDocumentStore(client.db(database), client);
  }

  async declare(spec: CollectionSpec): Promise<void> {
    await this.catalog.declare(spec);
  }

  async get<D extends Document>(collection: CollectionTarget, id: string): Promise<D | null> {
    const { collection: c } = await this.catalog.resolve(collection);
    const stored = await c.findOne({ _id: id });
    return stored ? fromStored<D>(stored) : null;
  }

  async getMany<D extends Document>(collection: CollectionTarget, ids: readonly string[]): Promise<Map<string, D>> {
    const { collection: c } = await this.catalog.resolve(collection);
    const found = await c.find({ _id: { $in: [...ids] } }).toArray();
    return new Map(found.map((stored) => [stored._id, fromStored<D>(stored)]));
  }

  async put<D extends Document>(collection: CollectionTarget, doc: D): Promise<void> {
    assertDocument(doc);
    const { collection: c } = await this.catalog.resolve(collection);
    await c.replaceOne({ _id: doc.id }, toStored(doc), { upsert: true });
  }

  async delete(collection: CollectionTarget, id: string): Promise<void> {
    const { collection: c } = await this.catalog.resolve(collection);
    await c.deleteOne({ _id: id });
  }

  async bulkWrite<D extends Document>(
    collection: CollectionTarget,
    ops: readonly WriteOp<D>[],
    options: BulkWriteOptions = {},
  ): Promise<void> {
    const { collection: c } = await this.catalog.resolve(collection);
    const writes: AnyBulkWriteOperation<Stored>[] = lastOpPerId(ops).map((op) =>
      'put' in op
        ? { replaceOne: { filter: { _id: op.put.id }, replacement: toStored(op.put), upsert: true } }
        : { deleteOne: { filter: { _id: op.delete } } },
    );
    // Unordered: the server may apply them in parallel; lastOpPerId leaves at most one op per document.
    if (writes.length > 0) await c.bulkWrite(writes, { ordered: false });
    if (options.checkpoint) await this.setCheckpoint(options.checkpoint.name, options.checkpoint.position);
  }

  async find<D extends Document>(collection: CollectionTarget, query: FindQuery = {}): Promise<Page<D>> {
    const { collection: c, indexes } = await this.catalog.resolve(collection);
    const q = normalizeQuery(query, indexes);
    const found = await c
      .find(findFilter(q) as Filter<Stored>)
      .sort(findSort(q))
      .limit(q.limit + 1)
      .toArray();
    const items = found.slice(0, q.limit).map((stored) => fromStored<D>(stored));
    return found.length > q.limit ? { items, nextCursor: encodeCursor(q, items[items.length - 1]!) } : { items };
  }

  async *iterate<D extends Document>(collection: CollectionTarget, pageSize = 500): AsyncGenerator<D, void, undefined> {
    // Pin the version: a switch during the walk must not mix two versions.
    const pinned = (await this.catalog.resolve(collection)).target;
    let cursor: string | undefined;
    do {
      const page = await this.find<D>(pinned, { limit: pageSize, cursor });
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }

  async getCheckpoint(name: string): Promise<number | null> {
    return (await this.checkpoints.findOne({ _id: name }))?.position ?? null;
  }
  async setCheckpoint(name: string, position: number): Promise<void> {
    if (!Number.isSafeInteger(position) || position < -1)
      throw ValidationError.of('position', 'integer', 'a checkpoint is an event position');
    await this.checkpoints.updateOne({ _id: name }, { $set: { position } }, { upsert: true });
  }

  async createVersion(name: string): Promise<number> {
    return this.catalog.createVersion(name);
  }
  async activate(name: string, version: number): Promise<void> {
    await this.catalog.activate(name, version);
  }
  async dropVersion(name: string, version: number): Promise<void> {
    await this.catalog.dropVersion(name, version);
  }
  async activeVersion(name: string): Promise<number | null> {
    return this.catalog.activeVersion(name);
  }
  async versions(name: string): Promise<number[]> {
    return this.catalog.versions(name);
  }

  async close(): Promise<void> {
    await this.client?.close();
  }
}
