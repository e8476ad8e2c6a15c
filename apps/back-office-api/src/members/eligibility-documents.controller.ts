import { Body, Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles, UuidParam } from '@kenpo/platform';
import { type CommandContext, Ctx } from '../commands/command-context.js';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { EligibilityDocumentApplicationDto, EligibilityDocumentReturnDto } from './eligibility-documents.dto.js';
import { MemberCommands } from './member-commands.service.js';
import { ExecuteMemberCommand } from './member.cqrs-commands.js';
import { CLERKS } from './members.controller.js';
import { RevisionETag } from '../http/http-shape.js';

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

  @Post()
  @HttpCode(200)
  @Roles(...CLERKS)
  issue(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: EligibilityDocumentApplicationDto,
    @Ctx() ctx: CommandContext,
  ) {
    const command = this.members.command('IssueEligibilityDocument', { ...dto }, ctx);
    return this.commandBus.execute(new ExecuteMemberCommand(memberId, command, ctx));
  }

  @Post('returns')
  @HttpCode(200)
  @Roles(...CLERKS)
  recordReturn(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: EligibilityDocumentReturnDto,
    @Ctx() ctx: CommandContext,
  ) {
    const command = this.members.command('RecordEligibilityDocumentReturn', { ...dto }, ctx);
    return this.commandBus.execute(new ExecuteMemberCommand(memberId, command, ctx));
  }
}
