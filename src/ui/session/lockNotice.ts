// The note kept across a reload that the app locked itself (idle or another tab), so the lock screen can say why.

export const LOCK_NOTICE_KEY = 'ypsi.lockNotice';

/**
 * Why the app locked, waiting to be shown on the lock screen after the reload: the pre-rendered
 * lock screen in index.html has no such notice, so main.tsx renders afresh instead of hydrating.
 */
export function lockNoticePending(): boolean {
  try {
    return sessionStorage.getItem(LOCK_NOTICE_KEY) !== null;
  } catch {
    return false;
  }
}
