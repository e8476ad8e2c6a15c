import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { NotFoundError } from '@kenpo/kernel';
import { EventStore } from '@kenpo/event-store';
import { DocumentStore } from '@kenpo/read-models';
import { PagingCursors, Roles } from '@kenpo/platform';
import { UuidParam } from '@kenpo/platform/validation';
import { type CommandContext, Ctx } from '../commands/command-context.js';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { ClaimCommands } from './claim-commands.service.js';
import { DecideBenefitClaimCommand, SubmitBenefitClaimCommand } from './claim.cqrs-commands.js';
import { ApprovalDto, ListClaimsQueryDto, RejectionDto, SubmitBenefitClaimDto, WithdrawalDto } from './claim.dto.js';
import { ClaimViews } from './views/claim-views.service.js';
import { claimsProjection } from './views/claims.projection.js';
import { Creates, listPage, RevisionETag } from '../http/http-shape.js';
import { awaitPosition, consistencyHeaders, MinPosition } from '../queries/read-consistency.js';
import { BENEFIT_SUBTYPES } from './benefit-facts.dto.js';
import type { ClaimAnswerDto, ClaimDetailDto, ClaimPageDto } from './claim-responses.dto.js';

const uuid = new UuidParam();
// Admins operate the system; they are not on the money path (issue 13.7: submit, approve, pay).
const CLERKS = ['clerk'] as const;
const APPROVERS = ['approver'] as const;
const READERS = ['clerk', 'approver', 'payment-operator', 'compliance-officer', 'admin'] as const;

@ApiTags('benefit-claims')
@ApiBearerAuth()
@UseInterceptors(IdempotencyInterceptor)
@RevisionETag()
@ApiExtraModels(...new Set(BENEFIT_SUBTYPES.map(({ value }) => value)))
@Controller()
export class ClaimsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly claims: ClaimCommands,
    private readonly views: ClaimViews,
    private readonly cursors: PagingCursors,
    private readonly documents: DocumentStore,
    private readonly events: EventStore,
  ) {}

  /** Submit a benefit claim for the insured or a dependant: the amount is calculated at once; refusals are recorded and answered. */
  @Post('members/:memberId/benefit-claims')
  @Creates((answer: { claimId: string }) => `/benefit-claims/${answer.claimId}`)
  @Roles(...CLERKS)
  submit(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: SubmitBenefitClaimDto,
    @Ctx() ctx: CommandContext,
  ): Promise<ClaimAnswerDto> {
    return this.commandBus.execute(new SubmitBenefitClaimCommand(memberId, dto, ctx));
  }

  /** Benefit claims by status, member or kind (benefit_claims read model). */
  @Get('benefit-claims')
  @Roles(...READERS)
  async list(
    @Query() query: ListClaimsQueryDto,
    @MinPosition() minPosition: number | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ClaimPageDto> {
    const { status, memberId, kind, limit, cursor } = query;
    res.set(consistencyHeaders(await awaitPosition(this.documents, this.events, claimsProjection, minPosition)));
    const page = await this.views.list(
      { status, memberId, kind },
      { limit, cursor: this.cursors.open('benefit-claims', cursor) },
    );
    return listPage(page.items, this.cursors.seal('benefit-claims', page.nextCursor));
  }

  /** A benefit claim with its facts, amount and the calculation's breakdown. */
  @Get('benefit-claims/:claimId')
  @Roles(...READERS)
  async get(@Param('claimId', uuid) claimId: string): Promise<ClaimDetailDto> {
    const detail = await this.claims.detail(claimId);
    if (!detail) throw new NotFoundError('claim_not_found', 'no benefit claim with this id');
    return detail;
  }

  /** Approve a claim (four-eyes: the approver is not the submitter); the payout is scheduled. */
  @Post('benefit-claims/:claimId/approval')
  @HttpCode(200)
  @Roles(...APPROVERS)
  // Every field is optional: an approval without a body is the common case.
  @ApiBody({ type: ApprovalDto, required: false })
  approve(
    @Param('claimId', uuid) claimId: string,
    @Body() dto: ApprovalDto,
    @Ctx() ctx: CommandContext,
  ): Promise<ClaimAnswerDto> {
    const override = dto.duplicateOverride ? { reason: dto.duplicateOverride.reason } : null;
    return this.decide(
      claimId,
      ctx,
      this.claims.command('ApproveBenefitClaim', { claimId, duplicateOverride: override }, ctx, override?.reason),
    );
  }

  /** Reject a claim under review, with the reason. */
  @Post('benefit-claims/:claimId/rejection')
  @HttpCode(200)
  @Roles(...APPROVERS)
  reject(
    @Param('claimId', uuid) claimId: string,
    @Body() dto: RejectionDto,
    @Ctx() ctx: CommandContext,
  ): Promise<ClaimAnswerDto> {
    return this.decide(
      claimId,
      ctx,
      this.claims.command('RejectBenefitClaim', { claimId, reason: dto.reason }, ctx, dto.reason),
    );
  }

  /** Withdraw a claim not yet decided. */
  @Post('benefit-claims/:claimId/withdrawal')
  @HttpCode(200)
  @Roles(...CLERKS)
  withdraw(
    @Param('claimId', uuid) claimId: string,
    @Body() dto: WithdrawalDto,
    @Ctx() ctx: CommandContext,
  ): Promise<ClaimAnswerDto> {
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
