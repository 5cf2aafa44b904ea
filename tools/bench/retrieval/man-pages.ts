// Query/document pairs from the Debian manual pages installed on every machine: the NAME line's
// description is the query ("list directory contents"), the rest of the rendered page, with the
// command's own names removed, is its one relevant document. Nobody here wrote either side.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { seededRandom } from '../lib/stats';

export interface RetrievalPair {
  /** The page, e.g. `ls.1`: the document's title too. */
  page: string;
  query: string;
  document: string;
}

const MAN_ROOT = '/usr/share/man';
const SECTIONS = ['man1', 'man3', 'man5', 'man7', 'man8'];
/** Pages of one family (`git-*`, `pthread_*`, 16,000 `gcloud_*`) are near-copies of each other: a few of each keep the set varied. */
const PER_FAMILY = 6;
const RENDER_CONCURRENCY = 4;
const CACHE_DIR = path.resolve(__dirname, '../../../.cache/retrieval');

/**
 * `count` pairs, the same on every machine with the same manual pages: pages are sampled with a
 * fixed seed, rendered with `man` (no hyphenation or justification) and cached.
 */
export async function manPagePairs(count: number, seed = 11): Promise<RetrievalPair[]> {
  const cacheFile = path.join(CACHE_DIR, `man-pairs-${count}-${seed}.json`);
  if (existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8')) as RetrievalPair[];

  const random = seededRandom(seed);
  const perFamily = new Map<string, number>();
  const seenQueries = new Set<string>();
  const candidates: { file: string; name: NameLine }[] = [];
  const shuffled = SECTIONS.flatMap((section) => readdirSync(path.join(MAN_ROOT, section)).filter((file) => file.endsWith('.gz')).sort().map((file) => path.join(MAN_ROOT, section, file)))
    .map((file) => ({ file, sort: random() }))
    .sort((a, b) => a.sort - b.sort);
  for (const { file } of shuffled) {
    const family = path.basename(file).split(/[-_.]/)[0] ?? '';
    if ((perFamily.get(family) ?? 0) >= PER_FAMILY) continue;
    const name = nameLine(gunzipSync(readFileSync(file)).toString('utf8'));
    if (!name || seenQueries.has(name.description.toLowerCase())) continue;
    seenQueries.add(name.description.toLowerCase());
    perFamily.set(family, (perFamily.get(family) ?? 0) + 1);
    candidates.push({ file, name });
  }

  // Rendering is the slow part (0.2-0.5 s a page): a few at a time, in order, until `count` pass.
  const pairs: RetrievalPair[] = [];
  for (let start = 0; start < candidates.length && pairs.length < count; start += RENDER_CONCURRENCY) {
    const batch = candidates.slice(start, start + RENDER_CONCURRENCY);
    const rendered = await Promise.all(batch.map(({ file }) => render(file)));
    batch.forEach(({ file, name }, i) => {
      const pair = toPair(path.basename(file).replace(/\.gz$/, ''), name, rendered[i] as string);
      if (pair && pairs.length < count) pairs.push(pair);
    });
  }
  if (pairs.length < count) throw new Error(`Only ${pairs.length} usable manual pages on this machine, ${count} asked for`);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(pairs));
  return pairs;
}

interface NameLine {
  names: string[];
  description: string;
}

/** The NAME section of the roff source: `ls \- list directory contents`. */
function nameLine(source: string): NameLine | undefined {
  if (/^\.so /m.test(source)) return undefined; // an alias of another page
  const match = /^\.S[Hh]\s+"?NAME"?\s*\n([\s\S]*?)\n\.S[Hh]/m.exec(source);
  if (!match?.[1]) return undefined;
  const text = stripRoff(match[1].split('\n').filter((line) => !line.startsWith('.') || /^\.(B|I|BR|IR)\s/.test(line)).join(' '));
  const split = /\s+[-–—]\s+/.exec(text);
  if (!split) return undefined;
  const names = text.slice(0, split.index).split(/\s*,\s*/).filter(Boolean);
  const description = text.slice(split.index + split[0].length).trim().replace(/\.$/, '');
  // Too short to be a question, or boilerplate that names the program instead of its purpose.
  if (description.split(/\s+/).length < 3 || /manual page|^part of|^see /i.test(description)) return undefined;
  return { names, description };
}

function stripRoff(text: string): string {
  return text
    .replace(/^\.[A-Za-z]+\s*/gm, '')
    .replace(/\\f[BIRP1-4]|\\f\([A-Z]{2}|\\f\[[A-Z]*\]/g, '')
    .replace(/\\\((em|en|hy)/g, '-')
    .replace(/\\\(.{2}|\\\[[^\]]*\]/g, ' ')
    .replace(/\\-/g, '-')
    .replace(/\\&|\\e|\\ |\\\^|\\\|/g, (escape) => (escape === '\\e' ? '\\' : escape === '\\ ' ? ' ' : ''))
    .replace(/"/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function render(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'man',
      ['--nh', '--nj', '-P', 'cat', '-l', file],
      { encoding: 'utf8', env: { ...process.env, MANWIDTH: '100', LANG: 'C.UTF-8' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

/** The page after its NAME section, without header, footer or the command's names; undefined if it gives the answer away. */
function toPair(page: string, { names, description }: NameLine, rendered: string): RetrievalPair | undefined {
  const lines = rendered.split('\n');
  const body = lines.slice(1, -2); // the running header and footer repeat the name
  const nameSection = body.findIndex((line) => /^NAME\s*$/.test(line));
  const next = body.findIndex((line, i) => i > nameSection && /^[A-Z][A-Z ]+\s*$/.test(line));
  if (nameSection < 0 || next < 0) return undefined;
  let document = body.slice(next).join('\n');
  for (const name of names.sort((a, b) => b.length - a.length)) {
    document = document.replace(new RegExp(`(?<![\\w.-])${escapeRegExp(name)}(?![\\w-])`, 'gi'), ' ');
  }
  document = document.replace(/[ \t]+\n/g, '\n').trim();
  const flat = (text: string) => text.toLowerCase().replace(/\s+/g, ' ');
  if (document.length < 800 || document.length > 12_000 || flat(document).includes(flat(description))) return undefined;
  return { page, query: description, document };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
