import { formatDuration, pace } from './progress-view';
import type { SyncCounts } from './folder-sync';

const counts = (overrides: Partial<SyncCounts>): SyncCounts => ({ files: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, ready: 0, failed: 0, waiting: 0, chunks: 0, settledNow: 0, ...overrides });

describe('pace', () => {
  it('counts only what settled during this run, and leaves out what is already done from the time left', () => {
    // 100 files: 40 were stored before, 20 settled in 10 s, so 2 files/s and 40 files (20 s) to go.
    const { rate, etaSeconds } = pace(counts({ files: 100, unchanged: 40, ready: 58, failed: 1, rejected: 1, settledNow: 20 }), 10_000);
    expect(rate).toBe(2);
    expect(etaSeconds).toBe(20);
  });

  it('has no estimate before anything settled', () => {
    expect(pace(counts({ files: 10 }), 5_000).etaSeconds).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [undefined, '--'],
    [2.345, '2.3s'],
    [42, '42s'],
    [75, '1m15s'],
    [7_260, '2h01m'],
  ])('%s s is %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});
