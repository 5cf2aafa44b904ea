import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src';

const freshDir = () => path.join(mkdtempSync(path.join(tmpdir(), 'docent-lock-')), 'pgdata');

describe('the embedded database directory belongs to one process', () => {
  it('refuses a second open while the first holds it, naming the holder, and allows it after close', async () => {
    const dataDir = freshDir();
    const first = await openDatabase({ dataDir });

    await expect(openDatabase({ dataDir })).rejects.toThrow(`The embedded database in ${dataDir} is in use by process ${process.pid}`);
    await first.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const second = await openDatabase({ dataDir });
    await second.close();
  });

  it('refuses a directory another running process holds', async () => {
    const dataDir = freshDir();
    // The parent of this test process is running, and is not this process.
    writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: process.ppid, hostname: hostname(), since: '2026-12-02T00:00:00.000Z' }));

    await expect(openDatabase({ dataDir })).rejects.toMatchObject({ code: 'DATA_DIR_LOCKED' });
    expect(JSON.parse(readFileSync(`${dataDir}.lock`, 'utf8')).pid).toBe(process.ppid);
  });

  it('takes over the stale lock of a process that died without releasing it', async () => {
    const dataDir = freshDir();
    // No process has this pid: Linux pids stay below 2^22.
    writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: 2 ** 22 + 1, hostname: hostname(), since: '2026-12-01T00:00:00.000Z' }));

    const db = await openDatabase({ dataDir });

    expect(JSON.parse(readFileSync(`${dataDir}.lock`, 'utf8')).pid).toBe(process.pid);
    await db.close();
  });
});
