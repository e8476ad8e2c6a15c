import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError, ValidationError } from '@kenpo/kernel';
import type { Document, DocumentStore, FindQuery } from './document-store.js';
import {
  allPages,
  compareScalars,
  expectedOrder,
  type DocumentStoreFixture,
  type Person,
} from './document-store.contract-helpers.js';

export type { DocumentStoreFixture } from './document-store.contract-helpers.js';

export function describeDocumentStoreContract(
  name: string,
  fixture: () => Promise<DocumentStoreFixture>,
  enabled = true,
): void {
  (enabled ? describe : describe.skip)(`DocumentStore contract: ${name}`, () => {
    let storage: DocumentStoreFixture;
    let store: DocumentStore;
    let counter = 0;
    const fresh = (): string => `c${process.pid}_${++counter}`;
    const declared = async (indexes: string[] = ['name', 'group', 'age']): Promise<string> => {
      const collection = fresh();
      await store.declare({ name: collection, indexes });
      return collection;
    };

    beforeAll(async () => {
      storage = await fixture();
      store = await storage.open();
    });
    afterAll(async () => {
      await store?.close();
      await storage?.dispose();
    });

    describe('documents', () => {
      it('puts, gets, replaces and deletes a document, keeping its JSON and position as written', async () => {
        const c = await declared();
        const doc = {
          id: 'p-1',
          name: '山田 太郎',
          group: null,
          age: 41,
          flags: [true, false],
          nested: { kana: 'ヤマダ' },
          _position: 9_007_199,
        };
        await store.put(c, doc);
        expect(await store.get(c, 'p-1')).toEqual(doc);
        await store.put(c, { id: 'p-1', name: '山田 花子', age: 38 });
        expect(await store.get(c, 'p-1')).toEqual({ id: 'p-1', name: '山田 花子', age: 38 });
        await store.put(c, { id: 'p-2', name: 'x', age: 1, gone: undefined, at: new Date('2026-04-01T00:00:00Z') });
        expect(await store.get(c, 'p-2')).toStrictEqual({
          id: 'p-2',
          name: 'x',
          age: 1,
          at: '2026-04-01T00:00:00.000Z',
        });
        await store.delete(c, 'p-1');
        await store.delete(c, 'p-1');
        expect(await store.get(c, 'p-1')).toBeNull();
      });

      it('gets many at once, leaving out the missing ones', async () => {
        const c = await declared();
        await store.bulkWrite(
          c,
          ['a', 'b', 'c'].map((id, age) => ({ put: { id, name: id, age } })),
        );
        const found = await store.getMany<Person>(c, ['c', 'x', 'a']);
        expect([...found.keys()].sort()).toEqual(['a', 'c']);
        expect(found.get('c')?.age).toBe(2);
      });

      it('applies a mixed bulk write, the last op on an id winning', async () => {
        const c = await declared();
        await store.bulkWrite(c, [
          { put: { id: 'keep', name: 'k', age: 1 } },
          { put: { id: 'gone', name: 'g', age: 2 } },
        ]);
        await store.bulkWrite(c, [
          { delete: 'gone' },
          { put: { id: 'new', name: 'first', age: 3 } },
          { put: { id: 'new', name: 'second', age: 4 } },
          { put: { id: 'brief', name: 'b', age: 5 } },
          { delete: 'brief' },
        ]);
        const ids = (await store.find(c, { limit: 10 })).items.map((d) => d.id);
        expect(ids).toEqual(['keep', 'new']);
        expect(await store.get<Person>(c, 'new')).toMatchObject({ name: 'second', age: 4 });
        await expect(store.bulkWrite(c, [])).resolves.toBeUndefined();
      });

      it('refuses a document without an id, and an undeclared collection', async () => {
        const c = await declared();
        await expect(store.put(c, { name: 'x' } as unknown as Document)).rejects.toThrow(ValidationError);
        await expect(store.get('neverDeclared', 'x')).rejects.toThrow(NotFoundError);
        await expect(store.declare({ name: 'bad-name; drop', indexes: [] })).rejects.toThrow(ValidationError);
        await expect(store.declare({ name: fresh(), indexes: ["x') --"] })).rejects.toThrow(ValidationError);
      });
    });

    describe('find', () => {
      let c: string;
      let people: Person[];
      const groups = ['b', 'a', 'd', 'c', null, undefined];
      beforeAll(async () => {
        c = await declared(['name', 'group', 'age', 'address.city']);
        // Ids in another order than insertion; several people per group and per age, so sort keys tie.
        people = Array.from({ length: 29 }, (_, i) => {
          const group = groups[i % groups.length];
          const person: Person = {
            id: `m${String((i * 37) % 101).padStart(3, '0')}`,
            name: `name${i}`,
            age: 20 + (i % 7) * 5,
          };
          return group === undefined ? person : { ...person, group };
        });
        await store.bulkWrite(
          c,
          people.map((put) => ({ put })),
        );
      });
      const ids = (pred: (p: Person) => boolean): string[] => expectedOrder(people.filter(pred), (p) => p.id, 'asc');

      it('filters by equality, null (missing), prefix, range, in and id, all ANDed', async () => {
        const run = async (where: FindQuery['where']) => (await allPages(store, c, { where, limit: 7 })).ids;
        expect(await run({ group: 'b' })).toEqual(ids((p) => p.group === 'b'));
        expect(await run({ group: null })).toEqual(ids((p) => p.group == null));
        expect(await run({ age: 30 })).toEqual(ids((p) => p.age === 30));
        expect(await run({ name: { prefix: 'name1' } })).toEqual(ids((p) => p.name.startsWith('name1')));
        expect(await run({ age: { gte: 30, lte: 40 } })).toEqual(ids((p) => p.age >= 30 && p.age <= 40));
        expect(await run({ age: { gt: 30, lt: 45 } })).toEqual(ids((p) => p.age > 30 && p.age < 45));
        expect(await run({ group: { in: ['a', 'c'] } })).toEqual(ids((p) => p.group === 'a' || p.group === 'c'));
        expect(await run({ id: { prefix: 'm0' } })).toEqual(ids((p) => p.id.startsWith('m0')));
        expect(await run({ group: 'b', age: { gte: 35 } })).toEqual(ids((p) => p.group === 'b' && p.age >= 35));
        expect(await run({ group: { in: [] } })).toEqual([]);
        expect(await run({ group: undefined, age: 30 })).toEqual(ids((p) => p.age === 30));
        expect(await run({ group: { in: ['d', null] } })).toEqual(ids((p) => p.group === 'd' || p.group == null));
      });

      it.each(['asc', 'desc'] as const)(
        'pages %s through ties and missing sort values: none twice, none missing',
        async (direction) => {
          for (const field of ['group', 'age', 'name', 'id'] as const) {
            const { ids: got, pages } = await allPages(store, c, { sort: { field, direction }, limit: 4 });
            expect(got).toEqual(expectedOrder(people, (p) => (field === 'id' ? p.id : (p[field] ?? null)), direction));
            expect(pages).toBe(Math.ceil(people.length / 4));
          }
        },
      );

      it('pages a filtered query sorted on another field', async () => {
        const matching = people.filter((p) => p.group === 'a' || p.group === 'b');
        const { ids: got, pages } = await allPages(store, c, {
          where: { group: { in: ['a', 'b'] } },
          sort: { field: 'age', direction: 'desc' },
          limit: 3,
        });
        expect(got).toEqual(expectedOrder(matching, (p) => p.age, 'desc'));
        expect(pages).toBe(Math.ceil(matching.length / 3));
      });

      it('returns no cursor on the last page, and an empty page for no match', async () => {
        const page = await store.find(c, { limit: people.length });
        expect(page.items).toHaveLength(people.length);
        expect(page.nextCursor).toBeUndefined();
        expect(await store.find(c, { where: { group: 'zzz' } })).toEqual({ items: [] });
      });

      it('filters and sorts on a nested declared field', async () => {
        const n = await declared(['address.city']);
        await store.bulkWrite(n, [
          { put: { id: 'x', address: { city: '大阪市' } } },
          { put: { id: 'y', address: { city: '千代田区' } } },
          { put: { id: 'z', address: { city: '大阪市' } } },
        ]);
        expect((await store.find(n, { where: { 'address.city': '大阪市' } })).items.map((d) => d.id)).toEqual([
          'x',
          'z',
        ]);
        const sorted = await store.find(n, { sort: { field: 'address.city', direction: 'desc' } });
        expect(sorted.items.map((d) => d.id)).toEqual(['z', 'x', 'y']); // 大 (U+5927) sorts after 千 (U+5343)
      });

      it('refuses undeclared fields, bad limits and cursors of another query', async () => {
        await expect(store.find(c, { where: { notIndexed: 1 } })).rejects.toThrow(ValidationError);
        await expect(store.find(c, { sort: { field: 'notIndexed' } })).rejects.toThrow(ValidationError);
        await expect(store.find(c, { limit: 0 })).rejects.toThrow(ValidationError);
        const { nextCursor } = await store.find(c, { sort: { field: 'age' }, limit: 2 });
        expect(nextCursor).toBeDefined();
        await expect(store.find(c, { sort: { field: 'name' }, cursor: nextCursor })).rejects.toThrow(ValidationError);
        await expect(store.find(c, { sort: { field: 'age', direction: 'desc' }, cursor: nextCursor })).rejects.toThrow(
          ValidationError,
        );
        await expect(store.find(c, { cursor: 'not a cursor' })).rejects.toThrow(ValidationError);
      });

      it('refuses a cursor whose sort value is not a scalar: no object from a cursor reaches the engine', async () => {
        const forged = (value: unknown) =>
          Buffer.from(JSON.stringify(['age', 'asc', value, 'x'])).toString('base64url');
        for (const value of [{ $gt: 0 }, [1, 2], { $where: 'sleep(1000)' }]) {
          await expect(store.find(c, { sort: { field: 'age' }, cursor: forged(value) })).rejects.toThrow(
            ValidationError,
          );
        }
      });
    });

    it('finds katakana names by prefix: ヤマダ matches ヤマダタロウ but not ヤマモト', async () => {
      const c = await declared(['kana']);
      const names = [
        'ヤマダタロウ',
        'ヤマモトジロウ',
        'ヤマダ',
        'ヤマ',
        'ヤマダ𠮷オ',
        'やまだたろう',
        'ﾔﾏﾀﾞﾀﾛｳ',
        'ヤマダハナコ',
        'タナカ',
      ];
      await store.bulkWrite(
        c,
        names.map((kana, i) => ({ put: { id: `k${i}`, kana } })),
      );
      const page = await store.find<Document & { kana: string }>(c, {
        where: { kana: { prefix: 'ヤマダ' } },
        sort: { field: 'kana' },
      });
      const expected = names.filter((n) => n.startsWith('ヤマダ')).sort((a, b) => compareScalars(a, b));
      expect(page.items.map((d) => d.kana)).toEqual(expected);
      expect(expected).toEqual(['ヤマダ', 'ヤマダタロウ', 'ヤマダハナコ', 'ヤマダ𠮷オ']);
    });

    it('records checkpoints, alone or with a batch, visible to another instance', async () => {
      const name = `projection-${fresh()}`;
      expect(await store.getCheckpoint(name)).toBeNull();
      await store.setCheckpoint(name, 41);
      expect(await store.getCheckpoint(name)).toBe(41);
      const c = await declared();
      await store.bulkWrite(c, [{ put: { id: 'v', name: 'v', age: 1, _position: 57 } }], {
        checkpoint: { name, position: 57 },
      });
      const other = await storage.open();
      try {
        expect(await other.getCheckpoint(name)).toBe(57);
        expect(await other.get(c, 'v')).toMatchObject({ _position: 57 });
      } finally {
        await other.close();
      }
    });

    it('keeps versions for a blue/green rebuild: create, fill, activate, old still readable, drop', async () => {
      const c = await declared(['name']);
      expect(await store.activeVersion(c)).toBe(1);
      expect(await store.versions(c)).toEqual([1]);
      await store.put(c, { id: 'old', name: 'before rebuild' });

      const v2 = await store.createVersion(c);
      expect(v2).toBe(2);
      expect(await store.activeVersion(c)).toBe(1);
      await store.bulkWrite({ name: c, version: v2 }, [{ put: { id: 'new', name: 'after rebuild' } }]);
      expect(
        (await store.find({ name: c, version: v2 }, { where: { name: { prefix: 'after' } } })).items.map((d) => d.id),
      ).toEqual(['new']);
      expect(await store.get(c, 'new')).toBeNull();

      await store.activate(c, v2);
      const other = await storage.open();
      try {
        expect(await other.activeVersion(c)).toBe(2);
        expect(await other.get(c, 'new')).toMatchObject({ name: 'after rebuild' });
      } finally {
        await other.close();
      }
      expect(await store.get({ name: c, version: 1 }, 'old')).toMatchObject({ name: 'before rebuild' });
      await expect(store.dropVersion(c, v2)).rejects.toThrow(ConflictError);

      await store.dropVersion(c, 1);
      expect(await store.versions(c)).toEqual([2]);
      await expect(store.get({ name: c, version: 1 }, 'old')).rejects.toThrow(NotFoundError);
      await expect(store.activate(c, 1)).rejects.toThrow(NotFoundError);
      await store.declare({ name: c, indexes: ['name'] });
      expect(await store.versions(c)).toEqual([2]);
      expect(await store.createVersion(c)).toBe(3);
    });

    it('indexes a field declared later on existing versions and data', async () => {
      const c = await declared(['name']);
      await store.bulkWrite(c, [{ put: { id: 'a', name: 'a', age: 30 } }, { put: { id: 'b', name: 'b', age: 20 } }]);
      await expect(store.find(c, { sort: { field: 'age' } })).rejects.toThrow(ValidationError);
      await store.declare({ name: c, indexes: ['name', 'age'] });
      expect((await store.find(c, { sort: { field: 'age' } })).items.map((d) => d.id)).toEqual(['b', 'a']);
    });

    it('iterates 5,000 documents in id order, each once', async () => {
      const c = await declared([]);
      const total = 5_000;
      const all = Array.from({ length: total }, (_, i) => ({
        id: `d${String((i * 7919) % total).padStart(5, '0')}`,
        n: i,
      }));
      for (let i = 0; i < total; i += 1_000)
        await store.bulkWrite(
          c,
          all.slice(i, i + 1_000).map((put) => ({ put })),
        );
      const seen: string[] = [];
      for await (const doc of store.iterate(c, 256)) seen.push(doc.id);
      expect(seen).toHaveLength(total);
      expect(seen).toEqual(all.map((d) => d.id).sort());
    });
  });
}
