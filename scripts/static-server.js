// A minimal static file server for the demo, the story smoke tests and the benchmark: no dependencies,
// loopback only, correct MIME types (module scripts and the service worker need them).
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * Serves `mounts` (URL prefix → folder) on 127.0.0.1. `headers` adds response headers to HTML pages
 * (used for the strict Content-Security-Policy test page).
 */
export const serve = ({ mounts, port = 0, headers = () => ({}) }) =>
  new Promise((done) => {
    const server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const prefix = Object.keys(mounts)
        .sort((a, b) => b.length - a.length)
        .find((p) => path.startsWith(p));
      if (prefix === undefined) return void res.writeHead(404).end();
      const root = resolve(mounts[prefix]);
      let file = normalize(join(root, path.slice(prefix.length)));
      if (!file.startsWith(root)) return void res.writeHead(403).end();
      try {
        if (statSync(file).isDirectory()) file = join(file, 'index.html');
        statSync(file);
      } catch {
        return void res.writeHead(404).end('not found');
      }
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, ...(type.startsWith('text/html') ? headers(path) : {}) });
      createReadStream(file).pipe(res);
    });
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      done({ url: `http://127.0.0.1:${actual}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
