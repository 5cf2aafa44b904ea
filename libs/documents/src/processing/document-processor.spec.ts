import type { EmbeddingEngine } from '@docent/embeddings';
import type { ClaimedDocument, CompletedDocument, Database, FailureOutcome } from '@docent/persistence';
import { RecursiveChunker } from '../chunking/recursive-chunker';
import { DEFAULT_DOCUMENTS_CONFIG } from '../documents-config';
import { BUILT_IN_PARSERS } from '../parsing/built-in-parsers';
import { DocumentParsers } from '../parsing/document-parser';
import type { Chunker } from '../chunking/chunker';
import { type ModelRuntime, fixedModel } from '../models/model-runtime';
import { DocumentProcessor } from './document-processor';

const OWNER = '00000000-0000-4000-8000-000000000001';
const document = (id: string, content: string, mimeType = 'text/plain'): ClaimedDocument => ({ id, ownerId: OWNER, title: id, mimeType, content, metadata: {}, attempts: 1 });

/** The queue as the processor sees it: what it claims, what it completes (per transaction) and what it fails. */
function queue(due: ClaimedDocument[], options: { leaseLost?: string[] } = {}) {
  const transactions: CompletedDocument[][] = [];
  const failures: { documentId: string; error: string }[] = [];
  const attemptsAllowed = new Map<string, number>();
  const renewals: number[] = [];
  const documentQueue = {
    claim: async ({ limit }: { limit: number }) => due.splice(0, limit),
    extendLease: async (_worker: string, ids: string[]) => {
      renewals.push(Date.now());
      return ids;
    },
    completeWithChunks: async (_worker: string, _model: number, completed: CompletedDocument[]) => {
      transactions.push(completed);
      return completed.map((one) => one.documentId).filter((id) => !options.leaseLost?.includes(id));
    },
    fail: async (_worker: string, documentId: string, error: string, options: { maxAttempts: number }): Promise<FailureOutcome> => {
      failures.push({ documentId, error });
      attemptsAllowed.set(documentId, options.maxAttempts);
      return 'RETRY_SCHEDULED';
    },
  };
  const db = { kind: 'postgres', documentQueue, transaction: async <T>(work: (tx: { documentQueue: typeof documentQueue }) => Promise<T>) => work({ documentQueue }) };
  return { db: db as unknown as Pick<Database, 'kind' | 'documentQueue' | 'reembeddingQueue' | 'transaction'>, transactions, failures, attemptsAllowed, renewals };
}

/** An engine that embeds each text as [its length, 1] and records its calls. */
function engine(fail = false) {
  const calls: string[][] = [];
  return {
    calls,
    engine: {
      generateEmbeddingsBatch: async (texts: readonly unknown[]) => {
        calls.push(texts as string[]);
        if (fail) throw new Error('the model crashed');
        return { vectors: texts.map((text) => Float32Array.of(String(text).length, 1)), invalid: [], modelName: 'test' };
      },
    } as Pick<EmbeddingEngine, 'generateEmbeddingsBatch'>,
  };
}

const words = async (texts: readonly string[]) => texts.map((text) => text.split(/\s+/).filter(Boolean).length);
const chunker = new RecursiveChunker(words, { chunkTokens: 8, overlapTokens: 2 });
const logger = { info: () => undefined, warn: () => undefined };
/** The active model, id 7, with no model being built: the processor's ingestion lane only. */
const models = (engine: Pick<EmbeddingEngine, 'generateEmbeddingsBatch'>, modelChunker: Chunker = chunker) =>
  fixedModel({
    model: { id: 7, name: 'test', provider: 'test', dimension: 2, active: true, activatedAt: null, buildStartedAt: null, indexPrecision: 'full', indexGraph: { m: 16, efConstruction: 64 } },
    engine: engine as ModelRuntime['engine'],
    chunker: modelChunker,
  });
const config = { ...DEFAULT_DOCUMENTS_CONFIG, claimBatch: 10 };

