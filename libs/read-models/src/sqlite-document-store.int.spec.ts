import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { describeDocumentStoreContract } from './document-store.contract.js';
import { SqliteDocumentStore } from './sqlite/sqlite-document-store.js';

describeDocumentStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kenpo-read-models-'));
  const file = join(dir, 'nested', 'read-models.db');
  return {
    open: async () => SqliteDocumentStore.open(file),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('SqliteDocumentStore specifics', () => {
  let dir: string;
  let file: string;
  let store: SqliteDocumentStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kenpo-read-models-'));
    file = join(dir, 'read-models.db');
    store = SqliteDocumentStore.open(file);
    await store.declare({ name: 'people', indexes: ['kana', 'age'] });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a batch and its checkpoint in one transaction: a failure part-way leaves neither', async () => {
    await store.bulkWrite('people', [{ put: { id: 'before', kana: 'マエ', age: 1 } }], {
      checkpoint: { name: 'people', position: 10 },
    });
    const circular: Record<string, unknown> = { id: 'bad' };
    circular.self = circular; // JSON.stringify throws on the third op, inside the transaction
    const batch = [
      { put: { id: 'x1', kana: 'ア', age: 2 } },
      { delete: 'before' },
      { put: circular as { id: string } },
    ];
    await expect(store.bulkWrite('people', batch, { checkpoint: { name: 'people', position: 20 } })).rejects.toThrow(
      TypeError,
    );
    expect(await store.getCheckpoint('people')).toBe(10);
    expect(await store.get('people', 'x1')).toBeNull();
    expect(await store.get('people', 'before')).not.toBeNull();
  });

  it('sees a version activated or dropped through another connection (a rebuild in another process)', async () => {
    const other = SqliteDocumentStore.open(file);
    try {
      await store.put('people', { id: 'in-v1', kana: 'イチ', age: 1 });
      expect(await store.activeVersion('people')).toBe(1);
      const v2 = await other.createVersion('people');
      await other.put({ name: 'people', version: v2 }, { id: 'in-v2', kana: 'ニ', age: 2 });
      await other.activate('people', v2);
      expect(await store.activeVersion('people')).toBe(v2);
      expect(await store.get('people', 'in-v2')).toMatchObject({ id: 'in-v2' });
      await other.activate('people', 1);
      await other.dropVersion('people', v2);
      expect(await store.versions('people')).toEqual([1]);
      await expect(store.get({ name: 'people', version: v2 }, 'in-v2')).rejects.toThrow(/has no version/);
      expect(await store.get('people', 'in-v1')).toMatchObject({ id: 'in-v1' });
    } finally {
      await other.close();
    }
  });

  it("re-reads the catalog when another connection changes it, not at each of that connection's commits", async () => {
    const other = SqliteDocumentStore.open(file);
    const raw = new Database(file);
    try {
      const v = await other.createVersion('people');
      await other.put({ name: 'people', version: v }, { id: 'only-in-new', kana: 'ア', age: 3 });
      expect(await store.activeVersion('people')).toBe(1);
      // Commits that leave the catalog's generation alone (views' writes; here a pointer moved behind its back) do
      // not make this connection read the catalog again: it still resolves the version it read.
      await other.put('people', { id: 'written-elsewhere', kana: 'イ', age: 4 });
      raw.prepare('UPDATE _collections SET active = ? WHERE name = ?').run(v, 'people');
      expect(await store.activeVersion('people')).toBe(1);
      raw.prepare('UPDATE _collections SET active = ? WHERE name = ?').run(1, 'people');
      // An activation alone moves the generation: readers switch with it.
      await other.activate('people', v);
      expect(await store.activeVersion('people')).toBe(v);
      expect(await store.get('people', 'only-in-new')).toMatchObject({ id: 'only-in-new' });
      await other.activate('people', 1);
      expect(await store.activeVersion('people')).toBe(1);
      await other.dropVersion('people', v);
    } finally {
      raw.close();
      await other.close();
    }
  });

  it('answers prefix, range and sorted queries from the expression indexes', () => {
    const db = new Database(file, { readonly: true });
    try {
      const plan = (sql: string) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
      const prefix = plan(
        `SELECT doc FROM "people_v1" WHERE json_extract(doc, '$.kana') >= 'ヤマダ' AND json_extract(doc, '$.kana') < 'ヤマダ\u{10FFFF}' ORDER BY json_extract(doc, '$.kana'), id LIMIT 5`,
      );
      expect(prefix).toMatch(/USING INDEX people_v1__kana/);
      expect(prefix).not.toMatch(/TEMP B-TREE/);
      const sorted = plan(`SELECT doc FROM "people_v1" ORDER BY json_extract(doc, '$.age') DESC, id DESC LIMIT 5`);
      expect(sorted).toMatch(/people_v1__age/);
      expect(sorted).not.toMatch(/TEMP B-TREE/);
    } finally {
      db.close();
    }
  });

  it("builds a new version's expression indexes when it is activated, not while it is filled", async () => {
    const v = await store.createVersion('people');
    const table = `people_v${v}`;
    await store.bulkWrite({ name: 'people', version: v }, [{ put: { id: 'r1', kana: 'ア', age: 4 } }]);
    const db = new Database(file, { readonly: true });
    const indexes = () =>
      db
        .prepare<[string], { name: string }>(
          "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
        )
        .all(table)
        .map((row) => row.name);
    try {
      expect(indexes()).toEqual([]);
      expect((await store.find({ name: 'people', version: v }, { where: { age: 4 } })).items).toHaveLength(1);
      await store.activate('people', v);
      expect(indexes()).toEqual([`${table}__age`, `${table}__kana`]);
    } finally {
      db.close();
      await store.activate('people', 1);
      await store.dropVersion('people', v);
    }
  });

  it('keeps documents, versions and checkpoints across a reopen', async () => {
    await store.put('people', { id: 'kept', kana: 'ノコル', age: 3 });
    await store.setCheckpoint('people', 30);
    await store.close();
    store = SqliteDocumentStore.open(file);
    expect(await store.get('people', 'kept')).toMatchObject({ kana: 'ノコル' });
    expect(await store.getCheckpoint('people')).toBe(30);
    expect(await store.activeVersion('people')).toBe(1);
  });
});
