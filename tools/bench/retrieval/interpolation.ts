// Could a better fusion make Universal Sentence Encoder lite help keyword search? Each query's
// candidates (BM25's top 100 and the vector search's top 100) get both signals exactly, the
// cosine similarity computed for every candidate, then ranked by a weighted sum. Unlike HYBRID,
// no candidate lacks a signal, so this is the most fusion of these two rankings can give.
//   SWC_NODE_PROJECT=tools/tsconfig.json node -r @swc-node/register tools/bench/retrieval/interpolation.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseKeywordQuery } from '@docent/documents';
import { runSql } from '@docent/persistence/testing';
import pino from 'pino';
import { composeGateway } from '../../../apps/gateway/src/composition/gateway';
import { benchGatewayConfig } from '../lib/gateway-config';
import { formatTable } from '../lib/stats';
import { manPagePairs } from './man-pages';
import { distinct, scoreCells, scoreRankings } from './metrics';

interface Candidate {
  documentId: string;
  bm25: number;
  cosine: number;
}

async function main(): Promise<void> {
  const pairs = await manPagePairs(Number(process.env['BENCH_PAIRS'] ?? 600));
  const dir = mkdtempSync(path.join(tmpdir(), 'docent-bench-interpolation-'));
  const docent = await composeGateway(benchGatewayConfig({ DOCENT_DATA_DIR: dir, EMBEDDING_PROVIDER: 'use-lite' }), pino({ level: 'silent' }));
  try {
    const owner = await docent.database.users.create({ email: 'interpolation@example.test', passwordHash: 'unused' });
    const titleOf = new Map<string, string>();
    for (let i = 0; i < pairs.length; i += 50) {
      const stored = await docent.documents.intake.ingest({ userId: owner.id }, pairs.slice(i, i + 50).map((pair) => ({ title: pair.page, content: pair.document, mimeType: 'text/plain' as const })));
      for (const document of stored) titleOf.set(document.id, document.title);
    }
    while ((await docent.processor.processBatch()) > 0);

    const { model, engine } = await docent.models.active();
    const scope = { access: { userId: owner.id }, modelId: model.id, limit: 100 };
    const candidates: Candidate[][] = [];
    for (const pair of pairs) {
      const keyword = await docent.database.chunks.searchByKeyword({ ...scope, ...parseKeywordQuery(pair.query) });
      const vector = await engine.embedQuery(pair.query);
      const semantic = await docent.database.chunks.searchByVector({ ...scope, vector });
      const bm25 = new Map(keyword.map((match) => [match.chunkId, match.score]));
      const ids = [...new Set([...bm25.keys(), ...semantic.map((match) => match.chunkId)])];
      const rows = await runSql(docent.database, (sql) =>
        sql.query<{ id: string; document_id: string; cosine: number }>(
          `SELECT id, document_id, 1 - (embedding::vector(${model.dimension}) <=> $1::vector(${model.dimension})) AS cosine FROM chunks WHERE id = ANY($2::uuid[])`,
          [`[${Array.from(vector).join(',')}]`, ids],
        ),
      );
      candidates.push(rows.map((row) => ({ documentId: row.document_id, bm25: bm25.get(row.id) ?? 0, cosine: Number(row.cosine) })));
    }

    const relevant = pairs.map((pair) => pair.page);
    const rank = (score: (candidate: Candidate, maxBm25: number) => number) =>
      scoreRankings(
        candidates.map((pool) => {
          const maxBm25 = Math.max(0, ...pool.map((candidate) => candidate.bm25));
          const ordered = [...pool].sort((a, b) => score(b, maxBm25) - score(a, maxBm25));
          return distinct(ordered.map((candidate) => titleOf.get(candidate.documentId) as string)).slice(0, 10);
        }),
        relevant,
      );
    const rows = [
      ['BM25 alone', ...scoreCells(rank((candidate) => candidate.bm25))],
      ['cosine alone', ...scoreCells(rank((candidate) => candidate.cosine))],
      ...[1, 2, 3, 4, 6, 8].map((weight) => [`${weight} × BM25 / best BM25 + cosine`, ...scoreCells(rank((candidate, maxBm25) => (maxBm25 > 0 ? (weight * candidate.bm25) / maxBm25 : 0) + candidate.cosine))]),
    ];
    console.log(`${pairs.length} pairs, ${model.name}, every candidate scored on both signals\n`);
    console.log(formatTable(['ranking', 'recall@1', 'recall@10', 'MRR@10'], rows));
  } finally {
    await docent.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
