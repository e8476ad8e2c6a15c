import { Body, Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@kenpo/platform';
import { UuidParam } from '@kenpo/platform/validation';
import { type CommandContext, Ctx } from '../commands/command-context.js';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { RevisionETag } from '../http/http-shape.js';
import { MemberCommands } from './member-commands.service.js';
import { AddressChangeDto, CancellationDto, NameChangeDto } from './member-maintenance.dto.js';
import { ExecuteMemberCommand } from './member.cqrs-commands.js';
import { CLERKS } from './members.controller.js';
import type { MemberCommandAnswerDto } from './member-responses.dto.js';

const uuid = new UuidParam();

/** Member maintenance (issue 12.5): name and address changes, and 取消 of a wrongly recorded fact. */
@ApiTags('members')
@ApiBearerAuth()
@UseInterceptors(IdempotencyInterceptor)
@RevisionETag()
@Controller('members/:memberId')
export class MemberMaintenanceController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly members: MemberCommands,
  ) {}

  /** Record a change of name of the insured or a dependant (reissues the 資格情報のお知らせ). */
  @Post('name-changes')
  @HttpCode(200)
  @Roles(...CLERKS)
  changeName(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: NameChangeDto,
    @Ctx() ctx: CommandContext,
  ): Promise<MemberCommandAnswerDto> {
    return this.run(memberId, ctx, this.members.command('ChangeName', { ...dto }, ctx));
  }

  /** Record a change of the member's address. */
  @Post('address-changes')
  @HttpCode(200)
  @Roles(...CLERKS)
  changeAddress(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: AddressChangeDto,
    @Ctx() ctx: CommandContext,
  ): Promise<MemberCommandAnswerDto> {
    return this.run(memberId, ctx, this.members.command('ChangeAddress', { ...dto }, ctx));
  }

  /** Cancel (取消) a wrongly recorded fact: an acquisition, a loss, a job change, a dependant's recognition or removal. */
  @Post('cancellations')
  @HttpCode(200)
  @Roles(...CLERKS)
  cancel(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: CancellationDto,
    @Ctx() ctx: CommandContext,
  ): Promise<MemberCommandAnswerDto> {
    return this.run(memberId, ctx, this.members.command('CancelRecord', { ...dto }, ctx, dto.reason));
  }

  private run(memberId: string, ctx: CommandContext, command: ReturnType<MemberCommands['command']>) {
    return this.commandBus.execute(new ExecuteMemberCommand(memberId, command, ctx));
  }
}
