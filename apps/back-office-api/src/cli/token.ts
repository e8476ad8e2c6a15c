// npm run token -- --sub <user> --role <role> [--expires 8h]: mints a development token signed with the configured
// (or generated) HS256 secret of this DATA_DIR, for the configured JWT_ISSUER and JWT_AUDIENCE, expiring at most
// JWT_MAX_LIFETIME_SECONDS after it is issued.
import { ROLES, type Role } from '@kenpo/kernel';
import { cliConfig, parseCli, runCli, usageError } from './cli-kit.js';

const USAGE = `usage: npm run token -- --sub <user> --role <${ROLES.join('|')}> [--expires <duration>]
  prints a development bearer token (HS256 with JWT_SECRET, or the key generated under DATA_DIR/secrets)
  --sub <user>            the user the token names
  --role <role>           the user's role
  --expires <duration>    90, 90s, 30m, 8h or 1d; at most JWT_MAX_LIFETIME_SECONDS (the default)
Exit codes: 0 printed, 2 usage error (also when JWKS_URL is set: tokens then come from the identity provider).`;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90`, `90s`, `30m`, `8h` or `1d` in seconds; NaN otherwise. */
function seconds(duration: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(duration);
  return match ? Number(match[1]) * UNIT_SECONDS[match[2] || 's']! : Number.NaN;
}

await runCli(USAGE, async () => {
  const { values } = parseCli(USAGE, {
    options: { sub: { type: 'string' }, role: { type: 'string' }, expires: { type: 'string' } },
  });
  if (!values.sub) usageError('--sub is required');
  if (!values.role) usageError('--role is required');
  if (!ROLES.includes(values.role as Role)) usageError(`--role must be one of ${ROLES.join(', ')}`);
  const config = await cliConfig();
  if (config.values.JWKS_URL)
    usageError('JWKS_URL is set: tokens come from the identity provider, not from this command');
  const max = config.values.JWT_MAX_LIFETIME_SECONDS;
  const lifetimeSeconds = values.expires === undefined ? max : seconds(values.expires);
  if (!(lifetimeSeconds >= 1 && lifetimeSeconds <= max))
    usageError(`--expires must be between 1s and ${max}s (JWT_MAX_LIFETIME_SECONDS)`);
  const { loadOrCreateJwtSecret, mintToken } = await import('@kenpo/platform');
  console.log(
    await mintToken(loadOrCreateJwtSecret(config), values.sub, values.role as Role, {
      lifetimeSeconds,
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
    }),
  );
});
