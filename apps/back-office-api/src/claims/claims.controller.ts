import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@kenpo/kernel';
import { PagingCursors, Roles } from '@kenpo/platform';
import { type CommandContext, Ctx } from '../commands/command-context.js';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { ClaimCommands } from './claim-commands.service.js';
import { DecideBenefitClaimCommand, SubmitBenefitClaimCommand } from './claim.cqrs-commands.js';
import { ListClaimsQueryDto, RejectionDto, SubmitBenefitClaimDto, WithdrawalDto } from './claim.dto.js';
import { ClaimViews } from './views/claim-views.service.js';

const uuid = new ParseUUIDPipe({ version: undefined });
const CLERKS = ['clerk', 'admin'] as const;
const APPROVERS = ['approver', 'admin'] as const;
const READERS = ['clerk', 'approver', 'payment-operator', 'compliance-officer', 'admin'] as const;

@ApiTags('benefit-claims')
@ApiBearerAuth()
@UseInterceptors(IdempotencyInterceptor)
@Controller()
export class ClaimsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly claims: ClaimCommands,
    private readonly views: ClaimViews,
    private readonly cursors: PagingCursors,
  ) {}

  @Post('members/:memberId/benefit-claims')
  @Roles(...CLERKS)
  submit(@Param('memberId', uuid) memberId: string, @Body() dto: SubmitBenefitClaimDto, @Ctx() ctx: CommandContext) {
    return this.commandBus.execute(new SubmitBenefitClaimCommand(memberId, dto, ctx));
  }

  @Get('benefit-claims')
  @Roles(...READERS)
  async list(@Query() query: ListClaimsQueryDto) {
    const { status, memberId, kind, limit, cursor, minPosition } = query;
    const page = await this.views.list(
      { status, memberId, kind },
      { limit, cursor: this.cursors.open('benefit-claims', cursor) },
      minPosition,
    );
    return { ...page, nextCursor: this.cursors.seal('benefit-claims', page.nextCursor) };
  }

  @Get('benefit-claims/:claimId')
  @Roles(...READERS)
  async get(@Param('claimId', uuid) claimId: string) {
    const detail = await this.claims.detail(claimId);
    if (!detail) throw new NotFoundError('claim_not_found', 'no benefit claim with this id');
    return detail;
  }

  @Post('benefit-claims/:claimId/approval')
  @HttpCode(200)
  @Roles(...APPROVERS)
  approve(@Param('claimId', uuid) claimId: string, @Ctx() ctx: CommandContext) {
    return this.decide(claimId, ctx, this.claims.command('ApproveBenefitClaim', { claimId }, ctx));
  }

  @Post('benefit-claims/:claimId/rejection')
  @HttpCode(200)
  @Roles(...APPROVERS)
  reject(@Param('claimId', uuid) claimId: string, @Body() dto: RejectionDto, @Ctx() ctx: CommandContext) {
    return this.decide(
      claimId,
      ctx,
      this.claims.command('RejectBenefitClaim', { claimId, reason: dto.reason }, ctx, dto.reason),
    );
  }

  @Post('benefit-claims/:claimId/withdrawal')
  @HttpCode(200)
  @Roles(...CLERKS)
  withdraw(@Param('claimId', uuid) claimId: string, @Body() dto: WithdrawalDto, @Ctx() ctx: CommandContext) {
    return this.decide(
      claimId,
      ctx,
      this.claims.command('WithdrawBenefitClaim', { claimId, reason: dto.reason ?? null }, ctx, dto.reason),
    );
  }

  private decide(claimId: string, ctx: CommandContext, command: Parameters<ClaimCommands['execute']>[1]) {
    return this.commandBus.execute(new DecideBenefitClaimCommand(claimId, command, ctx));
  }
}
