import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { EventStore } from '@kenpo/event-store';
import type { RecordedIndividualNumber } from '@kenpo/membership';
import { IndividualNumberVault, type LegacyIndexing } from '@kenpo/security';

const NUMBER_EVENTS = new Set(['MemberEnrolled', 'DependantRecognized']);
const MEMBER_STREAM = /^member-(.+)$/;

/**
 * Upgrade of a data directory written before the keyed-hash index moved into the vault (issue 14.1). Those events
 * carry a keyed hash and the last four digits, and registry streams are named after the hash; events are never
 * rewritten, so instead:
 * 1. every number of a member whose key still lives is indexed in the vault under a new index key, its legacy
 *    ciphertext serving as its ref (erased members are skipped: nothing of them is indexed);
 * 2. the legacy hash key is destroyed. The keyed hashes left in old events and stream names are then HMACs under a
 *    destroyed 256-bit key: they confirm nothing. The last four digits left in old events narrow a number to about
 *    10^7 candidates, and no oracle is left to test a candidate against.
 * Runs before the API serves; repeatable after a crash (the hash key goes last).
 */
@Injectable()
export class LegacyNumberIndexMigration implements OnModuleInit {
  private readonly logger = new Logger('LegacyNumberIndex');

  constructor(
    private readonly events: EventStore,
    private readonly vault: IndividualNumberVault,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!(await this.vault.hasLegacyHashKey())) return;
    const counts: Record<LegacyIndexing, number> = { indexed: 0, 'already-indexed': 0, erased: 0 };
    for await (const page of this.events.readAllPages()) {
      for (const event of page) {
        const memberId = MEMBER_STREAM.exec(event.streamId)?.[1];
        const number = (event.data as { individualNumber?: RecordedIndividualNumber }).individualNumber;
        if (!memberId || !NUMBER_EVENTS.has(event.type) || !number || 'ref' in number) continue;
        counts[await this.vault.indexLegacyNumber(memberId, number.ciphertext)] += 1;
      }
    }
    await this.vault.destroyLegacyHashKey();
    this.logger.log(
      `Individual Number index moved into the vault (${counts.indexed} indexed, ${counts.erased} of erased members ` +
        `skipped); the legacy hash key is destroyed. Rebuild member_summary (npm run rebuild -- member_summary) to show masked numbers.`,
    );
  }
}
