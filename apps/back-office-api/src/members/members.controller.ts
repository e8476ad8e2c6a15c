import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@kenpo/kernel';
import { Roles } from '@kenpo/platform';
import { UuidParam } from '@kenpo/platform/validation';
import { type CommandContext, Ctx } from '../commands/command-context.js';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { MemberCommands } from './member-commands.service.js';
import {
  CardLinkageCancellationDto,
  CertificateExpiryDto,
  EndVoluntaryContinuationDto,
  EnrollMemberDto,
  JobChangeDto,
  LinkCardDto,
  LossOfEligibilityDto,
  PublicFundsAccountDto,
  RecognizeDependantDto,
  RemoveDependantDto,
  RemunerationRevisionDto,
  VoluntaryContinuationDto,
} from './member.dto.js';
import { MemberQueries } from './member-queries.service.js';
import { MinPosition } from '../queries/read-consistency.js';
import { Creates, RevisionETag } from '../http/http-shape.js';
import {
  ChangeJobCommand,
  EnrollMemberCommand,
  ExecuteMemberCommand,
  RecognizeDependantCommand,
  RegisterPublicFundsAccountCommand,
} from './member.cqrs-commands.js';
import type {
  DependantRecognizedDto,
  MemberCommandAnswerDto,
  MemberDependantDto,
  MemberDto,
} from './member-responses.dto.js';

const uuid = new UuidParam();
export const CLERKS = ['clerk', 'admin'] as const;
/** Where benefits are paid is on the money path: clerks only, not admins (issue 13.7). */
export const ACCOUNT_CLERKS = ['clerk'] as const;
export const MEMBER_READERS = ['clerk', 'approver', 'payment-operator', 'compliance-officer', 'admin'] as const;

