import path from 'node:path';
import { Router } from 'express';

/** Folder of an installed package (its `package.json` is always exported). */
const pkgDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

const ASSETS: Record<string, string> = {
  'react.js': path.join(pkgDir('react'), 'umd', 'react.production.min.js'),
  'react-dom.js': path.join(pkgDir('react-dom'), 'umd', 'react-dom.production.min.js'),
  'graphiql.js': path.join(pkgDir('graphiql'), 'graphiql.min.js'),
  'graphiql.css': path.join(pkgDir('graphiql'), 'graphiql.min.css'),
};

/** The query the playground opens with: the last 30 days of the main figures. */
export function defaultQuery(now = new Date()): string {
  const day = 86_400_000;
  const to = new Date(Math.ceil(now.getTime() / day) * day).toISOString();
  const from = new Date(Date.parse(to) - 30 * day).toISOString();
  return `# Set your key under "Headers" below: {"Authorization": "Bearer hs_..."}
query LastThirtyDays {
  workspace { slug name }
  helpSearchMetrics(from: "${from}", to: "${to}", interval: WEEK) {
    searches noResultRate clickThroughRate averageClickPosition searchSuccessRate selfServiceResolutionRate
    topFailedQueries { query count }
  }
  feedbackVolume(from: "${from}", to: "${to}", interval: WEEK, groupBy: KIND) {
    total previousTotal
    groups { key count previousCount }
  }
}
`;
}

function page(headers: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Helpscope playground</title>
<link rel="stylesheet" href="/playground/graphiql.css">
<style>body{margin:0;height:100vh}#graphiql{height:100vh}</style></head>
<body><div id="graphiql">Loading the playground…</div>
<script src="/playground/react.js"></script>
<script src="/playground/react-dom.js"></script>
<script src="/playground/graphiql.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: window.location.origin + '/graphql' });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultQuery: ${JSON.stringify(defaultQuery())},
      defaultHeaders: ${JSON.stringify(headers)},
      headerEditorEnabled: true,
      shouldPersistHeaders: true,
      isHeadersEditorEnabled: true,
    }),
  );
</script></body></html>`;
}

/**
 * The GraphiQL playground, served entirely from local npm packages (no CDN), so it works offline. Browsers asking
 * `GET /graphql` for HTML get it; the Authorization header is set in its Headers tab.
 */
export function playgroundRouter(): Router {
  const router = Router();
  for (const [name, file] of Object.entries(ASSETS)) {
    router.get(`/playground/${name}`, (_req, res) => {
      res.setHeader('Cache-Control', 'public, max-age=86400');
      res.sendFile(file);
    });
  }
  router.get('/graphql', (req, res, next) => {
    if (!req.accepts('text/html') || req.query.query) return next();
    res.type('html').send(page(JSON.stringify({ Authorization: 'Bearer <your API key>' }, null, 2)));
  });
  return router;
}

