import { Body, Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles, UuidParam } from '@kenpo/platform';
import { type CommandContext, Ctx } from '../commands/command-context.js';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { RevisionETag } from '../http/http-shape.js';
import { MemberCommands } from './member-commands.service.js';
import { AddressChangeDto, CancellationDto, NameChangeDto } from './member-maintenance.dto.js';
import { ExecuteMemberCommand } from './member.cqrs-commands.js';
import { CLERKS } from './members.controller.js';

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

  @Post('name-changes')
  @HttpCode(200)
  @Roles(...CLERKS)
  changeName(@Param('memberId', uuid) memberId: string, @Body() dto: NameChangeDto, @Ctx() ctx: CommandContext) {
    return this.run(memberId, ctx, this.members.command('ChangeName', { ...dto }, ctx));
  }

  @Post('address-changes')
  @HttpCode(200)
  @Roles(...CLERKS)
  changeAddress(@Param('memberId', uuid) memberId: string, @Body() dto: AddressChangeDto, @Ctx() ctx: CommandContext) {
    return this.run(memberId, ctx, this.members.command('ChangeAddress', { ...dto }, ctx));
  }

  @Post('cancellations')
  @HttpCode(200)
  @Roles(...CLERKS)
  cancel(@Param('memberId', uuid) memberId: string, @Body() dto: CancellationDto, @Ctx() ctx: CommandContext) {
    return this.run(memberId, ctx, this.members.command('CancelRecord', { ...dto }, ctx, dto.reason));
  }

  private run(memberId: string, ctx: CommandContext, command: ReturnType<MemberCommands['command']>) {
    return this.commandBus.execute(new ExecuteMemberCommand(memberId, command, ctx));
  }
}
