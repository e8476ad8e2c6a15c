import { Command } from '@nestjs/cqrs';
import type { MemberCommand } from '@kenpo/membership';
import type { CommandContext } from '../commands/command-context.js';
import type { CommandAnswer } from './member-commands.service.js';
import type { EnrollMemberDto, JobChangeDto, PublicFundsAccountDto, RecognizeDependantDto } from './member.dto.js';

/** The typed messages the controller sends on the CommandBus; each has one handler. */
export class EnrollMemberCommand extends Command<CommandAnswer> {
  constructor(
    readonly dto: EnrollMemberDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
export class ChangeJobCommand extends Command<CommandAnswer> {
  constructor(
    readonly memberId: string,
    readonly dto: JobChangeDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
export class RecognizeDependantCommand extends Command<CommandAnswer & { dependantId: string }> {
  constructor(
    readonly memberId: string,
    readonly dto: RecognizeDependantDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
export class RegisterPublicFundsAccountCommand extends Command<CommandAnswer> {
  constructor(
    readonly memberId: string,
    readonly dto: PublicFundsAccountDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
/** Member commands that need no outside fact: the domain command goes straight to the decider. */
export class ExecuteMemberCommand extends Command<CommandAnswer> {
  constructor(
    readonly memberId: string,
    readonly command: MemberCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}
