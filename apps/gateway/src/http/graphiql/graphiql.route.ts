import { createHash } from 'node:crypto';
import { Router } from 'express';
import { GRAPHIQL_EXAMPLE_TABS } from './graphiql-examples';
import { type GraphiQLAsset, loadGraphiQLAssets } from './graphiql-assets';

// Every script and style is a file of this server (no inline script, no CDN, no eval), so the
// browser may run nothing else.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

const ASSETS_PATH = '/graphiql/assets';
// Asset names carry their content's hash: a new version is a new name, so browsers may keep them forever.
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * GraphiQL for admins at /graphiql: a small page that loads its scripts and styles from
 * /graphiql/assets, compressed and cached for good; only the page itself is checked each visit.
 */
export function graphiqlRoutes(graphqlPath: string): Router {
  const router = Router();
  // Read on first use: many deployments never open GraphiQL.
  let loaded: Promise<{ page: string; pageTag: string; assets: Map<string, GraphiQLAsset> }> | undefined;
  const load = () =>
    (loaded ??= loadGraphiQLAssets().then((assets) => {
      const page = renderPage(graphqlPath, assets);
      return { page, pageTag: `"${createHash('sha256').update(page).digest('base64url')}"`, assets: new Map(assets.map((asset) => [asset.name, asset])) };
    }));

  router.get('/graphiql', async (_request, response) => {
    const { page, pageTag } = await load();
    response.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    response.setHeader('cache-control', 'no-cache');
    // The app computes no ETags (server.ts); with this one, send() answers a revisit with 304.
    response.setHeader('etag', pageTag);
    response.type('html').send(page);
  });

  router.get(`${ASSETS_PATH}/:name`, async (request, response) => {
    const asset = (await load()).assets.get(request.params.name);
    if (!asset) {
      response.status(404).type('text').send('No such GraphiQL asset');
      return;
    }
    const encoding = request.acceptsEncodings('br', 'gzip');
    response.vary('accept-encoding');
    response.setHeader('cache-control', IMMUTABLE);
    response.setHeader('content-type', asset.contentType);
    if (encoding === 'br' || encoding === 'gzip') response.setHeader('content-encoding', encoding);
    response.end(encoding === 'br' ? asset.brotli : encoding === 'gzip' ? asset.gzip : asset.body);
  });
  return router;
}

function renderPage(graphqlPath: string, assets: readonly GraphiQLAsset[]): string {
  const href = (asset: GraphiQLAsset) => `${ASSETS_PATH}/${asset.name}`;
  const styles = assets.filter((asset) => asset.name.endsWith('.css')).map((asset) => `<link rel="stylesheet" href="${href(asset)}">`);
  const scripts = assets.filter((asset) => asset.name.endsWith('.js')).map((asset) => `<script defer src="${href(asset)}"></script>`);
  // Read by the page's script; `<` escaped so no value can close the element.
  const config = JSON.stringify({ endpoint: graphqlPath, tabs: GRAPHIQL_EXAMPLE_TABS }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Docent GraphiQL</title>
<link rel="icon" href="data:,">
${[...styles, ...scripts].join('\n')}
<script type="application/json" id="docent-graphiql-config">${config}</script>
</head>
<body>
<noscript>GraphiQL needs JavaScript.</noscript>
<div id="graphiql"></div>
</body>
</html>
`;
}
