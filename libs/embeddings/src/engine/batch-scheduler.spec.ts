import { BatchScheduler, type BatchSchedulerOptions } from './batch-scheduler';

/** An embed function whose calls the test releases by hand; vectors encode the text's length. */
function gatedEmbed() {
  const calls: { texts: string[]; release: () => void }[] = [];
  const embed = (texts: string[]) =>
    new Promise<Float32Array[]>((resolve) => {
      calls.push({ texts, release: () => resolve(texts.map((text) => new Float32Array([text.length]))) });
    });
  return { calls, embed };
}

const options = (overrides: Partial<BatchSchedulerOptions> = {}): BatchSchedulerOptions => ({
  maxBatchSize: 4,
  maxWaitMs: 0,
  concurrency: 1,
  maxQueuedTexts: 100,
  sortWindowBatches: 4,
  ...overrides,
});
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('BatchScheduler', () => {
  it('returns vectors in input order whatever order the batches ran in', async () => {
    const { calls, embed } = gatedEmbed();
    const scheduler = new BatchScheduler(embed, options({ maxBatchSize: 2 }));

    const result = scheduler.submit(['ccc', 'a', 'bb', 'dddd'], 'ingest');
    while (calls.length < 2) {
      await tick();
      calls.forEach((call) => call.release());
    }

    expect((await result).map((vector) => vector[0])).toEqual([3, 1, 2, 4]);
  });

  it('sorts ingestion texts by length within a window so batches hold similar lengths', async () => {
    const { calls, embed } = gatedEmbed();
    const scheduler = new BatchScheduler(embed, options({ maxBatchSize: 2, sortWindowBatches: 2 }));

    const done = scheduler.submit(['xxxxxxxx', 'x', 'xxxxxxx', 'xx'], 'ingest');
    for (let i = 0; i < 2; i++) {
      await tick();
      calls[i]?.release();
    }
    await done;

    expect(calls.map((call) => call.texts)).toEqual([
      ['x', 'xx'],
      ['xxxxxxx', 'xxxxxxxx'],
    ]);
  });

  it('runs a query before ingestion texts that were queued earlier', async () => {
    const { calls, embed } = gatedEmbed();
    const scheduler = new BatchScheduler(embed, options({ maxBatchSize: 2 }));

    const ingestion = scheduler.submit(['i1', 'i2', 'i3', 'i4', 'i5', 'i6'], 'ingest');
    await tick();
    const query = scheduler.submit(['the query'], 'query');
    calls[0]?.release();
    await tick();

    expect(calls[1]?.texts).toEqual(['the query']);
    calls[1]?.release();
    await query;
    while (calls.length < 4) {
      await tick();
      calls.forEach((call) => call.release());
    }
    await ingestion;
  });

  it('never holds more texts than maxQueuedTexts: callers wait for room', async () => {
    const { calls, embed } = gatedEmbed();
    const scheduler = new BatchScheduler(embed, options({ maxBatchSize: 5, maxQueuedTexts: 10 }));
    let peak = 0;

    const all = Promise.all(Array.from({ length: 10 }, (_, i) => scheduler.submit(Array.from({ length: 5 }, (_, j) => `text ${i}.${j}`), 'ingest')));
    while (calls.length < 10) {
      peak = Math.max(peak, scheduler.queuedTexts());
      await tick();
      calls.forEach((call) => call.release());
    }
    await all;

    expect(peak).toBeLessThanOrEqual(10);
    expect(calls.every((call) => call.texts.length <= 5)).toBe(true);
  });

  it('fails every text of a batch whose model call failed, and goes on with the next', async () => {
    let call = 0;
    const scheduler = new BatchScheduler(async (texts) => {
      call++;
      if (call === 1) throw new Error('model crashed');
      return texts.map(() => new Float32Array([1]));
    }, options());

    await expect(scheduler.submit(['a', 'b'], 'ingest')).rejects.toThrow('model crashed');
    await expect(scheduler.submit(['c'], 'ingest')).resolves.toHaveLength(1);
  });
});
