import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ThreadPool } from './thread-pool';

// A worker served by the real worker-side loop (serve-requests.cjs), reporting for each request
// how many requests had reached it by the time it ended, and whether another one was running.
const SCRIPT = `
const { parentPort, resourceLimits } = require('node:worker_threads');
const { serveRequests } = require(${JSON.stringify(path.join(__dirname, 'serve-requests.cjs'))});
let received = 0;
let running = 0;
parentPort.on('message', () => received++);
serveRequests(async (request) => {
  if (request.crash) process.exit(3);
  if (request.fail) throw new Error('no model for ' + request.value);
  running++;
  const overlapped = running > 1;
  await new Promise((resolve) => setTimeout(resolve, request.ms));
  running--;
  return { result: { value: request.value, seenBeforeEnd: received, overlapped, youngGenerationMb: resourceLimits.maxYoungGenerationSizeMb } };
});
`;

function script(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'docent-pool-')), 'echo.worker.cjs');
  writeFileSync(file, SCRIPT);
  return file;
}

interface Echo {
  value: number;
  seenBeforeEnd: number;
  overlapped: boolean;
  youngGenerationMb: number;
}

describe('ThreadPool', () => {
  it("caps each worker's young generation at 8 MB, where V8 would let it grow to a main thread's 48", async () => {
    const pool = new ThreadPool<{ value: number; ms: number }, Echo>(script(), 1, {}, 1);
    try {
      expect((await pool.run({ value: 1, ms: 0 })).youngGenerationMb).toBe(8);
    } finally {
      await pool.close();
    }
  });

  it('with depth 2 hands a worker its next request while the current one runs, and still runs them one at a time, in order', async () => {
    const pool = new ThreadPool<{ value: number; ms: number }, Echo>(script(), 1, {}, 2);
    try {
      const results = await Promise.all([1, 2, 3, 4].map((value) => pool.run({ value, ms: 40 })));

      expect(results.map((result) => result.value)).toEqual([1, 2, 3, 4]);
      expect(results.some((result) => result.overlapped)).toBe(false);
      // Before request 1 ended, request 2 (and only request 2) had already reached the worker.
      expect(results[0]?.seenBeforeEnd).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('with depth 1 hands a worker one request at a time', async () => {
    const pool = new ThreadPool<{ value: number; ms: number }, Echo>(script(), 1, {}, 1);
    try {
      const results = await Promise.all([1, 2, 3].map((value) => pool.run({ value, ms: 20 })));

      expect(results.map((result) => result.seenBeforeEnd)).toEqual([1, 2, 3]);
    } finally {
      await pool.close();
    }
  });

  it('runs an urgent request before the waiting ones that are not, after the one in progress and the urgent ones before it', async () => {
    const pool = new ThreadPool<{ value: number; ms: number }, Echo>(script(), 1, {}, 1);
    try {
      const finished: number[] = [];
      const track = (run: Promise<Echo>) => run.then((result) => void finished.push(result.value));
      const runs = [1, 2, 3].map((value) => track(pool.run({ value, ms: 30 })));
      runs.push(track(pool.run({ value: 10, ms: 1 }, { urgent: true })), track(pool.run({ value: 11, ms: 1 }, { urgent: true })));
      await Promise.all(runs);

      // 1 had reached the worker; 10 and 11 went ahead of 2 and 3, in their own order.
      expect(finished).toEqual([1, 10, 11, 2, 3]);
    } finally {
      await pool.close();
    }
  });

  it('fails every request handed to a worker that dies, and replaces the worker', async () => {
    const pool = new ThreadPool<{ value: number; ms: number; crash?: boolean }, Echo>(script(), 1, {}, 2);
    try {
      const first = pool.run({ value: 1, ms: 10, crash: true });
      const second = pool.run({ value: 2, ms: 10 });

      await expect(first).rejects.toThrow('Embedding worker exited with code 3');
      await expect(second).rejects.toThrow('Embedding worker exited with code 3');
      expect((await pool.run({ value: 3, ms: 1 })).value).toBe(3);
      expect(pool.startedWorkers).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it("rejects a request whose handler throws, with the worker's message, and keeps the worker", async () => {
    const pool = new ThreadPool<{ value: number; ms: number; fail?: boolean }, Echo>(script(), 1, {}, 2);
    try {
      await expect(pool.run({ value: 7, ms: 1, fail: true })).rejects.toThrow('no model for 7');
      expect((await pool.run({ value: 8, ms: 1 })).value).toBe(8);
      expect(pool.startedWorkers).toBe(1);
    } finally {
      await pool.close();
    }
  });
});
