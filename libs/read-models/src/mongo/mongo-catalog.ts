import type { Collection, Db } from 'mongodb';
import { ConflictError, NotFoundError } from '@kenpo/kernel';
import { physicalName, type CollectionSpec, type CollectionTarget } from '../document-store.js';
import { assertCollectionName, assertFieldPath } from '../query.js';
import type { Stored } from './mongo-query.js';

/** One entry per logical collection in `collection_versions`. */
interface VersionEntry {
  _id: string;
  indexes: string[];
  active: number | null;
  lastVersion: number;
  versions: number[];
}

export interface Resolved {
  collection: Collection<Stored>;
  indexes: readonly string[];
  target: { name: string; version: number };
}

const hasCode = (error: unknown, ...codes: number[]): boolean =>
  codes.includes((error as { code?: number }).code ?? -1);
const NAMESPACE_NOT_FOUND = 26;
const NAMESPACE_EXISTS = 48;
const DUPLICATE_KEY = 11000;

/** Versions, active pointers and indexes of the logical collections, kept in the database for every process. */
export class MongoCatalog {
  private readonly entries: Collection<VersionEntry>;

  constructor(private readonly db: Db) {
    this.entries = db.collection<VersionEntry>('collection_versions');
  }

  async declare(spec: CollectionSpec): Promise<void> {
    assertCollectionName(spec.name);
    spec.indexes.forEach(assertFieldPath);
    const indexes = [...new Set(spec.indexes)];
    const upsert = () =>
      this.entries.updateOne(
        { _id: spec.name },
        { $set: { indexes }, $setOnInsert: { active: null, lastVersion: 0, versions: [] } },
        { upsert: true },
      );
    // Two processes declaring at once: one upsert loses on the unique _id and simply updates.
    await upsert().catch((error: unknown) => (hasCode(error, DUPLICATE_KEY) ? upsert() : Promise.reject(error)));
    const claimedFirst = await this.entries.findOneAndUpdate(
      { _id: spec.name, lastVersion: 0 },
      { $set: { lastVersion: 1 } },
    );
    if (claimedFirst) {
      await this.createPhysical(physicalName(spec.name, 1));
      await this.entries.updateOne({ _id: spec.name }, { $addToSet: { versions: 1 } });
      await this.activate(spec.name, 1);
    }
    const active = await this.activeVersion(spec.name);
    if (active !== null) await this.createIndexes(physicalName(spec.name, active), indexes);
  }

  async resolve(target: CollectionTarget): Promise<Resolved> {
    const name = typeof target === 'string' ? target : target.name;
    const entry = await this.entries.findOne({ _id: name });
    if (!entry) throw new NotFoundError('collection_not_declared', `collection ${name} is not declared`);
    const version = typeof target === 'string' ? entry.active : target.version;
    if (version === null || !entry.versions.includes(version)) {
      throw new NotFoundError('collection_version_not_found', `collection ${name} has no version ${String(version)}`);
    }
    return {
      collection: this.db.collection<Stored>(physicalName(name, version)),
      indexes: entry.indexes,
      target: { name, version },
    };
  }

  async createVersion(name: string): Promise<number> {
    const entry = await this.entries.findOneAndUpdate(
      { _id: name },
      { $inc: { lastVersion: 1 } },
      { returnDocument: 'after' },
    );
    if (!entry) throw new NotFoundError('collection_not_declared', `collection ${name} is not declared`);
    // No secondary index yet: `activate` builds them once over the documents written, not one by one during a replay.
    await this.createPhysical(physicalName(name, entry.lastVersion));
    await this.entries.updateOne({ _id: name }, { $addToSet: { versions: entry.lastVersion } });
    return entry.lastVersion;
  }

  async activate(name: string, version: number): Promise<void> {
    const entry = await this.entries.findOne({ _id: name, versions: version });
    if (!entry) throw new NotFoundError('collection_version_not_found', `collection ${name} has no version ${version}`);
    // Readers of the logical name find every declared index from the switch on.
    await this.createIndexes(physicalName(name, version), entry.indexes);
    const result = await this.entries.updateOne({ _id: name, versions: version }, { $set: { active: version } });
    if (result.matchedCount === 0)
      throw new NotFoundError('collection_version_not_found', `collection ${name} has no version ${version}`);
  }

  async dropVersion(name: string, version: number): Promise<void> {
    // Unlist first, on condition it is not active, so a concurrent activate cannot point at a dropped collection.
    const result = await this.entries.updateOne(
      { _id: name, active: { $ne: version } },
      { $pull: { versions: version } },
    );
    if (result.matchedCount === 0 && (await this.activeVersion(name)) === version) {
      throw new ConflictError('active_version', `version ${version} of ${name} is active; activate another first`);
    }
    await this.db.dropCollection(physicalName(name, version)).catch((error: unknown) => {
      if (!hasCode(error, NAMESPACE_NOT_FOUND)) throw error;
    });
  }

  async activeVersion(name: string): Promise<number | null> {
    return (await this.entries.findOne({ _id: name }))?.active ?? null;
  }
  async versions(name: string): Promise<number[]> {
    return [...((await this.entries.findOne({ _id: name }))?.versions ?? [])].sort((a, b) => a - b);
  }

  private async createPhysical(collection: string): Promise<void> {
    await this.db.createCollection(collection).catch((error: unknown) => {
      if (!hasCode(error, NAMESPACE_EXISTS)) throw error;
    });
  }

  /** Each index ends in _id so that ties on the field page in a stable order from the index. */
  private async createIndexes(collection: string, indexes: readonly string[]): Promise<void> {
    if (indexes.length === 0) return;
    await this.db
      .collection(collection)
      .createIndexes(indexes.map((field) => ({ key: { [field]: 1, _id: 1 }, name: field })));
  }
}
