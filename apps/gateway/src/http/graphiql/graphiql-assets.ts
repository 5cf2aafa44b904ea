import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

// zlib's callback forms run on libuv's thread pool: compressing 1.4 MB never blocks the API.
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** A file the GraphiQL page loads, under a name that changes with its content. */
export interface GraphiQLAsset {
  /** e.g. graphiql.3f2a9c1b7d4e.js */
  name: string;
  contentType: string;
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
}

const SOURCES = [
  { id: 'graphiql', type: 'css', file: () => fromPackage('graphiql', 'graphiql.min.css') },
  { id: 'react', type: 'js', file: () => fromPackage('react', 'umd/react.production.min.js') },
  { id: 'react-dom', type: 'js', file: () => fromPackage('react-dom', 'umd/react-dom.production.min.js') },
  { id: 'graphql-ws', type: 'js', file: () => fromPackage('graphql-ws', 'umd/graphql-ws.min.js') },
  { id: 'graphiql', type: 'js', file: () => fromPackage('graphiql', 'graphiql.min.js') },
  { id: 'docent-graphiql', type: 'js', file: () => path.join(__dirname, 'docent-graphiql.browser.js') },
  { id: 'docent-graphiql', type: 'css', file: () => path.join(__dirname, 'docent-graphiql.browser.css') },
] as const;

const CONTENT_TYPES = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' } as const;

/**
 * The page's styles and scripts in the order it loads them: GraphiQL 3's UMD build (CodeMirror,
 * 1.4 MB, against GraphiQL 5's 9 MB with Monaco) on React 18, graphql-ws for subscriptions, and
 * Docent's own script. Read and compressed once (brotli and gzip), when the page is first asked for.
 */
export function loadGraphiQLAssets(): Promise<GraphiQLAsset[]> {
  return Promise.all(
    SOURCES.map(async ({ id, type, file }) => {
      const body = await readFile(file());
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
      return {
        name: `${id}.${hash}.${type}`,
        contentType: CONTENT_TYPES[type],
        body,
        gzip: await gzipped(body, { level: 9 }),
        brotli: await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      };
    }),
  );
}

/** A file of an installed package: its package.json's folder, since their export maps hide UMD builds. */
function fromPackage(name: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${name}/package.json`)), file);
}
