// What destroying a case does NOT erase (docs/SECURITY.md, "What is not protected"; issue 12
// finding 6): said in one place, shown on the Destroy screen, on Retention and with the app's
// records design, so every screen says the same honest thing.

/** The browser's own files keep deleted records for a while; only their encrypted form, and only until it tidies them. */
export const BROWSER_LEFTOVERS =
  'Destroying removes the case from the app at once, but not at once from the tablet’s storage: the browser keeps deleted records in its own files, still encrypted, until it tidies those files (usually within days of normal use). Until then, someone who copies those files and knows a key holder’s passphrase might still recover the case. Keep the tablet locked and in safe hands.';
