import { DEFAULT_PARSERS } from '../parsing/default-parsers';
import { documentFromFile } from './uploaded-file';

async function* chunks(...parts: (string | Uint8Array)[]): AsyncIterable<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? Buffer.from(part) : part;
}

const file = (filename: string, mimeType: string, ...parts: (string | Uint8Array)[]) => ({ filename, mimeType, stream: chunks(...parts) });

describe('documentFromFile', () => {
  it('keeps a declared type Docent reads, else goes by the extension, else keeps what was declared (for intake to refuse)', async () => {
    expect((await documentFromFile(file('notes.txt', 'text/markdown; charset=utf-8', '# x'), {}, DEFAULT_PARSERS, 100)).mimeType).toBe('text/markdown');
    expect((await documentFromFile(file('notes.md', 'application/octet-stream', '# x'), {}, DEFAULT_PARSERS, 100)).mimeType).toBe('text/markdown');
    expect((await documentFromFile(file('Report.PDF', '', '%PDF'), {}, DEFAULT_PARSERS, 100)).mimeType).toBe('application/pdf');
    expect((await documentFromFile(file('tool.exe', 'application/x-msdownload', 'MZ'), {}, DEFAULT_PARSERS, 100)).mimeType).toBe('application/x-msdownload');
    expect((await documentFromFile(file('page.bin', '', '<p>x</p>'), { mimeType: 'text/html' }, DEFAULT_PARSERS, 100)).mimeType).toBe('text/html');
  });

  it('sends binary formats base64-encoded and text as it is, titled by the file name unless a title is given', async () => {
    const pdf = await documentFromFile(file('dir/a.pdf', 'application/pdf', new Uint8Array([0, 1, 2, 255])), { sourceId: 'a' }, DEFAULT_PARSERS, 100);
    const text = await documentFromFile(file('a.txt', 'text/plain', 'caf', 'é'), { title: 'Café' }, DEFAULT_PARSERS, 100);
    expect(pdf).toEqual({ title: 'a.pdf', mimeType: 'application/pdf', content: 'AAEC/w==', sourceId: 'a' });
    expect(text).toMatchObject({ title: 'Café', content: 'café' });
    expect((await documentFromFile(file('../../etc/pass\u0000wd\n.txt', 'text/plain', 'x'), {}, DEFAULT_PARSERS, 100)).title).toBe('passwd.txt');
    expect((await documentFromFile(file('\u0001', 'text/plain', 'x'), {}, DEFAULT_PARSERS, 100)).title).toBe('Untitled');
  });

  it('refuses text that is not UTF-8, a file over the limit (without reading on), and a stream that breaks off', async () => {
    await expect(documentFromFile(file('a.txt', 'text/plain', new Uint8Array([0x63, 0xe9])), {}, DEFAULT_PARSERS, 100)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('not UTF-8') });
    let read = 0;
    async function* endless(): AsyncIterable<Uint8Array> {
      for (;;) {
        read++;
        yield new Uint8Array(40);
      }
    }
    await expect(documentFromFile({ filename: 'big.txt', mimeType: 'text/plain', stream: endless() }, {}, DEFAULT_PARSERS, 100)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { limit: 100 } });
    expect(read).toBe(3);
    async function* broken(): AsyncIterable<Uint8Array> {
      yield Buffer.from('half');
      throw new Error('connection reset');
    }
    await expect(documentFromFile({ filename: 'a.txt', mimeType: 'text/plain', stream: broken() }, {}, DEFAULT_PARSERS, 100)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: 'The file did not arrive whole: connection reset' });
  });
});
