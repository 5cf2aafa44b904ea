import { gzipSync } from 'node:zlib';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { type RequestHandler } from 'express';
import { GRAPHIQL_EXAMPLE_TABS } from './graphiql-examples';

// Everything the page needs is inlined (scripts, styles, editor workers), so the browser only
// ever talks to this server; the policy makes the browser refuse anything else.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
].join('; ');

/** GraphiQL for admins, served from the package's bundled files (no CDN). */
export function graphiqlRoute(graphqlPath: string): RequestHandler {
  let page: { html: Buffer; gzipped: Buffer } | undefined;
  return (request, response) => {
    // Rendered on first use: the page is ~9 MB, and many deployments never open it.
    page ??= render(graphqlPath);
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    response.setHeader('cache-control', 'no-cache');
    response.vary('accept-encoding');
    if (request.acceptsEncodings('gzip') === 'gzip') {
      response.setHeader('content-encoding', 'gzip');
      response.end(page.gzipped);
    } else {
      response.end(page.html);
    }
  };
}

function render(graphqlPath: string) {
  const html = Buffer.from(
    renderGraphiQL({
      title: 'Docent GraphiQL',
      endpoint: graphqlPath,
      defaultTabs: GRAPHIQL_EXAMPLE_TABS,
      // Paste "Bearer <accessToken from login>" here; an empty value means signed out.
      headers: JSON.stringify({ Authorization: '' }, null, 2),
      defaultEditorToolsVisibility: 'headers',
      shouldPersistHeaders: false,
      // Subscriptions over graphql-ws on the same path; the headers pane's Authorization goes
      // in connection_init, as the server expects.
      subscriptionsProtocol: 'WS',
    }),
  );
  return { html, gzipped: gzipSync(html) };
}
