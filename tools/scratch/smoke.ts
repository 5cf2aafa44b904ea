import { openDatabase, IN_MEMORY } from '@docent/persistence';
async function main() {
  let t = Date.now();
  const db = await openDatabase({ dataDir: IN_MEMORY, logger: { info: (f, m) => console.log(m, f), warn: console.warn } });
  console.log('open ms', Date.now() - t);
  const user = await db.users.create({ email: 'a@b.c', passwordHash: 'x' });
  const model = await db.embeddingModels.register({ name: 'm3', provider: 'test', dimension: 3 });
  const doc = await db.documents.create({ ownerId: user.id, title: 't', mimeType: 'text/plain', content: 'hello', contentHash: 'h' });
  t = Date.now();
  const n = await db.chunks.insertMany(model.id, [0,1,2].map(i => ({ documentId: doc.id, ownerId: user.id, ordinal: i, text: `cat number ${i} sat`, tokenCount: 3, charStart: 0, charEnd: 5, contentHash: 'c', embedding: [i+1, 0.5, 0.25] })));
  console.log('inserted', n, Date.now() - t);
  console.log(await db.chunks.searchByVector({ ownerId: user.id, modelId: model.id, vector: [1,0,0], limit: 2 }));
  console.log(await db.chunks.searchByKeyword({ ownerId: user.id, modelId: model.id, query: 'cats', limit: 2 }));
  console.log((await db.chunks.findByDocument(user.id, doc.id))[0]);
  await db.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