@ApiTags('members')
@ApiBearerAuth()
@UseInterceptors(IdempotencyInterceptor)
@RevisionETag()
@Controller('members')
export class MembersController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly members: MemberCommands,
    private readonly queries: MemberQueries,
  ) {}

  /** Enroll a member (資格取得): the insured person, their 記号/番号 and standard remuneration. */
  @Post()
  @Creates((answer: { memberId: string }) => `/members/${answer.memberId}`)
  @Roles(...CLERKS)
  enroll(@Body() dto: EnrollMemberDto, @Ctx() ctx: CommandContext): Promise<MemberCommandAnswerDto> {
    return this.commandBus.execute(new EnrollMemberCommand(dto, ctx));
  }

  /** A member with dependants, status and coverage as in force today (member_summary read model). */
  @Get(':memberId')
  @Roles(...MEMBER_READERS)
  async get(
    @Param('memberId', uuid) memberId: string,
    @MinPosition() minPosition: number | undefined,
  ): Promise<MemberDto> {
    const view = await this.queries.summary(memberId, minPosition);
    if (!view) throw new NotFoundError('member_not_found', 'no member with this id');
    return view;
  }

  /** One dependant as on the member screen; the ETag is the member's revision (If-Match of a removal). */
  @Get(':memberId/dependants/:dependantId')
  @Roles(...MEMBER_READERS)
  async getDependant(
    @Param('memberId', uuid) memberId: string,
    @Param('dependantId', uuid) dependantId: string,
    @MinPosition() minPosition: number | undefined,
  ): Promise<MemberDependantDto> {
    const view = await this.queries.summary(memberId, minPosition);
    if (!view) throw new NotFoundError('member_not_found', 'no member with this id');
    const dependant = view.dependants.find((d) => d.dependantId === dependantId);
    if (!dependant) throw new NotFoundError('dependant_not_found', 'the member has no dependant with this id');
    return { ...dependant, memberId, revision: view.revision };
  }

  /** Record a job change: within the society (new 記号/番号, same member) or not (422). */
  @Post(':memberId/job-changes')
  @HttpCode(200)
  @Roles(...CLERKS)
  changeJob(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: JobChangeDto,
    @Ctx() ctx: CommandContext,
  ): Promise<MemberCommandAnswerDto> {
    return this.commandBus.execute(new ChangeJobCommand(memberId, dto, ctx));
  }

  /** Revise the standard remuneration (定時決定, 随時改定) from a month on. */
  @Post(':memberId/remuneration-revisions')
  @HttpCode(200)
  @Roles(...CLERKS)
  reviseRemuneration(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: RemunerationRevisionDto,
    @Ctx() ctx: CommandContext,
  ): Promise<MemberCommandAnswerDto> {
    const remuneration =
      dto.grade !== undefined ? { grade: dto.grade } : { monthlyRemuneration: dto.monthlyRemuneration! };
    return this.run(memberId, ctx, 'ReviseStandardRemuneration', {
      effectiveFrom: dto.effectiveFrom,
      kind: dto.kind,
      remuneration,
    });
  }

  /** Recognise a dependant (被扶養者認定); a refusal is recorded and answered 422 with every failed criterion. */
  @Post(':memberId/dependants')
  @Creates(
    (answer: { memberId: string; dependantId: string }) =>
      `/members/${answer.memberId}/dependants/${answer.dependantId}`,
  )
  @Roles(...CLERKS)
  recognizeDependant(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: RecognizeDependantDto,
    @Ctx() ctx: CommandContext,
  ): Promise<DependantRecognizedDto> {
    return this.commandBus.execute(new RecognizeDependantCommand(memberId, dto, ctx));
  }

  /** Remove a dependant from a date, with the reason. */
  @Post(':memberId/dependants/:dependantId/removal')
  @HttpCode(200)
  @Roles(...CLERKS)
  removeDependant(
    @Param('memberId', uuid) memberId: string,
    @Param('dependantId', uuid) dependantId: string,
    @Body() dto: RemoveDependantDto,
    @Ctx() ctx: CommandContext,
  ): Promise<MemberCommandAnswerDto> {
    return this.run(memberId, ctx, 'RemoveDependant', { dependantId, ...dto });
  }

  /** Record the linkage of a person's My Number Card (マイナ保険証). */
  @Post(':memberId/card-linkage')
  @HttpCode(200)
  @Roles(...CLERKS)
  linkCard(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: LinkCardDto,
    @Ctx() ctx: CommandContext,
  ): Promise<MemberCommandAnswerDto> {
    return this.run(memberId, ctx, 'LinkCard', dto);
  }

  /** Request the cancellation of a card linkage (利用登録解除): effective at the end of the next month. */
  @Post(':memberId/card-linkage/cancellation')
  @HttpCode(200)
  @Roles(...CLERKS)
  cancelLinkage(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: CardLinkageCancellationDto,
    @Ctx() ctx: CommandContext,
  ): Promise<MemberCommandAnswerDto> {
    return this.run(memberId, ctx, 'RequestCardLinkageCancellation', dto);
  }

  /** Record the expiry of a card's electronic certificate (grace period, then a 資格確認書). */
  @Post(':memberId/certificate-expiries')
  @HttpCode(200)
  @Roles(...CLERKS)
  certificateExpiry(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: CertificateExpiryDto,
    @Ctx() ctx: CommandContext,
  ): Promise<MemberCommandAnswerDto> {
    return this.run(memberId, ctx, 'RecordElectronicCertificateExpiry', dto);
  }

  /** Register or change the member's public-funds receiving account (公金受取口座); held payouts are released. */
  @Put(':memberId/public-funds-account')
  @Roles(...ACCOUNT_CLERKS)
  registerAccount(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: PublicFundsAccountDto,
    @Ctx() ctx: CommandContext,
  ): Promise<MemberCommandAnswerDto> {
    return this.commandBus.execute(new RegisterPublicFundsAccountCommand(memberId, dto, ctx));
  }

  /** Remove the member's public-funds receiving account. */
  @Delete(':memberId/public-funds-account')
  @Roles(...ACCOUNT_CLERKS)
  removeAccount(
    @Param('memberId', uuid) memberId: string,
    @Ctx() ctx: CommandContext,
  ): Promise<MemberCommandAnswerDto> {
    return this.run(memberId, ctx, 'RemovePublicFundsAccount', {});
  }

  /** Record the loss of eligibility (資格喪失) by reason; dependants lose theirs with it. */
  @Post(':memberId/loss-of-eligibility')
  @HttpCode(200)
  @Roles(...CLERKS)
  loseEligibility(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: LossOfEligibilityDto,
    @Ctx() ctx: CommandContext,
  ): Promise<MemberCommandAnswerDto> {
    const { reason, note } = dto;
    const data =
      reason === 'retirement'
        ? { reason, lastWorkingDay: dto.lastWorkingDay! }
        : reason === 'death'
          ? { reason, dateOfDeath: dto.dateOfDeath! }
          : reason === 'age-75'
            ? { reason }
            : { reason, lossDate: dto.lossDate! };
    return this.run(memberId, ctx, 'RecordLossOfEligibility', data, note);
  }

  /** Start voluntary continuation (任意継続) after a loss, within 20 days of it. */
  @Post(':memberId/voluntary-continuation')
  @HttpCode(200)
  @Roles(...CLERKS)
  startVoluntaryContinuation(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: VoluntaryContinuationDto,
    @Ctx() ctx: CommandContext,
  ): Promise<MemberCommandAnswerDto> {
    return this.run(memberId, ctx, 'StartVoluntaryContinuation', { applicationDate: dto.applicationDate });
  }

  /** End voluntary continuation, by reason. */
  @Post(':memberId/voluntary-continuation/end')
  @HttpCode(200)
  @Roles(...CLERKS)
  endVoluntaryContinuation(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: EndVoluntaryContinuationDto,
    @Ctx() ctx: CommandContext,
  ): Promise<MemberCommandAnswerDto> {
    const { reason, date } = dto;
    const data =
      reason === 'death'
        ? { reason, dateOfDeath: date! }
        : reason === 'premium-unpaid'
          ? { reason, dueDate: date! }
          : reason === 'insured-elsewhere'
            ? { reason, insuredFrom: date! }
            : reason === 'own-request'
              ? { reason, requestReceivedOn: date! }
              : { reason };
    return this.run(memberId, ctx, 'EndVoluntaryContinuation', data);
  }

  private run(
    memberId: string,
    ctx: CommandContext,
    type: Parameters<MemberCommands['command']>[0],
    data: unknown,
    reason?: string,
  ) {
    return this.commandBus.execute(
      new ExecuteMemberCommand(memberId, this.members.command(type, data as never, ctx, reason), ctx),
    );
  }
}
