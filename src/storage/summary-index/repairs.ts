// The repairs the unlock check of the summary index names, where a screen must tell one from another.

/** Said when there was no index yet (the first unlock after an update): a first build, not a sign of tampering. */
export const FIRST_BUILD_REPAIR = 'There was no summary index yet: every case was checked.';
