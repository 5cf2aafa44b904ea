import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/** The file types Docent reads, by extension. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

// Stored as base64 text: the content hash is over that.
const BINARY = new Set(['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']);

export interface LocalFile {
  /** Absolute. */
  path: string;
  /** Its id in the collection: the path inside the folder given (or from the current folder, for files and globs), with / separators. */
  sourceId: string;
  mimeType: string;
}

export interface FoundFiles {
  files: LocalFile[];
  /** Files found that Docent does not read (relative paths). */
  unsupported: string[];
}

export function mimeTypeOf(file: string): string | undefined {
  return MIME_TYPES[path.extname(file).toLowerCase()];
}

const IGNORED = ['**/node_modules/**', '**/.git/**'];

/** The files `targets` name: folders (walked), files, and glob patterns. Hidden files and node_modules are left out. */
export async function findFiles(targets: readonly string[], cwd: string, prefix = ''): Promise<FoundFiles> {
  const found = new Map<string, LocalFile>();
  const unsupported: string[] = [];
  const add = (root: string, relative: string) => {
    const file = fileIn(root, path.resolve(root, relative), prefix);
    if (file) found.set(file.path, file);
    else unsupported.push(path.relative(cwd, path.resolve(root, relative)));
  };
  for (const target of targets) {
    if (isDynamicPattern(target)) {
      for (const relative of await glob(target, { cwd, onlyFiles: true, ignore: IGNORED })) add(cwd, relative);
      continue;
    }
    const absolute = path.resolve(cwd, target);
    const kind = await stat(absolute).catch(() => undefined);
    if (!kind) throw new Error(`No such file or folder: ${target}`);
    if (kind.isDirectory()) {
      for (const relative of await glob('**/*', { cwd: absolute, onlyFiles: true, ignore: IGNORED })) add(absolute, relative);
    } else add(cwd, path.relative(cwd, absolute));
  }
  const files = [...found.values()].sort((a, b) => a.sourceId.localeCompare(b.sourceId));
  const clash = files.find((file, index) => index > 0 && files[index - 1]?.sourceId === file.sourceId);
  if (clash) throw new Error(`Two files would have the source id ${clash.sourceId}; ingest their folders separately, with --prefix`);
  return { files, unsupported: unsupported.sort() };
}

/** The file at `absolute` inside the folder `root`, if Docent reads its type. */
export function fileIn(root: string, absolute: string, prefix = ''): LocalFile | undefined {
  const mimeType = mimeTypeOf(absolute);
  return mimeType === undefined ? undefined : { path: absolute, sourceId: prefix + path.relative(root, absolute).split(path.sep).join('/'), mimeType };
}

/** A file's bytes, and the hash Docent will keep for them (`Document.contentHash`). */
export async function readLocalFile(file: LocalFile): Promise<{ bytes: Buffer; contentHash: string }> {
  const bytes = await readFile(file.path);
  return { bytes, contentHash: contentHash(file.mimeType, BINARY.has(file.mimeType) ? bytes.toString('base64') : bytes.toString('utf8')) };
}

/** SHA-256 of the type, a newline and the content as Docent stores it. */
export function contentHash(mimeType: string, content: string): string {
  return createHash('sha256').update(`${mimeType}\n${content}`, 'utf8').digest('hex');
}
