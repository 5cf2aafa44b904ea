import type { NewChunk } from '@docent/persistence';
import { inDefaultCollection, runSql } from '@docent/persistence/testing';
import type { Docent } from '../../../apps/gateway/src/composition/gateway';
import { readmeChunks } from './corpus';
import { clusteredVectorSource, seededRandom } from './stats';

/**
 * 100 READY documents holding `count` chunks of README text with clustered vectors, written the
 * way a worker writes them (claim, then chunks and READY in one transaction), without the model.
 */
export async function seedChunks(docent: Docent, ownerId: string, count: number): Promise<void> {
  const texts = readmeChunks(count);
  const { model } = await docent.models.active();
  const nextVector = clusteredVectorSource(seededRandom(7), model.dimension);
  const perDocument = count / 100;
  const place = await inDefaultCollection(docent.database, ownerId);
  for (let d = 0; d < 100; d++) {
    await docent.database.documents.create({ ...place, title: `Seed ${d}`, mimeType: 'text/plain', content: `seed ${d}`, contentHash: `seed-${d}` });
  }
  const claimed = await docent.database.documentQueue.claim({ workerId: 'seed', limit: 100, leaseMs: 600_000 });
  for (const [d, document] of claimed.entries()) {
    const chunks: NewChunk[] = texts.slice(d * perDocument, (d + 1) * perDocument).map((text, ordinal) => ({
      documentId: document.id,
      ownerId,
      ordinal,
      text,
      tokenCount: text.split(' ').length,
      charStart: 0,
      charEnd: text.length,
      contentHash: `${d}-${ordinal}`,
      embedding: nextVector(),
    }));
    await docent.database.documentQueue.completeWithChunks('seed', model.id, [{ documentId: document.id, chunks }]);
  }
  // Planner statistics now, as a deployment has them: otherwise autovacuum's first ANALYZE of the
  // new rows lands in whichever measurement runs at that moment.
  await runSql(docent.database, (sql) => sql.exec('ANALYZE'));
}
