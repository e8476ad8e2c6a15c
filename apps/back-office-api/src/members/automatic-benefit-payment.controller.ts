import { Body, Controller, Delete, Param, Put, UseInterceptors } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { BankDirectory, Roles } from '@kenpo/platform';
import { UuidParam } from '@kenpo/platform/validation';
import { type CommandContext, Ctx } from '../commands/command-context.js';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { type CommandAnswer, MemberCommands } from './member-commands.service.js';
import { ExecuteMemberCommand } from './member.cqrs-commands.js';
import { AutomaticBenefitPaymentDto } from './member.dto.js';
import { ACCOUNT_CLERKS } from './members.controller.js';
import type { MemberCommandAnswerDto } from './member-responses.dto.js';

const uuid = new UuidParam();

export class ChooseAutomaticBenefitPaymentCommand extends Command<CommandAnswer> {
  constructor(
    readonly memberId: string,
    readonly dto: AutomaticBenefitPaymentDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A benefit account must name a bank and branch of the Zengin code data, like the public-funds account. */
@CommandHandler(ChooseAutomaticBenefitPaymentCommand)
export class ChooseAutomaticBenefitPaymentHandler implements ICommandHandler<ChooseAutomaticBenefitPaymentCommand> {
  constructor(
    private readonly members: MemberCommands,
    private readonly banks: BankDirectory,
  ) {}

  execute({ memberId, dto, context }: ChooseAutomaticBenefitPaymentCommand): Promise<CommandAnswer> {
    const data =
      dto.method === 'account' ? { method: 'account' as const, account: { ...dto.account! } } : { method: dto.method };
    if (data.method === 'account') this.banks.assertKnown(data.account.bankCode, data.account.branchCode, 'account.');
    return this.members.execute(
      memberId,
      this.members.command('ChooseAutomaticBenefitPayment', data, context),
      context,
    );
  }
}

/**
 * How the benefits the society derives from medical cost records are paid (issue 13.4): the member's public-funds
 * opt-in or a registered benefit account. Without a choice they wait, listed with the reason, until a clerk gives an
 * account for the payout. Money path: clerks only.
 */
@ApiTags('members')
@ApiBearerAuth()
@UseInterceptors(IdempotencyInterceptor)
@Controller('members')
export class AutomaticBenefitPaymentController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly members: MemberCommands,
  ) {}

  /** Choose how the automatic benefits (high-cost, additional) are paid: public funds or a benefit account. */
  @Put(':memberId/automatic-benefit-payment')
  @Roles(...ACCOUNT_CLERKS)
  choose(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: AutomaticBenefitPaymentDto,
    @Ctx() ctx: CommandContext,
  ): Promise<MemberCommandAnswerDto> {
    return this.commandBus.execute(new ChooseAutomaticBenefitPaymentCommand(memberId, dto, ctx));
  }

  /** Remove the member's choice for automatic benefits: they wait, held, until an account is given. */
  @Delete(':memberId/automatic-benefit-payment')
  @Roles(...ACCOUNT_CLERKS)
  clear(@Param('memberId', uuid) memberId: string, @Ctx() ctx: CommandContext): Promise<MemberCommandAnswerDto> {
    const command = this.members.command('ClearAutomaticBenefitPayment', {}, ctx);
    return this.commandBus.execute(new ExecuteMemberCommand(memberId, command, ctx));
  }
}
