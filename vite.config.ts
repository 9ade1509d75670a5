// Build and PWA configuration. Everything the app needs is precached: after the first load it
// runs with no network, and it never asks another origin for anything (non-negotiable 4).
import { createServer, defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import securityHeadersConfig from './src/pwa/security-headers.json' with { type: 'json' };

// docs/SECURITY.md item 12. frame-ancestors cannot be set from a <meta> tag, so the preview server
// (and any host, see README) sends the same policy as a header as well. The policy and headers
// live in src/pwa/security-headers.json so the e2e test server (plain Node) reads the same ones.
//
// docs/SYNC.md: a school's sync server at another address than the app is allowed by building
// with SYNC_SERVER_ORIGIN=https://sync.example.sch.uk (one origin, https; http only for loopback).
// Without it, connect-src stays 'self' (a server behind the app's own address, e.g. /db/, works).
export function syncServerOrigin(value: string | undefined): string | null {
  if (!value) return null;
  const u = new URL(value);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  if ((u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) || u.origin !== value.replace(/\/+$/, '')) {
    throw new Error(
      `SYNC_SERVER_ORIGIN must be one origin such as https://sync.example.sch.uk (no path), not ${value}`,
    );
  }
  return u.origin;
}
const SYNC_ORIGIN = syncServerOrigin(process.env.SYNC_SERVER_ORIGIN);
export const CONTENT_SECURITY_POLICY = securityHeadersConfig.contentSecurityPolicy
  .map((d) => (SYNC_ORIGIN && d.startsWith('connect-src ') ? `${d} ${SYNC_ORIGIN}` : d))
  .join('; ');

const META_CSP = CONTENT_SECURITY_POLICY.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ');

/** Adds the CSP meta tag to the production HTML only (the dev server needs inline React refresh). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'ypsi-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html.replace(
          '<meta charset="UTF-8" />',
          `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${META_CSP}" />`,
        ),
    },
  };
}

/**
 * Writes the lock screen into index.html's <div id="root"> at build time (issue 14 item 6): the
 * app's own first render of "/" (src/ui/prerender.tsx), rendered with react-dom/server in a
 * throw-away Vite SSR server, so the page frame and lock screen paint from the HTML and the
 * stylesheet before any script runs, and main.tsx hydrates the same markup (data-prerendered
 * names the address it is the first render of). Build only: the dev server renders in the browser.
 */
function prerenderLockScreen(): Plugin {
  return {
    name: 'ypsi-prerender-lock-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler: async (html) => {
        const server = await createServer({
          configFile: false,
          root: import.meta.dirname,
          logLevel: 'error',
          plugins: [react()],
          appType: 'custom',
          // workbox-window's package points Node at a CommonJS build: take its ES module instead.
          ssr: { noExternal: ['workbox-window'] },
          server: { middlewareMode: true, hmr: false, ws: false, watch: null },
        });
        try {
          const { renderLockScreen, PRERENDERED_PATH } = (await server.ssrLoadModule(
            '/src/ui/prerender.tsx',
          )) as typeof import('./src/ui/prerender');
          const markup = renderLockScreen();
          if (!markup.includes('YPSI Response is locked'))
            throw new Error('The pre-rendered lock screen has no heading.');
          const empty = '<div id="root"></div>';
          if (!html.includes(empty)) throw new Error(`index.html has no ${empty} to pre-render into.`);
          return html.replace(empty, `<div id="root" data-prerendered="${PRERENDERED_PATH}">${markup}</div>`);
        } finally {
          await server.close();
        }
      },
    },
  };
}

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  ...securityHeadersConfig.headers,
};

export default defineConfig({
  plugins: [
    react(),
    contentSecurityPolicy(),
    prerenderLockScreen(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      includeAssets: ['favicon.svg', 'icons/*.png'],
      manifest: {
        name: 'YPSI Response',
        short_name: 'YPSI Response',
        description:
          'Respond to an incident of youth-produced sexual imagery as your safeguarding policy requires, offline and encrypted.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#f3f2f1',
        theme_color: '#1d3b53',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,ttf,txt,json,webmanifest}'],
        // Fonts and the lazy PDF chunk must be precached or export breaks offline (STACK.md).
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: '/index.html',
        cleanupOutdatedCaches: true,
        // The CSP header (require-trusted-types-for 'script') applies to sw.js too, and there
        // importScripts('workbox-*.js') with a plain string throws: the worker would install
        // with no precache. Inlining the runtime means sw.js imports nothing.
        inlineWorkboxRuntime: true,
        // 'prompt': the new worker waits until the user accepts, after their work is saved.
        skipWaiting: false,
        clientsClaim: true,
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
  preview: { port: 4173, strictPort: true, headers: securityHeaders },
  server: { headers: { ...securityHeaders, 'Content-Security-Policy': '' } },
});
