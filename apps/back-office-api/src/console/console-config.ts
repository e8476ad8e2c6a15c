import type { AppConfig } from '@kenpo/platform';

/** What the console needs to know before anyone signs in: how to sign in. Public, and holds no secret. */
export interface ConsoleConfig {
  /** `oidc`: the identity provider (authorization code + PKCE); `development`: pick a user and role; `none`: no sign-in. */
  signIn: 'oidc' | 'development' | 'none';
  oidc: { issuer: string; clientId: string; scope: string } | null;
}

export function consoleConfigOf(config: AppConfig): ConsoleConfig {
  const { CONSOLE_OIDC_ISSUER: issuer, CONSOLE_OIDC_CLIENT_ID: clientId, CONSOLE_OIDC_SCOPE: scope } = config.values;
  if (issuer && clientId) return { signIn: 'oidc', oidc: { issuer, clientId, scope } };
  return { signIn: config.devSignIn ? 'development' : 'none', oidc: null };
}
