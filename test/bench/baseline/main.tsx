// The bare Vite + React page the app's cold offline load is compared with: React renders a heading
// and a passphrase field, and workbox-window registers the service worker the way the app does
// (through a Trusted Types policy named 'workbox-window', which the app's CSP requires).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Workbox } from 'workbox-window';

function Baseline() {
  return (
    <main>
      <h1>Baseline is locked</h1>
      <form onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="passphrase">Passphrase</label>
        <input id="passphrase" type="password" autoComplete="current-password" />
        <button type="submit">Unlock</button>
      </form>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Baseline />
  </StrictMode>,
);

type Factory = {
  createPolicy: (
    name: string,
    rules: { createScriptURL: (s: string) => string },
  ) => { createScriptURL: (s: string) => unknown };
};
const tt = (globalThis as { trustedTypes?: Factory }).trustedTypes;
const url = tt
  ? (tt
      .createPolicy('workbox-window', { createScriptURL: (s) => new URL(s, location.origin).href })
      .createScriptURL('/sw.js') as string)
  : '/sw.js';
if ('serviceWorker' in navigator) void new Workbox(url, { scope: '/' }).register();
