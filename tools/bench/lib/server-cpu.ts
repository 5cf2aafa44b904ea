import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import type { Database } from '@docent/persistence';
import { runSql } from '@docent/persistence/testing';

/** Clock ticks per second of /proc's CPU times. */
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * CPU seconds a PostgreSQL server on this machine has used so far: its postmaster and every
 * process it started, running or ended (an ended child's time is added to its parent's), read
 * from /proc. Undefined for PGlite, whose work is already this process's own, or for a server
 * elsewhere. A benchmark reads it before and after a phase.
 */
export async function serverCpuReader(db: Database): Promise<(() => number) | undefined> {
  if (db.kind !== 'postgres') return undefined;
  const [row] = await runSql(db, (sql) => sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'));
  const postmaster = row === undefined ? undefined : processStat(row.pid)?.parent;
  if (postmaster === undefined || processStat(postmaster) === undefined) return undefined;
  return () => {
    let ticks = processStat(postmaster)?.ticksWithEndedChildren ?? 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = processStat(Number(entry));
      if (stat?.parent === postmaster) ticks += stat.ticksWithEndedChildren;
    }
    return ticks / TICKS;
  };
}

function processStat(pid: number): { parent: number; ticksWithEndedChildren: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // ended, or not on this machine
  }
  // Fields after the command name (which may hold spaces, in parentheses): state, ppid, ..., utime (14), stime, cutime, cstime.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const at = (field: number) => Number(fields[field - 3]);
  return { parent: at(4), ticksWithEndedChildren: at(14) + at(15) + at(16) + at(17) };
}
