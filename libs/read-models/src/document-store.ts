/** A view document: a JSON object with a string `id`. Projections also keep `_position` (last applied event). */
export type Document = { id: string };

/** A logical collection and the fields `find` may filter and sort on (dotted paths reach nested fields). */
export interface CollectionSpec {
  name: string;
  indexes: readonly string[];
}

/**
 * Which physical collection an operation addresses: a logical name means its active version; `{ name, version }`
 * addresses one version explicitly (a rebuild writes into a version that is not active yet).
 */
export type CollectionTarget = string | { name: string; version: number };

export type Scalar = string | number | boolean | null;

/** Range bounds compare within one type (strings with strings, numbers with numbers). */
export interface RangeFilter {
  gt?: string | number;
  gte?: string | number;
  lt?: string | number;
  lte?: string | number;
}

export type FieldFilter = Scalar | { prefix: string } | { in: readonly Scalar[] } | RangeFilter;

export interface FindQuery {
  /** Conditions on declared indexed fields (or `id`), all of which must hold; an undefined one is ignored. */
  where?: Readonly<Record<string, FieldFilter | undefined>>;
  /** Defaults to `id` ascending. Ties on the field are ordered by id, so paging is stable. */
  sort?: { field: string; direction?: 'asc' | 'desc' };
  /** Page size; default 50, at most 1000. */
  limit?: number;
  /** The `nextCursor` of the previous page, for the same `where` and `sort`. */
  cursor?: string;
}

export interface Page<D> {
  items: D[];
  /** Absent on the last page. */
  nextCursor?: string;
}

export type WriteOp<D extends Document = Document> = { put: D } | { delete: string };

export interface Checkpoint {
  name: string;
  position: number;
}

export interface BulkWriteOptions {
  /**
   * Record this checkpoint with the batch: in the same transaction where the engine allows it (SQLite), otherwise
   * right after the batch succeeded (MongoDB). In the second case a crash in between re-delivers the batch, which
   * projections absorb through the position stored in each view.
   */
  checkpoint?: Checkpoint;
}

/**
 * The read-model store port (architecture.md 5). Abstract class so it doubles as a Nest injection token.
 * Collections are versioned for blue/green rebuilds: physical name `${name}_v${n}`, one active version per
 * logical name, recorded in the store itself so every process sees a switch.
 */
export abstract class DocumentStore {
  /**
   * Records the collection's indexed fields and creates their indexes on the active version. Creates and activates
   * version 1 when the collection has none. Idempotent; call it at start-up for each collection used.
   */
  abstract declare(spec: CollectionSpec): Promise<void>;

  abstract get<D extends Document>(collection: CollectionTarget, id: string): Promise<D | null>;
  /** The documents that exist among `ids`, by id. */
  abstract getMany<D extends Document>(collection: CollectionTarget, ids: readonly string[]): Promise<Map<string, D>>;
  /** Inserts or replaces the whole document. */
  abstract put<D extends Document>(collection: CollectionTarget, doc: D): Promise<void>;
  /** Deleting a missing document is not an error. */
  abstract delete(collection: CollectionTarget, id: string): Promise<void>;
  abstract bulkWrite<D extends Document>(
    collection: CollectionTarget,
    ops: readonly WriteOp<D>[],
    options?: BulkWriteOptions,
  ): Promise<void>;

  /** Throws ValidationError for a field that is not declared as indexed, or a cursor of another query. */
  abstract find<D extends Document>(collection: CollectionTarget, query?: FindQuery): Promise<Page<D>>;
  /** Every document in id order, fetched page by page (constant memory), e.g. to compare a rebuild with the live view. */
  abstract iterate<D extends Document>(
    collection: CollectionTarget,
    pageSize?: number,
  ): AsyncGenerator<D, void, undefined>;

  /** The last position recorded for a projection, or null when it never ran. */
  abstract getCheckpoint(name: string): Promise<number | null>;
  abstract setCheckpoint(name: string, position: number): Promise<void>;

  /**
   * Creates an empty, inactive version; returns its number. It has no secondary index until it is activated (a
   * rebuild fills it faster, and the indexes are built once over its documents); `find` on it still answers.
   */
  abstract createVersion(name: string): Promise<number>;
  /**
   * Builds the declared indexes the version lacks, then switches readers of the logical name to it: the active
   * version always has its indexes. Throws NotFoundError for a version that does not exist.
   */
  abstract activate(name: string, version: number): Promise<void>;
  /** Removes a version and its documents; a missing version is a no-op. Throws ConflictError for the active version. */
  abstract dropVersion(name: string, version: number): Promise<void>;
  /** The active version, or null for a collection never declared. */
  abstract activeVersion(name: string): Promise<number | null>;
  /** Existing versions, ascending. */
  abstract versions(name: string): Promise<number[]>;

  abstract close(): Promise<void>;
}

export function physicalName(name: string, version: number): string {
  return `${name}_v${version}`;
}
