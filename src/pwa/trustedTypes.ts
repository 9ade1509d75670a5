// Owns the one Trusted Types policy the app needs: the service worker's script URL. The CSP
// (security-headers.json) requires Trusted Types for script sinks and allows only a policy named
// 'workbox-window' (docs/SECURITY.md item 12); navigator.serviceWorker.register() is such a sink. No
// 'default' policy is allowed: one would silently pass every string given to any sink.

interface ScriptURLPolicy {
  createScriptURL: (input: string) => unknown;
}
interface TrustedTypesFactory {
  createPolicy: (name: string, rules: { createScriptURL: (input: string) => string }) => ScriptURLPolicy;
}

export const SERVICE_WORKER_PATH = '/sw.js';

let policy: ScriptURLPolicy | undefined;

/** The service worker URL, as a TrustedScriptURL where the browser enforces Trusted Types. */
export function serviceWorkerScriptURL(): string {
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory) return SERVICE_WORKER_PATH;
  policy ??= factory.createPolicy('workbox-window', {
    createScriptURL: (input) => {
      const url = new URL(input, location.origin);
      // Only our own worker, from our own origin: anything else is refused, not rewritten.
      if (url.origin !== location.origin || url.pathname !== SERVICE_WORKER_PATH) {
        throw new TypeError(`Refusing service worker script ${url.href}`);
      }
      return url.href;
    },
  });
  // A TrustedScriptURL; workbox-window accepts it wherever it accepts a string.
  return policy.createScriptURL(SERVICE_WORKER_PATH) as string;
}
