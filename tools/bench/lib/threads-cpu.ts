import { readdirSync } from 'node:fs';
import { readProcStat } from './proc-stat';

/** CPU seconds so far of each thread of this process, by thread id, from /proc (Linux). */
export function threadCpu(): Map<string, number> {
  const seconds = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readProcStat(`/proc/self/task/${tid}/stat`);
    if (stat) seconds.set(tid, stat.cpuSeconds);
  }
  return seconds;
}

/**
 * CPU seconds each thread used between two `threadCpu()`, most first, those above 0.05 s: the
 * main thread by name, the others by thread id (model threads, the tokenizer thread and V8's
 * helpers all call themselves "node").
 */
export function describeThreads(before: Map<string, number>, after: Map<string, number>): string {
  return [...after]
    .map(([tid, seconds]) => [tid === String(process.pid) ? 'main' : tid, seconds - (before.get(tid) ?? 0)] as const)
    .filter(([, seconds]) => seconds > 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([name, seconds]) => `${name} ${seconds.toFixed(2)}`)
    .join(', ');
}
