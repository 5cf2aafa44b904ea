import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { PersistenceError } from '../errors';

interface Holder {
  pid: number;
  hostname: string;
  since: string;
}

/** Directories this process holds, so a second open in the same process is refused too. */
const held = new Set<string>();

/**
 * Takes the embedded database directory for this process: PGlite is one process's database,
 * and two processes on one directory serve split views and lose writes. The lock is a file
 * beside the directory (`<dataDir>.lock`) naming its holder; a holder that is no longer running
 * (killed, crashed) leaves a stale lock, which the next process takes over.
 */
export function lockDataDir(dataDir: string): { release(): void } {
  const directory = path.resolve(dataDir);
  const file = `${directory}.lock`;
  const me: Holder = { pid: process.pid, hostname: hostname(), since: new Date().toISOString() };
  if (held.has(directory)) throw locked(dataDir, me);
  try {
    writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = readHolder(file);
    if (holder && isRunning(holder)) throw locked(dataDir, holder);
    writeFileSync(file, JSON.stringify(me));
  }
  held.add(directory);
  return {
    release() {
      held.delete(directory);
      // Only our own lock: never remove one another process took over.
      if (readHolder(file)?.pid === me.pid) unlinkSync(file);
    },
  };
}

function readHolder(file: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof holder.pid === 'number' ? { pid: holder.pid, hostname: String(holder.hostname), since: String(holder.since) } : undefined;
  } catch {
    return undefined; // unreadable or half-written: treated as stale
  }
}

function isRunning(holder: Holder): boolean {
  // Another machine's process (a shared volume) cannot be checked from here: assume it runs.
  if (holder.hostname !== hostname()) return true;
  if (holder.pid === process.pid) return false; // a lock this process left behind and no longer holds
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function locked(dataDir: string, holder: Holder): PersistenceError {
  return new PersistenceError(
    'DATA_DIR_LOCKED',
    `The embedded database in ${dataDir} is in use by process ${holder.pid} on ${holder.hostname} (since ${holder.since}). ` +
      'PGlite belongs to one process: stop that one, or use PostgreSQL (DATABASE_URL) to share a database between processes.',
  );
}
