// npm run token -- --sub <user> --role <role> [--expires 8h]: mints a development token signed with the
// configured (or generated) HS256 secret of this DATA_DIR.
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '@kenpo/kernel';
import { loadConfig, loadOrCreateJwtSecret, mintToken } from '@kenpo/platform';

const { values } = parseArgs({
  options: { sub: { type: 'string' }, role: { type: 'string' }, expires: { type: 'string', default: '8h' } },
});
if (!values.sub || !values.role || !ROLES.includes(values.role as Role)) {
  console.error(`usage: npm run token -- --sub <user> --role <${ROLES.join('|')}> [--expires 8h]`);
  process.exit(2);
}
const config = loadConfig();
if (config.values.JWKS_URL) {
  console.error('JWKS_URL is set: tokens come from the identity provider, not from this command');
  process.exit(2);
}
console.log(await mintToken(loadOrCreateJwtSecret(config), values.sub, values.role as Role, values.expires));
