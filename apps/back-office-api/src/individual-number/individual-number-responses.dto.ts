import { ActorDto } from '../http/common-responses.dto.js';
import type { ErasureRecord } from './erasure.service.js';
import type { AccessLogEntry } from './access-audit.service.js';

/** The clear Individual Number of one person, for one statutory purpose (audited; never cached). */
export class RevealedIndividualNumberDto {
  memberId!: string;
  personId!: string;
  purpose!: string;
  /** The 12 digits */
  individualNumber!: string;
  revealedAt!: string;
}

export class ErasedPersonDto {
  personId!: string;
  kind!: 'insured' | 'dependant';
}

/** The deletion record of a crypto-shredding: what, whose, how, who, when, why. */
export class ErasureRecordDto implements ErasureRecord {
  memberId!: string;
  what!: 'individual-numbers-of-member-and-dependants';
  persons!: ErasedPersonDto[];
  method!: 'data-key-destroyed';
  keyDestroyedAt!: string;
  erasedBy!: ActorDto;
  erasedAt!: string;
  reason!: string;
  /** Position of the record in the event log */
  position!: number;
}

export class AccessActorDto {
  id!: string;
  role!: string;
}

/** A reveal of an Individual Number, or a refused attempt. */
export class AccessLogEntryDto implements AccessLogEntry {
  position!: number;
  type!: AccessLogEntry['type'];
  outcome!: 'revealed' | 'refused';
  at!: string;
  actor!: AccessActorDto;
  memberId!: string | null;
  personId!: string | null;
  purpose!: string | null;
  /** Why the attempt was refused */
  reason!: string | null;
}

export class AccessLogPageDto {
  items!: AccessLogEntryDto[];
  /** Pass back as `cursor` for the next page; null on the last page */
  nextCursor!: string | null;
}
