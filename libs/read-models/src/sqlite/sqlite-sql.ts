import type { Scalar } from '../document-store.js';
import type { NormalizedFilter, NormalizedQuery } from '../query.js';

export type SqlValue = string | number | null;

export const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

/**
 * The SQL expression of a field. Written literally (never as a parameter) so that it matches the expression index
 * created for the field and the planner uses it. Field paths are validated identifiers, so inlining is safe.
 */
export function fieldExpr(field: string): string {
  return field === 'id' ? 'id' : `json_extract(doc, '$.${field}')`;
}

export function indexName(table: string, field: string): string {
  return `${table}__${field.replaceAll('.', '$')}`;
}

/** SQLite has no booleans: json_extract yields 1/0 for true/false, so compare with those. */
export function bindable(value: Scalar): SqlValue {
  return typeof value === 'boolean' ? Number(value) : value;
}

export interface Sql {
  text: string;
  params: SqlValue[];
}

export function findSql(table: string, q: NormalizedQuery): Sql {
  const conditions: string[] = [];
  const params: SqlValue[] = [];
  for (const filter of q.filters) conditions.push(filterSql(filter, params));
  if (q.after) conditions.push(afterSql(q, params));
  const f = fieldExpr(q.sortField);
  const dir = q.direction === 'asc' ? 'ASC' : 'DESC';
  const order = q.sortField === 'id' ? `id ${dir}` : `${f} ${dir}, id ${dir}`;
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  params.push(q.limit + 1); // one more than asked tells whether there is a next page
  return { text: `SELECT doc FROM ${quote(table)} ${where} ORDER BY ${order} LIMIT ?`, params };
}

function filterSql(filter: NormalizedFilter, params: SqlValue[]): string {
  const f = fieldExpr(filter.field);
  switch (filter.kind) {
    case 'eq':
      if (filter.value === null) return `${f} IS NULL`;
      params.push(bindable(filter.value));
      return `${f} = ?`;
    case 'in':
      // One statement shape for any list length; json_each of a JSON array of scalars.
      params.push(JSON.stringify(filter.values.map(bindable)));
      // MongoDB's $in with null also matches a missing field; NULL IN (...) would not.
      return filter.values.includes(null)
        ? `(${f} IN (SELECT value FROM json_each(?)) OR ${f} IS NULL)`
        : `${f} IN (SELECT value FROM json_each(?))`;
    case 'range': {
      const parts: string[] = [];
      for (const [op, bound] of [
        ['>', filter.gt],
        ['>=', filter.gte],
        ['<', filter.lt],
        ['<=', filter.lte],
      ] as const) {
        if (bound === undefined) continue;
        params.push(bound);
        parts.push(`${f} ${op} ?`);
      }
      return parts.join(' AND ');
    }
  }
}

/** Keyset condition "after (value, id)" in the sort order; nulls sort first ascending, last descending. */
function afterSql(q: NormalizedQuery, params: SqlValue[]): string {
  const { value, id } = q.after!;
  const asc = q.direction === 'asc';
  const cmp = asc ? '>' : '<';
  if (q.sortField === 'id') {
    params.push(id);
    return `id ${cmp} ?`;
  }
  const f = fieldExpr(q.sortField);
  if (value === null) {
    params.push(id);
    return asc ? `((${f} IS NULL AND id > ?) OR ${f} IS NOT NULL)` : `(${f} IS NULL AND id < ?)`;
  }
  const v = bindable(value);
  params.push(v, v, id);
  return `(${f} ${cmp} ? OR (${f} = ? AND id ${cmp} ?)${asc ? '' : ` OR ${f} IS NULL`})`;
}
