import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contentHash, findFiles, readLocalFile } from './local-files';

describe('findFiles', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'docent-files-'));
    for (const file of ['docs/a.md', 'docs/guide/b.MARKDOWN', 'docs/guide/c.pdf', 'docs/logo.png', 'docs/.hidden.md', 'docs/node_modules/x/README.md', 'notes/a.md', 'top.txt']) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), `text of ${file}`);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('gives a folder’s files their paths inside it as source ids, leaving out hidden files, node_modules and unread types', async () => {
    const { files, unsupported } = await findFiles(['docs'], root);
    expect(files.map((file) => [file.sourceId, file.mimeType])).toEqual([
      ['a.md', 'text/markdown'],
      ['guide/b.MARKDOWN', 'text/markdown'],
      ['guide/c.pdf', 'application/pdf'],
    ]);
    expect(files[0]?.path).toBe(path.join(root, 'docs/a.md'));
    expect(unsupported).toEqual([path.join('docs', 'logo.png')]);
  });

  it('takes files and globs with paths from the current folder, and a prefix for every source id', async () => {
    const { files } = await findFiles(['top.txt', 'notes/*.md'], root, 'team/');
    expect(files.map((file) => file.sourceId)).toEqual(['team/notes/a.md', 'team/top.txt']);
  });

  it('refuses two files with one source id, and a path that does not exist', async () => {
    await expect(findFiles(['docs', 'notes'], root)).rejects.toThrow('Two files would have the source id a.md');
    await expect(findFiles(['nowhere'], root)).rejects.toThrow('No such file or folder: nowhere');
  });

  it('hashes text as it is and PDFs as base64: what the server stores and hashes', async () => {
    const text = await readLocalFile({ path: path.join(root, 'top.txt'), sourceId: 'top.txt', mimeType: 'text/plain' });
    const pdf = await readLocalFile({ path: path.join(root, 'docs/guide/c.pdf'), sourceId: 'c.pdf', mimeType: 'application/pdf' });
    expect(text.bytes.toString()).toBe('text of top.txt');
    expect(text.contentHash).toBe(contentHash('text/plain', 'text of top.txt'));
    expect(pdf.contentHash).toBe(contentHash('application/pdf', Buffer.from('text of docs/guide/c.pdf').toString('base64')));
    expect(contentHash('text/plain', 'x')).not.toBe(contentHash('text/markdown', 'x'));
  });
});
