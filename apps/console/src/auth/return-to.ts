const KEY = 'kenpo.console.returnTo';

/** Where a signed-out visitor was going (a deep link, a reload): kept for the sign-in round trip only. */
export function rememberReturnTo(path: string): void {
  if (!path.startsWith('/console/sign-in') && !path.startsWith('/console/callback')) sessionStorage.setItem(KEY, path);
}

export function takeReturnTo(fallback: string): string {
  const path = sessionStorage.getItem(KEY);
  sessionStorage.removeItem(KEY);
  return path && path.startsWith('/console/') && path !== '/console/' ? path : fallback;
}
