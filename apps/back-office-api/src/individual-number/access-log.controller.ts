import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Clock, ValidationError } from '@kenpo/kernel';
import { Roles } from '@kenpo/platform';
import { AccessAudit } from './access-audit.service.js';
import { AccessLogQueryDto } from './individual-number.dto.js';
import { listPage } from '../http/http-shape.js';
import type { AccessLogPageDto } from './individual-number-responses.dto.js';

/** Individual Numbers are used in forms from 2017-01 (domain.md 9 [P105]): no access can be older. */
const AUDIT_EPOCH = new Date('2017-01-01T00:00:00+09:00');
const DEFAULT_LIMIT = 50;

/** A date is a Japan business day: `from` at its start, `to` through its end. */
function instantOf(value: string, end: boolean): Date {
  if (value.length > 10) return new Date(end ? Date.parse(value) + 1 : value);
  const start = new Date(`${value}T00:00:00+09:00`);
  return end ? new Date(start.getTime() + 24 * 3600 * 1000) : start;
}

@ApiTags('compliance')
@ApiBearerAuth()
@Controller('compliance')
export class AccessLogController {
  constructor(
    private readonly audit: AccessAudit,
    private readonly clock: Clock,
  ) {}

  /** Reveals and refused attempts, newest first; page with `cursor` = the previous page's nextCursor. */
  @Get('access-log')
  @Roles('compliance-officer', 'admin')
  list(@Query() query: AccessLogQueryDto): Promise<AccessLogPageDto> {
    const from = query.from ? instantOf(query.from, false) : AUDIT_EPOCH;
    const until = query.to ? instantOf(query.to, true) : null;
    if (Number.isNaN(from.getTime())) throw ValidationError.of('from', 'date', 'must be a valid date');
    if (until && Number.isNaN(until.getTime())) throw ValidationError.of('to', 'date', 'must be a valid date');
    if (until && from >= until) throw ValidationError.of('from', 'before_to', 'must be before to');
    // Nothing is older than the epoch nor newer than now: clamping keeps the monthly streams read to the real range.
    const now = new Date(this.clock.now().getTime() + 1);
    return this.page(
      query,
      new Date(Math.max(from.getTime(), AUDIT_EPOCH.getTime())),
      until && until < now ? until : now,
    );
  }

  private async page(query: AccessLogQueryDto, from: Date, until: Date) {
    if (from >= until) return listPage([], null);
    const page = await this.audit.list({
      memberId: query.memberId,
      actorId: query.actor,
      outcome: query.outcome,
      from,
      until,
      limit: query.limit ?? DEFAULT_LIMIT,
      cursor: query.cursor === undefined ? undefined : Number(query.cursor),
    });
    return listPage(page.items, page.nextCursor === null ? null : String(page.nextCursor));
  }
}
