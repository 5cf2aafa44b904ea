import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Database, IN_MEMORY, openDatabase } from '../src';
import { runSql } from '../src/testing';

async function sharedBuffers(db: Database): Promise<string> {
  const [row] = await runSql(db, (sql) => sql.query<{ shared_buffers: string }>('SHOW shared_buffers'));
  return row?.shared_buffers ?? '';
}

describe("the embedded database's page cache", () => {
  it('is 32 MB unless told otherwise', async () => {
    const db = await openDatabase({ dataDir: IN_MEMORY });

    expect(await sharedBuffers(db)).toBe('32MB');
    await db.close();
  });

  it('takes the size it is given for this start only, leaving the data directory as it was', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'docent-page-cache-'));
    try {
      const dataDir = path.join(parent, 'pgdata');
      const small = await openDatabase({ dataDir, pgliteSharedBuffersMb: 16 });
      expect(await sharedBuffers(small)).toBe('16MB');
      await small.close();

      const again = await openDatabase({ dataDir });

      expect(await sharedBuffers(again)).toBe('32MB');
      await again.close();
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
