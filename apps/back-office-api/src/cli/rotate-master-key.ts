// npm run rotate-master-key -- [--new-key-file <path>|-]: re-wraps every member's data key under a new master key
// read from a file or standard input. Events (and the ciphertexts in them) are not touched.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliConfig, parseCli, runCli, usageError } from './cli-kit.js';

const USAGE = `usage: npm run rotate-master-key -- [--new-key-file <path>|-]
  Re-wraps every member's data key under a new master key (64 hex characters, e.g. \`openssl rand -hex 32\`);
  events are not touched. Stop the apps first (API, projector, payment worker): it refuses while one runs on DATA_DIR.
  --new-key-file <path>   read the new key from this file; - (or no option, with the key piped) reads standard input
  The key is never taken from the command line: arguments are visible to every user in ps and stay in shell history.
  With MASTER_KEY set, set it to the new key before restarting the apps; without it, DATA_DIR/secrets/master.key is
  replaced. Exit codes: 0 rotated, 1 refused or failed (nothing changed), 2 usage error.`;

/** At most this much is read as a key: a 64-hex key and a newline, with room for a CRLF or a trailing space. */
const MAX_KEY_INPUT = 1_024;
const KEY = /^[0-9a-f]{64}$/i;

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.length > MAX_KEY_INPUT) break;
  }
  return text;
}

async function newKey(source: string | undefined): Promise<string> {
  if (source === undefined && process.stdin.isTTY)
    usageError('give the new key with --new-key-file <path>, or pipe it on standard input');
  const from = source === undefined || source === '-' ? 'standard input' : source;
  let text: string;
  try {
    text = from === 'standard input' ? await readStdin() : readFileSync(from, 'utf8');
  } catch (error) {
    return usageError(`cannot read the new key from ${from}: ${(error as Error).message}`);
  }
  const key = text.trim();
  if (!KEY.test(key)) usageError(`the new key (from ${from}) must be 64 hex characters (256 bits)`);
  return key;
}

await runCli(USAGE, async () => {
  const args = process.argv.slice(2);
  // Refused by name (not as an unknown option) so the operator learns why, and before anything is read or opened.
  if (args.some((arg) => arg === '--new-key' || arg.startsWith('--new-key=')))
    usageError(
      '--new-key is refused: a key on the command line is visible to every user in ps and stays in shell history; ' +
        'use --new-key-file <path> or pipe the key on standard input',
    );
  const { values } = parseCli(USAGE, { args, options: { 'new-key-file': { type: 'string' } } });
  const config = await cliConfig();
  const { masterKeyFile } = await import('@kenpo/platform');
  const { loadOrCreateMasterKey, masterKeyLockFile, rotateVaultMasterKey } = await import('@kenpo/security');
  // The same files as createVault in @kenpo/platform. Checked before anything is created: an uninitialised
  // DATA_DIR has no key to replace, and a rotation must not leave a new vault or key behind.
  const vaultFile = join(config.dataDir, 'vault.db');
  const keyFile = masterKeyFile(config);
  const configured = config.values.MASTER_KEY;
  if (!existsSync(vaultFile) || (!configured && !existsSync(keyFile))) {
    console.error(
      `nothing to rotate: ${config.dataDir} has no ${existsSync(vaultFile) ? 'master key (set MASTER_KEY)' : 'vault'}`,
    );
    return 1;
  }
  const newKeyHex = await newKey(values['new-key-file']);
  try {
    const { rewrapped } = await rotateVaultMasterKey({
      vaultFile,
      lockFile: masterKeyLockFile(config.dataDir),
      currentKeyHex: loadOrCreateMasterKey(configured, keyFile), // exists: checked above
      newKeyHex,
      ...(configured ? {} : { keyFile }),
    });
    console.log(
      `re-wrapped ${rewrapped} data keys; ${configured ? 'set MASTER_KEY to the new key before restarting the apps' : `new key written to ${keyFile}`}`,
    );
    return 0;
  } catch (error) {
    console.error(`master-key rotation refused, nothing changed: ${(error as Error).message}`);
    return 1;
  }
});
