// A proxy that lets nothing through: Chromium is launched with it as its proxy, so any request
// to an origin other than the loopback app server (which Chromium never proxies) lands here, is
// recorded and refused. It catches what page-level listeners cannot see.
import { createServer } from 'node:http';

// Chromium's own background services (component updater, sign-in, autofill hints, network
// time), which it calls at start-up even with --disable-background-networking. The page cannot
// cause requests to these, so they are reported but do not fail the run. Any other host does.
export const CHROMIUM_SERVICE_HOSTS = new Set([
  'update.googleapis.com',
  'accounts.google.com',
  'content-autofill.googleapis.com',
  'clients2.google.com',
  'optimizationguide-pa.googleapis.com',
  'safebrowsing.googleapis.com',
  // The component updater's download redirector (gvt1.com): Chromium's, never the page's.
  'redirector.gvt1.com',
]);

/** The host a proxy request line is for: "CONNECT host:443" or "GET http://host/path". */
export function hostOf(hit) {
  const target = hit.split(' ')[1] ?? '';
  return target.includes('://') ? new URL(target).hostname : target.replace(/:\d+$/, '');
}

export async function startTrapProxy() {
  const hits = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Blocked by the test run');
  });
  server.on('connect', (req, socket) => {
    hits.push(`CONNECT ${req.url}`);
    // Chromium may reset the tunnel it asked for before the refusal is written: without a
    // listener that ECONNRESET is an unhandled 'error' that ends the whole test run.
    socket.on('error', () => {});
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
