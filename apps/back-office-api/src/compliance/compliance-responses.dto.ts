import { ApiProperty } from '@nestjs/swagger';
import type { ChainBreakReason } from '@kenpo/event-store';
import type { MemberStatus, Relationship } from '@kenpo/membership';
import {
  CoveragePeriodDto,
  IdentifiersDto,
  LossDto,
  PublicFundsAccountViewDto,
  StandardRemunerationDto,
  VoluntaryContinuationViewDto,
} from '../members/member-responses.dto.js';
import type { IntegrityBreak, IntegrityReport } from './integrity.js';
import type { HistoryEntry } from './member-history.js';
import type { RebuildCheckStatus } from './rebuild-checks.service.js';
import type { StatusOn } from './member-state-view.js';

/** The first break of a stream's hash chain. */
export class IntegrityBreakDto implements IntegrityBreak {
  /** Keyed-hash stream names are masked */
  streamId!: string;
  revision!: number;
  /** Locates the event exactly */
  position!: number;
  eventId!: string | null;
  type!: string;
  reason!: ChainBreakReason;
}

export class IntegrityReportDto implements IntegrityReport {
  /** True when no stream's chain is broken */
  ok!: boolean;
  checkedEvents!: number;
  streams!: number;
  /** Position of the last event checked (-1 for an empty store) */
  lastPosition!: number;
  /** The first break of each broken stream, in log order */
  breaks!: IntegrityBreakDto[];
  checkedAt!: string;
}

/** One event of a member's history: who, when, why, with personal data masked. */
export class HistoryEntryDto implements HistoryEntry {
  position!: number;
  streamId!: string;
  revision!: number;
  type!: string;
  eventId!: string;
  actor!: string | null;
  role!: string | null;
  /** ISO-8601 */
  recordedAt!: string;
  effectiveDate!: string | null;
  reason!: string | null;
  correlationId!: string | null;
  causationId!: string | null;
  schemaVersion!: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The event's data, Individual Numbers and account numbers masked",
  })
  data!: unknown;
}

export class HistoryPageDto {
  items!: HistoryEntryDto[];
  /** Pass back as `cursor` for the next page; null on the last page */
  nextCursor!: string | null;
}

/** A person of the member (insured or dependant) as known at asOf, on effectiveOn. */
export class PersonStateDto {
  personId!: string;
  role!: 'insured' | 'dependant';
  relationship!: Relationship | null;
  branch!: string;
  name!: string;
  nameKana!: string;
  dateOfBirth!: string;
  coverage!: CoveragePeriodDto[];
  /** Masked: `********1234` */
  individualNumber!: string;
  coveredOn!: boolean;
  document!: 'linked-card' | 'eligibility-confirmation-document' | null;
}

/** The member as known at `asOf` (recording time), read on `effectiveOn` (business date). */
export class MemberStateDto {
  memberId!: string;
  asOf!: string;
  effectiveOn!: string;
  /** False when nothing about the member was recorded by asOf */
  known!: boolean;
  revision!: number | null;
  lastRecordedAt!: string | null;
  /** Status on effectiveOn */
  status!: StatusOn;
  /** The latest status known at asOf, whatever the date */
  recordedStatus!: MemberStatus;
  identifiers!: IdentifiersDto | null;
  acquisitionDate!: string | null;
  loss!: LossDto | null;
  voluntaryContinuation!: VoluntaryContinuationViewDto | null;
  standardRemuneration!: StandardRemunerationDto | null;
  persons!: PersonStateDto[];
  /** Dependants covered on effectiveOn */
  activeDependants!: string[];
  account!: PublicFundsAccountViewDto | null;
}

/** Was this person covered on `date`, as known at `asOf`? */
export class ComplianceEligibilityDto {
  memberId!: string;
  personId!: string;
  date!: string;
  asOf!: string;
  known!: boolean;
  revision!: number | null;
  covered!: boolean;
  document!: 'linked-card' | 'eligibility-confirmation-document' | null;
  personKnown!: boolean;
}

export class RebuildDifferenceDto {
  /** The view's id; never its content */
  id!: string;
  kind!: 'missing_in_live' | 'extra_in_live' | 'different';
}

/** A rebuild check: the log replayed into a shadow version and compared with the live one. */
export class RebuildCheckDto {
  id!: string;
  projection!: string;
  status!: RebuildCheckStatus;
  requestedBy!: string;
  requestedAt!: string;
  finishedAt!: string | null;
  differences!: RebuildDifferenceDto[];
  liveVersion?: number;
  shadowVersion?: number;
  /** The live version's checkpoint: the shadow replays the log up to this position */
  through?: number;
  replayedEvents?: number;
  compared?: number;
  /** Live views changed after `through` while the check ran (not counted as differences) */
  skippedNewer?: number;
  /** True when more differences existed than are listed */
  truncated?: boolean;
  /** The failure when status is `error` */
  error?: string;
}
