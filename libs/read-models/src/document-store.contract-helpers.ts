import type { CollectionTarget, Document, DocumentStore, FindQuery, Scalar } from './document-store.js';

/** Storage for one run of the suite. `open` may be called again: a second process on the same storage. */
export interface DocumentStoreFixture {
  open(): Promise<DocumentStore>;
  /** Called after every store opened was closed. */
  dispose(): Promise<void>;
}

export interface Person extends Document {
  name: string;
  group?: string | null;
  age: number;
  _position?: number;
}

/** UTF-8 byte order, which both engines use for strings: compare code points, not UTF-16 units. */
export function compareScalars(a: Scalar, b: Scalar): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [Array.from(String(a), (c) => c.codePointAt(0)!), Array.from(String(b), (c) => c.codePointAt(0)!)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

export function expectedOrder<D extends Document>(
  docs: D[],
  key: (d: D) => Scalar,
  direction: 'asc' | 'desc',
): string[] {
  const asc = [...docs].sort((a, b) => compareScalars(key(a), key(b)) || compareScalars(a.id, b.id)).map((d) => d.id);
  return direction === 'asc' ? asc : asc.reverse();
}

export async function allPages(
  store: DocumentStore,
  target: CollectionTarget,
  query: FindQuery,
): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let pages = 0;
  let cursor: string | undefined;
  do {
    const page = await store.find<Person>(target, { ...query, cursor });
    ids.push(...page.items.map((d) => d.id));
    pages++;
    cursor = page.nextCursor;
  } while (cursor && pages < 1000);
  return { ids, pages };
}
