// The installed app's badge (Badging API), where the platform has one: a number only, never a
// name or reference. Feature-detected: where it is missing or refused, nothing happens.

type BadgeNavigator = { setAppBadge?: (n?: number) => Promise<void>; clearAppBadge?: () => Promise<void> };

/** Shows `count` on the app's icon, or clears it for 0. Never throws. */
export function showBadge(
  count: number,
  nav: BadgeNavigator | undefined = globalThis.navigator as BadgeNavigator | undefined,
): void {
  try {
    const p = count > 0 ? nav?.setAppBadge?.(count) : nav?.clearAppBadge?.();
    void p?.catch(() => undefined);
  } catch {
    // Not installed, not permitted, or not supported: the home screen count still shows.
  }
}

/** Clears the badge (on lock, and whenever the app is locked). Never throws. */
export function clearBadge(nav?: BadgeNavigator): void {
  showBadge(0, nav ?? (globalThis.navigator as BadgeNavigator | undefined));
}
