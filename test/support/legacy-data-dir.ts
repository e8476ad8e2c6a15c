import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventIdFor, newId } from '@kenpo/kernel';
import { eventsToAppend, SqliteEventStore } from '@kenpo/event-store';
import { type MemberCommand, memberDecider, type MemberEvent, type MemberState } from '@kenpo/membership';
import { command, enrollData } from '../../libs/membership/src/testing.js';

/** A member as the version before issue 14.1 recorded it. */
export interface LegacyMember {
  memberId: string;
  number: string;
  /** Lost eligibility on 2025-07-01 (retirement). */
  lost?: boolean;
  /** Erased by the old version: data key destroyed, deletion record written. */
  erased?: boolean;
}

function seal(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

const ACTOR = { id: 'clerk-legacy', role: 'clerk' } as const;

/**
 * Writes a DATA_DIR as the previous version left it: events whose Individual Numbers carry `{ ciphertext, keyedHash,
 * last4 }`, registry streams named `individual-number-<keyedHash>`, and a vault whose hash key sits under the master
 * key (the development key file in secrets/). Returns the keyed hash each number had.
 */
export async function writeLegacyDataDir(
  dir: string,
  masterKeyHex: string,
  members: readonly LegacyMember[],
): Promise<Map<string, string>> {
  const master = Buffer.from(masterKeyHex, 'hex');
  mkdirSync(join(dir, 'secrets'), { recursive: true });
  writeFileSync(join(dir, 'secrets', 'master.key'), `${masterKeyHex}\n`, { mode: 0o600 });
  const hashKey = randomBytes(32);
  const hashes = new Map(members.map((m) => [m.number, createHmac('sha256', hashKey).update(m.number).digest('hex')]));

  const vault = new Database(join(dir, 'vault.db'));
  vault.pragma('journal_mode = WAL');
  vault.exec(`CREATE TABLE data_keys (
      member_id TEXT PRIMARY KEY, wrapped_key BLOB, created_at TEXT NOT NULL, destroyed_at TEXT)`);
  const insertKey = vault.prepare('INSERT INTO data_keys VALUES (?, ?, ?, ?)');
  insertKey.run('__hash_key__', seal(master, hashKey), '2025-04-01T00:00:00.000Z', null);

  const store = SqliteEventStore.open(join(dir, 'events.db'));
  try {
    for (const [index, member] of members.entries()) {
      const dataKey = randomBytes(32);
      const legacyNumber = {
        ciphertext: seal(dataKey, Buffer.from(member.number)).toString('base64'),
        keyedHash: hashes.get(member.number)!,
        last4: member.number.slice(-4),
      };
      insertKey.run(
        member.memberId,
        member.erased ? null : seal(master, dataKey),
        '2025-04-01T00:00:00.000Z',
        member.erased ? '2026-01-10T00:00:00.000Z' : null,
      );
      const commands: MemberCommand[] = [
        command('EnrollMember', {
          ...enrollData({ memberId: member.memberId, symbol: '2001', number: String(index + 1) }),
          acquisitionDate: '2025-04-01',
          individualNumber: { ref: 'legacy', ciphertext: 'legacy' },
        }),
        ...(member.lost
          ? [command('RecordLossOfEligibility', { reason: 'retirement', lastWorkingDay: '2025-06-30' })]
          : []),
      ];
      let state: MemberState = memberDecider.initialState();
      let revision = -1;
      for (const cmd of commands) {
        cmd.metadata.commandId = cmd.metadata.correlationId = newId(); // the helper's ids differ only in their last bits
        const events = memberDecider.decide(cmd, state).map((e) => legacyForm(e, legacyNumber));
        for (const e of events) state = memberDecider.evolve(state, e);
        const appended = await store.append(
          `member-${member.memberId}`,
          eventsToAppend(cmd, events),
          revision < 0 ? 'no_stream' : revision,
        );
        revision = appended.nextExpectedRevision;
      }
      await store.append(
        `individual-number-${legacyNumber.keyedHash}`,
        [registryEvent('IndividualNumberClaimed', { memberId: member.memberId }, 1)],
        'any',
      );
      if (member.erased) {
        await store.append(
          `individual-number-erasure-${member.memberId}`,
          [
            registryEvent(
              'IndividualNumbersErased',
              {
                memberId: member.memberId,
                what: 'individual-numbers-of-member-and-dependants',
                persons: [{ personId: 'insured', kind: 'insured' }],
                method: 'data-key-destroyed',
                keyDestroyedAt: '2026-01-10T00:00:00.000Z',
                erasedBy: { id: 'admin-legacy', role: 'admin' },
                erasedAt: '2026-01-10T00:00:00.000Z',
                reason: 'retention period ended',
              },
              2,
            ),
          ],
          'no_stream',
        );
      }
    }
  } finally {
    await store.close();
    vault.close();
  }
  return hashes;
}

function legacyForm(event: MemberEvent, legacyNumber: object): MemberEvent {
  if (event.type !== 'MemberEnrolled') return event;
  return { ...event, data: { ...event.data, individualNumber: legacyNumber } } as MemberEvent;
}

function registryEvent(type: string, data: Record<string, unknown>, index: number) {
  const commandId = newId();
  return {
    type,
    data,
    metadata: {
      eventId: eventIdFor(commandId, 0x8000 + index),
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor: ACTOR,
      recordedAt: '2025-04-01T00:00:00.000Z',
      schemaVersion: 1,
    },
  };
}
