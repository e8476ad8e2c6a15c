import { Body, Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@kenpo/platform';
import { UuidParam } from '@kenpo/platform/validation';
import { type CommandContext, Ctx } from '../commands/command-context.js';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { EligibilityDocumentApplicationDto, EligibilityDocumentReturnDto } from './eligibility-documents.dto.js';
import { MemberCommands } from './member-commands.service.js';
import { ExecuteMemberCommand } from './member.cqrs-commands.js';
import { CLERKS } from './members.controller.js';
import { RevisionETag } from '../http/http-shape.js';
import type { MemberCommandAnswerDto } from './member-responses.dto.js';

const uuid = new UuidParam();

/** 資格確認書 issued on application and the return of documents that stopped counting (domain.md 6.4). */
@ApiTags('members')
@ApiBearerAuth()
@UseInterceptors(IdempotencyInterceptor)
@RevisionETag()
@Controller('members/:memberId/eligibility-documents')
export class EligibilityDocumentsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly members: MemberCommands,
  ) {}

  /** Issue a 資格確認書 on application (card lost, card being renewed, needs assistance). */
  @Post()
  @HttpCode(200)
  @Roles(...CLERKS)
  issue(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: EligibilityDocumentApplicationDto,
    @Ctx() ctx: CommandContext,
  ): Promise<MemberCommandAnswerDto> {
    const command = this.members.command('IssueEligibilityDocument', { ...dto }, ctx);
    return this.commandBus.execute(new ExecuteMemberCommand(memberId, command, ctx));
  }

  /** Record whether a 資格確認書 that stopped counting was returned. */
  @Post('returns')
  @HttpCode(200)
  @Roles(...CLERKS)
  recordReturn(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: EligibilityDocumentReturnDto,
    @Ctx() ctx: CommandContext,
  ): Promise<MemberCommandAnswerDto> {
    const command = this.members.command('RecordEligibilityDocumentReturn', { ...dto }, ctx);
    return this.commandBus.execute(new ExecuteMemberCommand(memberId, command, ctx));
  }
}
