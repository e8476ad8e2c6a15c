import { ValidationError } from '@kenpo/kernel';
import type { Document, FieldFilter, FindQuery, Scalar, WriteOp } from './document-store.js';

/** A query checked against the declared indexes, in the form both adapters translate. */
export interface NormalizedQuery {
  filters: NormalizedFilter[];
  sortField: string;
  direction: 'asc' | 'desc';
  limit: number;
  /** Sort key of the last item of the previous page. */
  after?: { value: Scalar; id: string };
}

export type NormalizedFilter =
  | { field: string; kind: 'eq'; value: Scalar }
  | { field: string; kind: 'in'; values: Scalar[] }
  | {
      field: string;
      kind: 'range';
      gt?: string | number;
      gte?: string | number;
      lt?: string | number;
      lte?: string | number;
    };

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;
/**
 * Upper bound for a prefix range. Both engines compare strings by UTF-8 bytes; U+10FFFF is the highest code
 * point, so unlike '\uffff' it also keeps names whose next character is outside the BMP (e.g. 𠮷).
 */
const PREFIX_END = '\u{10FFFF}';

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,47}$/;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Names end up in SQL identifiers and JSON paths, so only plain ones are accepted. */
export function assertCollectionName(name: string): void {
  if (!NAME.test(name))
    throw ValidationError.of('collection', 'name', 'collection names are a letter then letters, digits or _');
}
export function assertFieldPath(field: string): void {
  if (!FIELD.test(field) || field === 'id')
    throw ValidationError.of('indexes', 'field_path', `"${field}" is not an indexable field path`);
}

export function normalizeQuery(query: FindQuery, indexes: readonly string[]): NormalizedQuery {
  const usable = (field: string, what: string): string => {
    if (field !== 'id' && !indexes.includes(field))
      throw ValidationError.of(what, 'indexed_field', `"${field}" is not an indexed field`);
    return field;
  };
  // An undefined condition (an optional query parameter left out) is no condition.
  const filters = Object.entries(query.where ?? {})
    .filter((entry): entry is [string, FieldFilter] => entry[1] !== undefined)
    .map(([field, filter]) => normalizeFilter(usable(field, 'where'), filter));
  const sortField = usable(query.sort?.field ?? 'id', 'sort');
  const direction = query.sort?.direction ?? 'asc';
  const limit = query.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw ValidationError.of('limit', 'range', `limit must be 1..${MAX_LIMIT}`);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, sortField, direction);
  return { filters, sortField, direction, limit, after };
}

function normalizeFilter(field: string, filter: FieldFilter): NormalizedFilter {
  if (filter === null || typeof filter !== 'object') return { field, kind: 'eq', value: filter };
  if ('prefix' in filter) return { field, kind: 'range', gte: filter.prefix, lt: filter.prefix + PREFIX_END };
  if ('in' in filter) return { field, kind: 'in', values: [...filter.in] };
  const { gt, gte, lt, lte } = filter;
  if ([gt, gte, lt, lte].every((bound) => bound === undefined))
    throw ValidationError.of('where', 'filter', `empty filter on "${field}"`);
  return { field, kind: 'range', gt, gte, lt, lte };
}

/** The value a document sorts by: missing fields and non-scalars sort as null, like MongoDB does for missing. */
export function sortValue(doc: Document, field: string): Scalar {
  if (field === 'id') return doc.id;
  let value: unknown = doc;
  for (const key of field.split('.'))
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value === undefined || (value !== null && typeof value === 'object') ? null : (value as Scalar);
}

export function encodeCursor(q: NormalizedQuery, last: Document): string {
  return Buffer.from(JSON.stringify([q.sortField, q.direction, sortValue(last, q.sortField), last.id])).toString(
    'base64url',
  );
}

function isScalar(value: unknown): value is Scalar {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function decodeCursor(cursor: string, sortField: string, direction: string): { value: Scalar; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  // Only a scalar may reach an adapter: an object here would become a MongoDB query operator or a SQLite bind error.
  if (!Array.isArray(parsed) || parsed.length !== 4 || typeof parsed[3] !== 'string' || !isScalar(parsed[2])) {
    throw ValidationError.of('cursor', 'format', 'cursor is not one this store issued');
  }
  if (parsed[0] !== sortField || parsed[1] !== direction)
    throw ValidationError.of('cursor', 'sort', 'cursor belongs to another sort order');
  return { value: parsed[2] as Scalar, id: parsed[3] };
}

export function assertDocument(doc: Document): void {
  if (doc === null || typeof doc !== 'object' || typeof doc.id !== 'string' || doc.id.length === 0) {
    throw ValidationError.of('id', 'required', 'a document needs a non-empty string id');
  }
}

/** One op per id, the last one: an unordered engine (MongoDB) must not see two writes to one document. */
export function lastOpPerId<D extends Document>(ops: readonly WriteOp<D>[]): WriteOp<D>[] {
  const byId = new Map<string, WriteOp<D>>();
  for (const op of ops) {
    if ('put' in op) assertDocument(op.put);
    else if (typeof op.delete !== 'string') throw ValidationError.of('id', 'required', 'a delete needs a string id');
    const id = 'put' in op ? op.put.id : op.delete;
    byId.delete(id); // re-insert so the map keeps the order of last writes
    byId.set(id, op);
  }
  return [...byId.values()];
}
