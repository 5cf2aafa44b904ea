import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MigrationError } from '../src';
import { runSql, testDatabaseTargets } from '../src/testing';
import { createHash } from 'node:crypto';

const repositoryMigrations = path.resolve(__dirname, '../../../prisma/migrations');
const initName = '20261124000000_init';

function copyOfMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'docent-migrations-'));
  cpSync(repositoryMigrations, dir, { recursive: true });
  return dir;
}

describe.each(testDatabaseTargets())('migrations on $name', (target) => {
  let migrationsDir: string;

  beforeEach(() => {
    migrationsDir = copyOfMigrations();
  });
  afterEach(() => rmSync(migrationsDir, { recursive: true, force: true }));

  it('applies every migration once and is a no-op the second time', async () => {
    const db = await target.open({ migrationsDir });
    try {
      const again = await db.migrate();
      expect(again.applied).toEqual([]);
      expect(again.alreadyApplied).toBeGreaterThanOrEqual(1);

      const history = await runSql(db, (sql) =>
        sql.query<{ migration_name: string; checksum: string }>('SELECT migration_name, checksum FROM _prisma_migrations'),
      );
      const sqlText = readFileSync(path.join(migrationsDir, initName, 'migration.sql'), 'utf8');
      expect(history).toContainEqual({ migration_name: initName, checksum: createHash('sha256').update(sqlText).digest('hex') });
      expect(history.filter((row) => row.migration_name === initName)).toHaveLength(1);
    } finally {
      await db.close();
    }
  });

  it('creates the vector extension, the GIN index on the tsvector and an HNSW index per registered model', async () => {
    const db = await target.open({ migrationsDir });
    try {
      const model = await db.embeddingModels.register({ name: 'index-check', provider: 'test', dimension: 8 });
      const indexes = await runSql(db, (sql) =>
        sql.query<{ indexname: string; indexdef: string }>("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'chunks'"),
      );
      const extensions = await runSql(db, (sql) => sql.query<{ extname: string }>('SELECT extname FROM pg_extension'));

      expect(extensions.map((row) => row.extname)).toContain('vector');
      expect(indexes.find((row) => row.indexname === 'chunks_tsv_idx')?.indexdef).toMatch(/USING gin \(tsv\)/);
      const hnsw = indexes.find((row) => row.indexname === `chunks_embedding_model_${model.id}_hnsw`)?.indexdef;
      expect(hnsw).toMatch(/USING hnsw \(\(\(?embedding\)?::vector\(8\)\) vector_cosine_ops\) WITH \(m='16', ef_construction='64'\) WHERE \(model_id = \d+\)/);
    } finally {
      await db.close();
    }
  });

  it('applies a migration added later, and only that one', async () => {
    const db = await target.open({ migrationsDir });
    try {
      const added = path.join(migrationsDir, '20991231000000_add_note');
      cpSync(path.join(migrationsDir, initName), added, { recursive: true });
      writeFileSync(path.join(added, 'migration.sql'), 'ALTER TABLE users ADD COLUMN note TEXT;\n');

      const pendingBefore = await db.pendingMigrations();
      const report = await db.migrate();

      expect(pendingBefore).toEqual(['20991231000000_add_note']);
      expect(report.applied).toEqual(['20991231000000_add_note']);
      expect(await db.pendingMigrations()).toEqual([]);
      const columns = await runSql(db, (sql) =>
        sql.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 'users'"),
      );
      expect(columns.map((row) => row.column_name)).toContain('note');
    } finally {
      await db.close();
    }
  });

  it('refuses to go on when an applied migration was edited, naming the migration', async () => {
    const db = await target.open({ migrationsDir });
    try {
      const file = path.join(migrationsDir, initName, 'migration.sql');
      writeFileSync(file, readFileSync(file, 'utf8') + '\n-- an innocent-looking edit\n');

      const attempt = db.migrate();

      await expect(db.pendingMigrations()).rejects.toThrow(MigrationError);
      await expect(attempt).rejects.toThrow(MigrationError);
      await expect(attempt).rejects.toThrow(`Migration ${initName} was edited after it was applied`);
    } finally {
      await db.close();
    }
  });

  it('rolls back a failing migration entirely and records nothing for it', async () => {
    const db = await target.open({ migrationsDir });
    try {
      const broken = path.join(migrationsDir, '20991231000000_broken');
      cpSync(path.join(migrationsDir, initName), broken, { recursive: true });
      writeFileSync(path.join(broken, 'migration.sql'), 'CREATE TABLE half_done (id int);\nSELECT no_such_function();\n');

      await expect(db.migrate()).rejects.toThrow(/Migration 20991231000000_broken failed: .*no_such_function/);

      const leftovers = await runSql(db, (sql) =>
        sql.query<{ count: string }>(
          "SELECT (SELECT count(*) FROM pg_tables WHERE tablename = 'half_done') + (SELECT count(*) FROM _prisma_migrations WHERE migration_name LIKE '%broken') AS count",
        ),
      );
      expect(Number(leftovers[0]?.count)).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('lets concurrent start-ups migrate without applying anything twice', async () => {
    const db = await target.open({ migrationsDir, migrate: false });
    try {
      const reports = await Promise.all([db.migrate(), db.migrate(), db.migrate()]);

      const allMigrations = readdirSync(migrationsDir).sort();
      expect(allMigrations.length).toBeGreaterThanOrEqual(2);
      expect(reports.flatMap((report) => report.applied)).toEqual(allMigrations);
    } finally {
      await db.close();
    }
  });

  it('carries data from before the model lifecycle, key permissions and collections over: keys stay full, the active model gets its activation, documents and vectors move to their owner\'s default collection', async () => {
    // The database as it was before those migrations, holding data.
    // (and every migration after them, which expect their schema).
    const later = readdirSync(migrationsDir).filter((name) => name >= '20261202000000').sort();
    expect(later.slice(0, 3)).toEqual(['20261202000000_embedding_model_lifecycle', '20261202010000_api_key_permissions', '20261202020000_collections']);
    const held = mkdtempSync(path.join(tmpdir(), 'docent-later-migrations-'));
    for (const name of later) cpSync(path.join(migrationsDir, name), path.join(held, name), { recursive: true });
    for (const name of later) rmSync(path.join(migrationsDir, name), { recursive: true });
    const db = await target.open({ migrationsDir });
    try {
      await runSql(db, async (sql) => {
        await sql.exec(`
          INSERT INTO users (id, email, password_hash) VALUES ('00000000-0000-4000-8000-000000000001', 'old@example.test', 'x');
          INSERT INTO users (id, email, password_hash) VALUES ('00000000-0000-4000-8000-000000000002', 'other@example.test', 'x');
          INSERT INTO api_keys (owner_id, name, prefix, key_hash) VALUES ('00000000-0000-4000-8000-000000000001', 'old key', 'dcnt_old', 'hash-of-old-key');
          INSERT INTO embedding_models (name, provider, dimension, active) VALUES ('old-model', 'test', 2, true);
          INSERT INTO documents (id, owner_id, title, mime_type, content, content_hash, status, chunk_count)
            VALUES ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000001', 'Old', 'text/plain', 'old text', 'h', 'READY', 1);
          INSERT INTO documents (id, owner_id, title, source_id, mime_type, content, content_hash)
            VALUES ('00000000-0000-4000-8000-0000000000d2', '00000000-0000-4000-8000-000000000002', 'Other', 'same-source', 'text/plain', 'other text', 'h2');
          INSERT INTO chunks (document_id, owner_id, model_id, ordinal, text, token_count, char_start, char_end, content_hash, embedding)
            SELECT '00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000001', id, 0, 'old text', 2, 0, 8, 'c', '[1,0]' FROM embedding_models;
        `);
      });
      for (const name of later) cpSync(path.join(held, name), path.join(migrationsDir, name), { recursive: true });

      expect((await db.migrate()).applied).toEqual(later);
      const [key] = await db.apiKeys.listByOwner('00000000-0000-4000-8000-000000000001');
      expect(key).toMatchObject({ permissions: ['search', 'read', 'ingest', 'manage'], collections: null });
      // Each user has a default collection they OWN, holding their documents and those documents' chunks.
      const old = await db.collections.findDefault('00000000-0000-4000-8000-000000000001');
      const other = await db.collections.findDefault('00000000-0000-4000-8000-000000000002');
      expect(old).toMatchObject({ name: 'Default', isDefault: true, role: 'OWNER' });
      expect(other).toMatchObject({ name: 'Default', isDefault: true, role: 'OWNER' });
      expect(await db.collections.list({ userId: '00000000-0000-4000-8000-000000000001' })).toHaveLength(1);
      expect(await db.documents.findById({ userId: '00000000-0000-4000-8000-000000000001' }, '00000000-0000-4000-8000-0000000000d1')).toMatchObject({ collectionId: old?.id });
      expect(await db.documents.findById({ userId: '00000000-0000-4000-8000-000000000002' }, '00000000-0000-4000-8000-0000000000d2')).toMatchObject({ collectionId: other?.id, sourceId: 'same-source' });
      expect(await db.documents.findById({ userId: '00000000-0000-4000-8000-000000000002' }, '00000000-0000-4000-8000-0000000000d1')).toBeNull();
      expect((await db.chunks.findByDocument({ userId: '00000000-0000-4000-8000-000000000001' }, '00000000-0000-4000-8000-0000000000d1'))[0]).toMatchObject({ collectionId: old?.id });
      expect(await db.embeddingModels.findActive()).toMatchObject({ name: 'old-model', activatedAt: expect.any(Date), buildStartedAt: null });
      expect(await db.documents.findById({ userId: '00000000-0000-4000-8000-000000000001' }, '00000000-0000-4000-8000-0000000000d1')).toMatchObject({ status: 'READY', chunkCount: 1 });
      expect(await db.chunks.findByDocument({ userId: '00000000-0000-4000-8000-000000000001' }, '00000000-0000-4000-8000-0000000000d1')).toHaveLength(1);
      // New keys get the least that serves a frontend unless told otherwise; unknown permissions are refused.
      const fresh = await db.apiKeys.create({ ownerId: '00000000-0000-4000-8000-000000000001', name: 'new', prefix: 'dcnt_new', keyHash: 'hash-new', permissions: ['search', 'read'] });
      expect(fresh.permissions).toEqual(['search', 'read']);
      await expect(db.apiKeys.create({ ownerId: '00000000-0000-4000-8000-000000000001', name: 'bad', prefix: 'dcnt_bad', keyHash: 'hash-bad', permissions: ['admin'] })).rejects.toThrow();
    } finally {
      await db.close();
      rmSync(held, { recursive: true, force: true });
    }
  });
});
