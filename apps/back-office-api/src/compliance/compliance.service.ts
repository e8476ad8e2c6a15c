import { Injectable } from '@nestjs/common';
import { Clock, NotFoundError, ValidationError } from '@kenpo/kernel';
import { EventStore } from '@kenpo/event-store';
import { PagingCursors } from '@kenpo/platform';
import { type ChunkWriter, exportEvents, type ExportSummary } from './event-export.js';
import { type IntegrityReport, verifyIntegrity } from './integrity.js';
import { memberKnownAt } from './member-as-of.js';
import { MemberSnapshots } from './member-snapshots.js';
import { type HistoryEntry, memberHistory } from './member-history.js';
import { listPage, type ListPage } from '../http/http-shape.js';
import { eligibilityView, memberStateView, numberRefsOfMember } from './member-state-view.js';
import { IndividualNumberVault } from '@kenpo/security';

/** Read-only questions of the event store (issue 7); the same functions back the compliance CLI. */
@Injectable()
export class ComplianceService {
  /** Snapshots of long member streams for the as-of questions (derived, in memory, issue 16.3). */
  private readonly snapshots = new MemberSnapshots();

  constructor(
    private readonly events: EventStore,
    private readonly clock: Clock,
    private readonly cursors: PagingCursors,
    private readonly vault: IndividualNumberVault,
  ) {}

  integrity(): Promise<IntegrityReport> {
    return verifyIntegrity(this.events, this.clock.now());
  }

  /** A cursor names the streams already known to be the member's, so it is sealed to this member's history. */
  async history(memberId: string, cursor?: string, limit?: number): Promise<ListPage<HistoryEntry>> {
    const scope = `compliance-history:${memberId}`;
    const page = await memberHistory(this.events, this.vault, memberId, {
      cursor: this.cursors.open(scope, cursor),
      limit,
    });
    if (page.items.length === 0 && !cursor) throw new NotFoundError('member_not_found', 'no events for this member');
    return listPage(page.items, this.cursors.seal(scope, page.nextCursor));
  }

  async state(memberId: string, asOf?: string, effectiveOn?: string) {
    const instant = this.instant(asOf);
    const known = await memberKnownAt(this.events, memberId, instant, this.snapshots);
    if (!known) throw new NotFoundError('member_not_found', 'no member with this id');
    const masks = await this.vault.maskedNumbers(numberRefsOfMember(known));
    return memberStateView(known, instant, effectiveOn ?? this.clock.today(), masks);
  }

  async eligibility(memberId: string, personId: string, date: string, asOf?: string) {
    const instant = this.instant(asOf);
    const known = await memberKnownAt(this.events, memberId, instant, this.snapshots);
    if (!known) throw new NotFoundError('member_not_found', 'no member with this id');
    return eligibilityView(known, personId, date, instant);
  }

  checkExportPeriod(from: string, to: string): { from: Date; to: Date } {
    const period = { from: new Date(from), to: new Date(to) };
    if (!(period.from < period.to)) throw ValidationError.of('to', 'after_from', 'to must be after from');
    return period;
  }

  export(period: { from: Date; to: Date }, write: ChunkWriter): Promise<ExportSummary> {
    return exportEvents(this.events, period, write);
  }

  private instant(asOf: string | undefined): Date {
    return asOf === undefined ? this.clock.now() : new Date(asOf);
  }
}
