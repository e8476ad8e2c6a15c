// npm run token -- --sub <user> --role <role> [--expires 8h]: mints a development token signed with the configured
// (or generated) HS256 secret of this DATA_DIR, for the configured JWT_ISSUER and JWT_AUDIENCE, expiring at most
// JWT_MAX_LIFETIME_SECONDS after it is issued.
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '@kenpo/kernel';
import { loadConfig, loadOrCreateJwtSecret, mintToken } from '@kenpo/platform';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90`, `90s`, `30m`, `8h` or `1d` in seconds; NaN otherwise. */
function seconds(duration: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(duration);
  return match ? Number(match[1]) * UNIT_SECONDS[match[2] || 's']! : Number.NaN;
}

const { values } = parseArgs({
  options: { sub: { type: 'string' }, role: { type: 'string' }, expires: { type: 'string' } },
});
const usage = `usage: npm run token -- --sub <user> --role <${ROLES.join('|')}> [--expires 8h]`;
if (!values.sub || !values.role || !ROLES.includes(values.role as Role)) {
  console.error(usage);
  process.exit(2);
}
const config = loadConfig();
if (config.values.JWKS_URL) {
  console.error('JWKS_URL is set: tokens come from the identity provider, not from this command');
  process.exit(2);
}
const max = config.values.JWT_MAX_LIFETIME_SECONDS;
const lifetimeSeconds = values.expires === undefined ? max : seconds(values.expires);
if (!(lifetimeSeconds >= 1 && lifetimeSeconds <= max)) {
  console.error(`--expires must be between 1s and ${max}s (JWT_MAX_LIFETIME_SECONDS)\n${usage}`);
  process.exit(2);
}
console.log(
  await mintToken(loadOrCreateJwtSecret(config), values.sub, values.role as Role, {
    lifetimeSeconds,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
  }),
);
