// A tiny static server for dist/: the same security headers as `vite preview`, SPA fallback to
// index.html for page addresses, real 404s for missing files, correct MIME types.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize, sep } from 'node:path';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};

/** The headers vite.config.ts sends from `vite preview`, read from the same JSON file. */
export async function loadSecurityHeaders(jsonPath) {
  const config = JSON.parse(await readFile(jsonPath, 'utf8'));
  return {
    'Content-Security-Policy': config.contentSecurityPolicy.join('; '),
    ...config.headers,
  };
}

/** Types a host would compress. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt', '.map']);

/**
 * Serves `root` on 127.0.0.1 (a secure context, so service workers run) on a free port.
 * With `gzip`, text files are sent gzip-encoded to a client that accepts it, as a real host
 * would (the bench's Lighthouse runs); the browser tests leave it off.
 * Resolves to { origin, close }.
 */
export async function startStaticServer({ root, securityHeaders, gzip = false }) {
  const rootDir = normalize(root + sep);

  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD', ...securityHeaders }).end();
        return;
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        res.writeHead(400, securityHeaders).end();
        return;
      }
      let file = normalize(join(rootDir, pathname));
      if (!file.startsWith(rootDir)) {
        res.writeHead(403, securityHeaders).end();
        return;
      }
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) {
        // A page address (no extension) is the SPA's to route; a missing file is a 404.
        if (extname(pathname) !== '') {
          res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders });
          res.end('Not found');
          return;
        }
        file = join(rootDir, 'index.html');
        info = await stat(file);
      }
      // A new version of the service worker for one browser context only (durability.e2e.mjs):
      // a request carrying the cookie e2e-sw-version=N gets sw.js with a comment appended, so its
      // bytes differ and the browser installs it as an update. Every other request is untouched.
      const swVersion =
        pathname === '/sw.js' ? /(?:^|;\s*)e2e-sw-version=(\w+)/.exec(req.headers.cookie ?? '')?.[1] : undefined;
      if (swVersion) {
        const body = Buffer.concat([await readFile(file), Buffer.from(`\n// e2e version ${swVersion}\n`)]);
        res.writeHead(200, {
          'Content-Type': MIME_TYPES['.js'],
          'Content-Length': body.length,
          'Cache-Control': 'no-cache',
          ...securityHeaders,
        });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      const immutable = pathname.startsWith('/assets/');
      if (
        gzip &&
        COMPRESSIBLE.has(extname(file).toLowerCase()) &&
        /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
      ) {
        const body = gzipSync(await readFile(file));
        res.writeHead(200, {
          'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'Content-Encoding': 'gzip',
          'Content-Length': body.length,
          Vary: 'Accept-Encoding',
          'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          ...securityHeaders,
        });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      res.writeHead(200, {
        'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...securityHeaders,
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(file).pipe(res);
    } catch (error) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(error));
    }
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
