import { readdirSync } from 'node:fs';
import type { Database } from '@docent/persistence';
import { runSql } from '@docent/persistence/testing';
import { readProcStat } from './proc-stat';

/**
 * CPU seconds a PostgreSQL server on this machine has used so far: its postmaster and every
 * process it started, running or ended (an ended child's time is added to its parent's), read
 * from /proc. Undefined for PGlite, whose work is already this process's own, or for a server
 * elsewhere. A benchmark reads it before and after a phase.
 */
export async function serverCpuReader(db: Database): Promise<(() => number) | undefined> {
  if (db.kind !== 'postgres') return undefined;
  const [row] = await runSql(db, (sql) => sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'));
  const postmaster = row === undefined ? undefined : readProcStat(`/proc/${row.pid}/stat`)?.parent;
  if (postmaster === undefined || readProcStat(`/proc/${postmaster}/stat`) === undefined) return undefined;
  const total = (stat: ReturnType<typeof readProcStat>) => (stat === undefined ? 0 : stat.cpuSeconds + stat.endedChildrenCpuSeconds);
  return () => {
    let seconds = total(readProcStat(`/proc/${postmaster}/stat`));
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readProcStat(`/proc/${entry}/stat`);
      if (stat?.parent === postmaster) seconds += total(stat);
    }
    return seconds;
  };
}
