// npm run rotate-master-key -- --new-key <64 hex>: re-wraps every member's data key under a new master key.
// Events (and the ciphertexts in them) are not touched. Stop the apps first: they hold the old key in memory.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@kenpo/platform';
import { loadOrCreateMasterKey, rotateVaultMasterKey } from '@kenpo/security';

const { values } = parseArgs({ options: { 'new-key': { type: 'string' } } });
const newKey = values['new-key'];
if (!newKey || !/^[0-9a-f]{64}$/i.test(newKey)) {
  console.error('usage: npm run rotate-master-key -- --new-key <64 hex characters, e.g. from `openssl rand -hex 32`>');
  process.exit(2);
}
const config = loadConfig();
// The same files as createVault in @kenpo/platform.
const keyFile = join(config.dataDir, 'secrets', 'master.key');
const configured = config.values.MASTER_KEY;
try {
  const { rewrapped } = await rotateVaultMasterKey({
    vaultFile: join(config.dataDir, 'vault.db'),
    currentKeyHex: loadOrCreateMasterKey(configured, keyFile),
    newKeyHex: newKey,
    ...(configured ? {} : { keyFile }),
  });
  console.log(
    `re-wrapped ${rewrapped} data keys; ${configured ? 'set MASTER_KEY to the new key before restarting' : `new key written to ${keyFile}`}`,
  );
} catch (error) {
  console.error(`master-key rotation failed, nothing changed: ${(error as Error).message}`);
  process.exit(1);
}
