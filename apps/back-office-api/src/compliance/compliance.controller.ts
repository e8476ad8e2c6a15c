import { Body, Controller, Get, Logger, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@kenpo/kernel';
import { CurrentActor, Roles } from '@kenpo/platform';
import { UuidParam } from '@kenpo/platform/validation';
import { EligibilityQueryDto, ExportQueryDto, HistoryQueryDto, StateQueryDto } from './compliance.dto.js';
import { ComplianceService } from './compliance.service.js';
import { ExportDestinationClosedError, streamWriter } from './event-export.js';
import { RebuildChecks } from './rebuild-checks.service.js';
import { ReadModelDto } from '../read-models/read-models.js';
import { Accepts } from '../http/http-shape.js';
import type {
  ComplianceEligibilityDto,
  HistoryPageDto,
  IntegrityReportDto,
  MemberStateDto,
  RebuildCheckDto,
} from './compliance-responses.dto.js';

const uuid = new UuidParam();
/**
 * Compliance officers only. Admins run the system and are left out on purpose: whoever audits the history should not
 * be whoever operates it (separation of duties), and the answers carry members' names and dates of birth.
 */
export const AUDITORS = ['compliance-officer'] as const;

/** Read-only: nothing here appends an event (a rebuild check writes only a shadow version and its result document). */
@ApiTags('compliance')
@ApiBearerAuth()
@Controller('compliance')
export class ComplianceController {
  private readonly logger = new Logger(ComplianceController.name);

  constructor(
    private readonly compliance: ComplianceService,
    private readonly rebuildChecks: RebuildChecks,
  ) {}

  /** Check every stream's hash chain: the first break of each broken stream. */
  @Get('integrity')
  @Roles(...AUDITORS)
  integrity(): Promise<IntegrityReportDto> {
    return this.compliance.integrity();
  }

  /** A member's history in log order (member, claim and payout streams), personal data masked. */
  @Get('members/:memberId/events')
  @Roles(...AUDITORS)
  history(@Param('memberId', uuid) memberId: string, @Query() query: HistoryQueryDto): Promise<HistoryPageDto> {
    return this.compliance.history(memberId, query.cursor, query.limit);
  }

  /** The member as known at asOf (recording time), in effect on effectiveOn (business date). */
  @Get('members/:memberId/state')
  @Roles(...AUDITORS)
  state(@Param('memberId', uuid) memberId: string, @Query() query: StateQueryDto): Promise<MemberStateDto> {
    return this.compliance.state(memberId, query.asOf, query.effectiveOn);
  }

  /** Was this person covered on date, as known at asOf? */
  @Get('eligibility')
  @Roles(...AUDITORS)
  eligibility(@Query() query: EligibilityQueryDto): Promise<ComplianceEligibilityDto> {
    return this.compliance.eligibility(query.memberId, query.personId, query.date, query.asOf);
  }

  /** Start a rebuild check of a read model: replay into a shadow version and compare with the live one. */
  @Post('rebuild-checks')
  @Accepts((check: { id: string }) => `/compliance/rebuild-checks/${check.id}`)
  @Roles(...AUDITORS)
  startRebuildCheck(@Body() dto: ReadModelDto, @CurrentActor() actor: Actor): Promise<RebuildCheckDto> {
    return this.rebuildChecks.start(dto.projection, actor);
  }

  /** A rebuild check: running, passed, failed (with the differing ids) or error. */
  @Get('rebuild-checks/:id')
  @Roles(...AUDITORS)
  rebuildCheck(@Param('id', uuid) id: string): Promise<RebuildCheckDto> {
    return this.rebuildChecks.get(id);
  }

  /** NDJSON, streamed page by page with back-pressure; a failure after the first line cuts the response short. */
  @Get('exports')
  @Roles(...AUDITORS)
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({
    description: 'One event per line, exactly as stored (with previousHash and hash), in log order',
    content: {
      'application/x-ndjson': { schema: { type: 'string', example: '{"streamId":"member-…","revision":0,…}\n' } },
    },
  })
  async export(@Query() query: ExportQueryDto, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    const period = this.compliance.checkExportPeriod(query.from, query.to);
    res.status(200).type('application/x-ndjson; charset=utf-8');
    const file = `events-${period.from.toISOString()}-${period.to.toISOString()}.ndjson`.replace(/[^0-9A-Za-z.-]/g, '');
    res.setHeader('content-disposition', `attachment; filename="${file}"`);
    try {
      const summary = await this.compliance.export(period, streamWriter(res));
      res.end();
      this.logger.log(`export by ${actor.id}: ${summary.exported} events of ${summary.scanned} scanned`);
    } catch (error) {
      if (!(error instanceof ExportDestinationClosedError))
        this.logger.error(`export by ${actor.id} failed: ${(error as Error).message}`);
      res.destroy();
    }
  }
}