describe('DocumentProcessor', () => {
  it('chunks every claimed document, embeds all their chunks in one engine call and writes them in one transaction', async () => {
    const { db, transactions, failures } = queue([document('a', 'one two three four five six seven eight nine ten'), document('b', '# Title\n\nSome *Markdown* text.', 'text/markdown')]);
    const model = engine();

    await expect(new DocumentProcessor({ db, models: models(model.engine), config, logger }).processBatch()).resolves.toBe(2);

    expect(failures).toEqual([]);
    expect(model.calls).toHaveLength(1);
    expect(transactions).toHaveLength(1);
    const a = transactions[0]!.find((one) => one.documentId === 'a');
    const b = transactions[0]!.find((one) => one.documentId === 'b');
    expect(a!.chunks.map((chunk) => chunk.ordinal)).toEqual(a!.chunks.map((_, i) => i));
    for (const chunk of a!.chunks) expect('one two three four five six seven eight nine ten'.slice(chunk.charStart, chunk.charEnd)).toBe(chunk.text);
    expect(b!.chunks.map((chunk) => chunk.text).join(' ')).toBe('Title\n\nSome Markdown text.');
    expect([...a!.chunks[0]!.embedding]).toEqual([a!.chunks[0]!.text.length, 1]);
  });

  it('fails only the document its parser cannot read; the rest of the batch is written', async () => {
    const strict = new DocumentParsers([...BUILT_IN_PARSERS, { mimeTypes: ['text/csv'], toPlainText: () => Promise.reject(new Error('row 3 has 2 columns, the header 3')) }]);
    const { db, transactions, failures } = queue([document('bad', 'a,b,c\n1,2', 'text/csv'), document('good', 'plain words')]);

    await new DocumentProcessor({ db, models: models(engine().engine), parsers: strict, config, logger }).processBatch();

    expect(failures).toEqual([{ documentId: 'bad', error: 'row 3 has 2 columns, the header 3' }]);
    expect(transactions.flat().map((one) => one.documentId)).toEqual(['good']);
  });

  it('fails every document of the batch when the engine fails, and writes nothing', async () => {
    const { db, transactions, failures } = queue([document('a', 'alpha'), document('b', 'beta')]);

    await new DocumentProcessor({ db, models: models(engine(true).engine), config, logger }).processBatch();

    expect(failures.map((failure) => failure.documentId).sort()).toEqual(['a', 'b']);
    expect(failures.every((failure) => failure.error === 'the model crashed')).toBe(true);
    expect(transactions).toEqual([]);
  });

  it('fails a document with no text to index at once instead of marking it READY with no chunks', async () => {
    const { db, transactions, failures, attemptsAllowed } = queue([document('empty', '<p>  </p>', 'text/html')]);

    await new DocumentProcessor({ db, models: models(engine().engine), config, logger }).processBatch();

    expect(failures).toEqual([{ documentId: 'empty', error: 'The document has no text to index' }]);
    expect(attemptsAllowed.get('empty')).toBe(1);
    expect(transactions).toEqual([]);
  });

  it('fails a document over MAX_CHUNKS_PER_DOCUMENT at once, before embedding it, and processes the rest', async () => {
    const { db, transactions, failures, attemptsAllowed } = queue([document('huge', 'word '.repeat(200)), document('small', 'a few words')]);
    const model = engine();

    await new DocumentProcessor({ db, models: models(model.engine), config: { ...config, maxChunksPerDocument: 10 }, logger }).processBatch();

    expect(failures).toEqual([{ documentId: 'huge', error: 'The document makes 33 chunks, more than the limit of 10 (MAX_CHUNKS_PER_DOCUMENT)' }]);
    expect(attemptsAllowed.get('huge')).toBe(1);
    expect(model.calls.flat()).toEqual(['a few words']);
    expect(transactions.flat().map((one) => one.documentId)).toEqual(['small']);
  });

  it('leaves a failure the document did not cause to the retry policy', async () => {
    const { db, attemptsAllowed } = queue([document('a', 'alpha')]);

    await new DocumentProcessor({ db, models: models(engine(true).engine), config, logger }).processBatch();

    expect(attemptsAllowed.get('a')).toBe(config.maxAttempts);
  });

  it('renews its leases while a slow batch runs, so a short lease holds for as long as the work takes', async () => {
    const { db, transactions, renewals } = queue([document('slow', 'slow words')]);
    const slowChunker = { chunk: async (text: string) => (await new Promise((resolve) => setTimeout(resolve, 700)), chunker.chunk(text)) };

    await new DocumentProcessor({ db, models: models(engine().engine, slowChunker), config: { ...config, leaseMs: 300 }, logger }).processBatch();

    expect(renewals.length).toBeGreaterThanOrEqual(3);
    expect(transactions.flat().map((one) => one.documentId)).toEqual(['slow']);
  });

  it("embeds a big document in slices, after the claim's small ones are written", async () => {
    const { db, transactions } = queue([document('big', Array.from({ length: 300 }, (_, i) => `Sentence ${i} here.`).join(' ')), document('small', 'just a few words')]);
    const model = engine();

    await new DocumentProcessor({ db, models: models(model.engine), config, logger }).processBatch();

    expect(transactions.map((written) => written.map((one) => one.documentId))).toEqual([['small'], ['big']]);
    expect(model.calls[0]).toEqual(['just a few words']);
    expect(model.calls.slice(1).every((call) => call.length <= 128)).toBe(true);
    expect(model.calls.slice(1).flat()).toHaveLength(transactions[1]![0]!.chunks.length);
  });

  it('says 0 when nothing is due, without calling the engine', async () => {
    const model = engine();

    await expect(new DocumentProcessor({ db: queue([]).db, models: models(model.engine), config, logger }).processBatch()).resolves.toBe(0);
    expect(model.calls).toEqual([]);
  });
});
