// A document pipeline built from the libs' public faces, with a provider, a format and a
// chunker of our own (the files beside this one): ingest a CSV, process it, search it.
//   SWC_NODE_PROJECT=examples/tsconfig.json node -r @swc-node/register examples/extending/main.ts
import { BUILT_IN_PARSERS, DEFAULT_DOCUMENTS_CONFIG, DocumentIntake, DocumentParsers, DocumentProcessor, SearchService, fixedModel } from '@docent/documents';
import { EmbeddingEngine } from '@docent/embeddings';
import { IN_MEMORY, openDatabase } from '@docent/persistence';
import { BlockChunker } from './block-chunker';
import { csvParser } from './csv-parser';
import { HashingProvider } from './hashing-provider';

const PLANETS = `planet,moons,fact
Mercury,0,closest to the sun and the smallest planet
Jupiter,95,the largest planet with a great red storm
Saturn,146,rings of ice and rock circle it`;

async function main(): Promise<void> {
  const db = await openDatabase({ dataDir: IN_MEMORY });
  const engine = new EmbeddingEngine(new HashingProvider());
  try {
    const model = await db.embeddingModels.register({ name: engine.provider.modelName, provider: engine.provider.runtime, dimension: engine.provider.dimension });
    await db.embeddingModels.activate(model.id);
    // One model for good: a gateway follows the database's active model instead (ModelRuntimes).
    const models = fixedModel({ model, engine, chunker: new BlockChunker(engine.countTokens) });
    const parsers = new DocumentParsers([...BUILT_IN_PARSERS, csvParser]);
    const intake = new DocumentIntake(db, DEFAULT_DOCUMENTS_CONFIG, parsers);
    const processor = new DocumentProcessor({
      db,
      models,
      parsers,
      config: DEFAULT_DOCUMENTS_CONFIG,
      logger: { info: () => undefined, warn: (fields, message) => console.warn(message, fields) },
    });
    const search = new SearchService(db, models);

    const owner = await db.users.create({ email: 'example@example.com', passwordHash: 'not used here' });
    const [planets] = await intake.ingest({ userId: owner.id }, [{ title: 'Planets', content: PLANETS, mimeType: 'text/csv' }]);
    while ((await processor.processBatch()) > 0);
    const processed = planets && (await db.documents.findById({ userId: owner.id }, planets.id));
    console.log(`${processed?.title}: ${processed?.status}, ${processed?.chunkCount} chunks`);

    for (const question of ['rings of ice', 'a red storm']) {
      const [best] = await search.search({ userId: owner.id }, question, { mode: 'SEMANTIC', first: 1 });
      console.log(`${question} -> ${best?.text.split('\n')[0]}`);
    }
  } finally {
    await engine.close();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
