import type { Document } from '../document-store.js';
import type { NormalizedFilter, NormalizedQuery } from '../query.js';

/** A view as MongoDB holds it: `_id` is the view's id, which is not stored twice. */
export type Stored = { _id: string } & Record<string, unknown>;
export type MongoFilter = Record<string, unknown>;

/** Through JSON first, so both adapters store the same thing (undefined fields dropped, dates as strings). */
export function toStored(doc: Document): Stored {
  const { id, ...rest } = JSON.parse(JSON.stringify(doc)) as Document & Record<string, unknown>;
  return { _id: id, ...rest };
}

export function fromStored<D extends Document>(stored: Stored): D {
  const { _id, ...rest } = stored;
  return { id: _id, ...rest } as unknown as D;
}

const path = (field: string): string => (field === 'id' ? '_id' : field);

export function findFilter(q: NormalizedQuery): MongoFilter {
  const clauses = q.filters.map(filterClause);
  if (q.after) clauses.push(afterClause(q));
  return clauses.length === 0 ? {} : { $and: clauses };
}

export function findSort(q: NormalizedQuery): Record<string, 1 | -1> {
  const dir = q.direction === 'asc' ? 1 : -1;
  return q.sortField === 'id' ? { _id: dir } : { [q.sortField]: dir, _id: dir };
}

function filterClause(filter: NormalizedFilter): MongoFilter {
  const f = path(filter.field);
  switch (filter.kind) {
    case 'eq':
      return { [f]: filter.value }; // null also matches a missing field, as SQL's IS NULL does here
    case 'in':
      return { [f]: { $in: filter.values } };
    case 'range': {
      const range: Record<string, string | number> = {};
      if (filter.gt !== undefined) range.$gt = filter.gt;
      if (filter.gte !== undefined) range.$gte = filter.gte;
      if (filter.lt !== undefined) range.$lt = filter.lt;
      if (filter.lte !== undefined) range.$lte = filter.lte;
      return { [f]: range };
    }
  }
}

/**
 * Keyset condition "after (value, id)" in the sort order. MongoDB sorts null/missing first ascending, last
 * descending, and its comparison operators only match values of the same type: sort fields hold one type.
 */
function afterClause(q: NormalizedQuery): MongoFilter {
  const { value, id } = q.after!;
  const cmp = q.direction === 'asc' ? '$gt' : '$lt';
  if (q.sortField === 'id') return { _id: { [cmp]: id } };
  const f = q.sortField;
  if (value === null) {
    return q.direction === 'asc'
      ? { $or: [{ [f]: null, _id: { $gt: id } }, { [f]: { $ne: null } }] }
      : { [f]: null, _id: { $lt: id } };
  }
  const after: MongoFilter[] = [{ [f]: { [cmp]: value } }, { [f]: value, _id: { [cmp]: id } }];
  if (q.direction === 'desc') after.push({ [f]: null });
  return { $or: after };
}
