import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times. */
export const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

export interface ProcStat {
  parent: number;
  /** User and system CPU seconds of the process or thread. */
  cpuSeconds: number;
  /** The same, of its children that have ended (and were waited for). */
  endedChildrenCpuSeconds: number;
}

/** A process's (`/proc/<pid>/stat`) or thread's (`/proc/self/task/<tid>/stat`) figures; undefined once it has ended. */
export function readProcStat(file: string): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the name (which may hold spaces, in parentheses): state (3), ppid (4), ..., utime (14), stime, cutime, cstime (17).
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const field = (number: number) => Number(fields[number - 3]);
  return { parent: field(4), cpuSeconds: (field(14) + field(15)) / CLOCK_TICKS, endedChildrenCpuSeconds: (field(16) + field(17)) / CLOCK_TICKS };
}
