import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { seededRandom } from './stats';

/**
 * Real English text without downloads: the README files of installed npm packages, cut into
 * chunks of 12-150 words (about 20-256 BERT tokens), the spread a document chunker produces.
 */
export function readmeChunks(count: number, seed = 1): string[] {
  const words: string[] = [];
  const root = path.resolve(__dirname, '../../../node_modules');
  for (const entry of readdirSync(root).sort()) {
    const dirs = entry.startsWith('@') ? readdirSync(path.join(root, entry)).map((name) => path.join(root, entry, name)) : [path.join(root, entry)];
    for (const dir of dirs) {
      const readme = path.join(dir, 'README.md');
      if (!existsSync(readme)) continue;
      const text = readFileSync(readme, 'utf8')
        .replace(/```[\s\S]*?```/g, ' ')
        .replace(/<[^>]+>|\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)|[#*`>|_-]{2,}/g, ' ');
      words.push(...text.split(/\s+/).filter((word) => /[a-z]/i.test(word) && word.length < 30));
      if (words.length > count * 200) break;
    }
  }
  const random = seededRandom(seed);
  const chunks: string[] = [];
  let cursor = 0;
  while (chunks.length < count) {
    const length = 12 + Math.floor(random() * 139);
    if (cursor + length > words.length) cursor = 0;
    chunks.push(words.slice(cursor, cursor + length).join(' '));
    cursor += length;
  }
  return chunks;
}

/** Whole README files of installed packages as Markdown documents (skipping tiny ones), capped in size. */
export function readmeDocuments(count: number, skip = 0, maxBytes = 16_000): { title: string; content: string }[] {
  const root = path.resolve(__dirname, '../../../node_modules');
  const documents: { title: string; content: string }[] = [];
  let seen = 0;
  for (const entry of readdirSync(root).sort()) {
    const dirs = entry.startsWith('@') ? readdirSync(path.join(root, entry)).map((name) => path.join(root, entry, name)) : [path.join(root, entry)];
    for (const dir of dirs) {
      const readme = path.join(dir, 'README.md');
      if (!existsSync(readme)) continue;
      const content = readFileSync(readme, 'utf8').slice(0, maxBytes);
      if (content.length < 1_500 || seen++ < skip) continue;
      documents.push({ title: path.relative(root, dir), content });
      if (documents.length === count) return documents;
    }
  }
  return documents;
}
