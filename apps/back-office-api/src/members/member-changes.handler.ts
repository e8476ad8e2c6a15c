import { Injectable } from '@nestjs/common';
import { Clock, NotFoundError, RuleViolation, ValidationError } from '@kenpo/kernel';
import { isValidIndividualNumber } from '@kenpo/membership';
import { BankDirectory } from '@kenpo/platform';
import { IndividualNumberVault } from '@kenpo/security';
import { type CommandContext, newAggregateId } from '../commands/command-context.js';
import { type CommandAnswer, MemberCommands } from './member-commands.service.js';
import { MemberRegistry } from './member-registry.service.js';
import type { JobChangeDto, PublicFundsAccountDto, RecognizeDependantDto } from './member.dto.js';

/** The member commands that need an outside fact first: a new 番号, an encrypted number, a bank directory check. */
@Injectable()
export class MemberChangesHandler {
  constructor(
    private readonly members: MemberCommands,
    private readonly registry: MemberRegistry,
    private readonly vault: IndividualNumberVault,
    private readonly banks: BankDirectory,
    private readonly clock: Clock,
  ) {}

  async changeJob(memberId: string, dto: JobChangeDto, context: CommandContext): Promise<CommandAnswer> {
    const current = await this.requireMember(memberId);
    const build = (number: string) => this.members.command('ChangeJob', { ...dto, number }, context);
    this.members.dryRun(build('0'), current.state);
    const number = dto.withinSociety ? await this.registry.allocateNumber(dto.symbol, memberId, context, this.clock.now()) : '0';
    return this.members.execute(memberId, build(number), context);
  }

  async recognizeDependant(memberId: string, dto: RecognizeDependantDto, context: CommandContext): Promise<CommandAnswer & { dependantId: string }> {
    if (!isValidIndividualNumber(dto.individualNumber)) {
      throw ValidationError.of('individualNumber', 'check_digit', 'has a wrong check digit (domain.md 1.2)');
    }
    await this.requireMember(memberId);
    const dependantId = newAggregateId(context, 'dependant');
    const { individualNumber, cardLinkage, monthlyRemittance, insuredAnnualIncome, residence, ...rest } = dto;
    const command = this.members.command('RecognizeDependant', {
      ...rest, dependantId, individualNumber: await this.vault.protect(memberId, individualNumber),
      residence: { inJapan: residence.inJapan, exception: residence.exception ?? null, excludedVisa: residence.excludedVisa ?? null },
      monthlyRemittance: monthlyRemittance ?? null, insuredAnnualIncome: insuredAnnualIncome ?? null,
      cardLinkage: cardLinkage ? { linkedOn: cardLinkage.linkedOn } : null,
    }, context);
    try {
      return { ...(await this.members.execute(memberId, command, context)), dependantId };
    } catch (error) {
      const answer = (error as { answer?: CommandAnswer }).answer;
      if (answer) Object.assign(error as object, { answer: { ...answer, dependantId } });
      throw error;
    }
  }

  async registerAccount(memberId: string, dto: PublicFundsAccountDto, context: CommandContext): Promise<CommandAnswer> {
    if (!this.banks.find(dto.bankCode, dto.branchCode)) {
      throw this.banks.hasBank(dto.bankCode)
        ? RuleViolation.of('branchCode', 'known_branch', 'must name an existing branch of the bank in the Zengin bank code data (domain.md 7)')
        : RuleViolation.of('bankCode', 'known_bank', 'must name an existing bank in the Zengin bank code data (domain.md 7)');
    }
    return this.members.execute(memberId, this.members.command('RegisterPublicFundsAccount', dto, context), context);
  }

  private async requireMember(memberId: string) {
    const current = await this.members.load(memberId);
    if (!current) throw new NotFoundError('member_not_found', 'no member with this id');
    return current;
  }
}
