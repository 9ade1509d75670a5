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
 * Writes the first screens into index.html at build time (issue 14 item 6): the lock screen into
 * <div id="root"> and set-up into <template id="prerendered-set-up">, each the app's own first
 * render of "/" (src/ui/prerender.tsx), rendered with react-dom in a throw-away Vite SSR server. The
 * page frame and its first screen paint from the HTML and the stylesheet before the app's script
 * runs (main.tsx only picks set-up where this browser never set up a device), and boot.tsx
 * hydrates the same markup (data-prerendered names the address it is the first render of). Build
 * only: the dev server renders in the browser.
 */
function prerenderFirstScreens(): Plugin {
  return {
    name: 'ypsi-prerender-first-screens',
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
          const { renderFirstScreen, PRERENDERED_PATH } = (await server.ssrLoadModule(
            '/src/ui/prerender.tsx',
          )) as typeof import('./src/ui/prerender');
          const { SET_UP_TEMPLATE_ID } = (await server.ssrLoadModule(
            '/src/ui/app/firstScreen.ts',
          )) as typeof import('./src/ui/app/firstScreen');
          const lock = await renderFirstScreen('lock');
          const setUp = await renderFirstScreen('set-up');
          if (!lock.includes('YPSI Response is locked'))
            throw new Error('The pre-rendered lock screen has no heading.');
          if (!setUp.includes('Set up YPSI Response'))
            throw new Error('The pre-rendered set-up screen has no heading.');
          const empty = '<div id="root"></div>';
          if (!html.includes(empty)) throw new Error(`index.html has no ${empty} to pre-render into.`);
          return html.replace(
            empty,
            `<div id="root" data-prerendered="${PRERENDERED_PATH}">${lock}</div>\n    <template id="${SET_UP_TEMPLATE_ID}">${setUp}</template>`,
          );
        } finally {
          await server.close();
        }
      },
    },
  };
}

/**
 * Marks the entry script render-blocking (blocking="render"): main.tsx chooses the first screen
 * (set-up or the lock screen) before the first paint, so a fresh device never flashes a lock screen.
 * The entry is a few kB and fetched beside the stylesheet, which blocks rendering anyway. (Browsers
 * without the attribute may paint the lock screen for a moment first; nothing else differs.)
 */
function renderBlockingEntry(): Plugin {
  return {
    name: 'ypsi-render-blocking-entry',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => {
        const entry = /<script type="module" crossorigin src="(\/assets\/index-[^"]+\.js)"><\/script>/;
        if (!entry.test(html)) throw new Error('index.html has no entry script to mark render-blocking.');
        return html.replace(entry, '<script type="module" crossorigin blocking="render" src="$1"></script>');
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
    prerenderFirstScreens(),
    renderBlockingEntry(),
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
