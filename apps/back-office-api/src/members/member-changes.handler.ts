import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, NotFoundError, ValidationError } from '@kenpo/kernel';
import { isValidIndividualNumber, type MemberState } from '@kenpo/membership';
import { BankDirectory } from '@kenpo/platform';
import { IndividualNumberVault, type Protection } from '@kenpo/security';
import { newAggregateId } from '../commands/command-context.js';
import { type CommandAnswer, MemberCommands } from './member-commands.service.js';
import { MemberRegistry, personHolding } from './member-registry.service.js';
import {
  ChangeJobCommand,
  ExecuteMemberCommand,
  RecognizeDependantCommand,
  RegisterPublicFundsAccountCommand,
} from './member.cqrs-commands.js';

/**
 * Job change: a new 番号 in the new 記号, allocated in the same transaction as the member's event, so a refused
 * change (stale If-Match, a rule, a failed write) allocates nothing.
 */
@CommandHandler(ChangeJobCommand)
export class ChangeJobHandler implements ICommandHandler<ChangeJobCommand> {
  constructor(
    private readonly members: MemberCommands,
    private readonly registry: MemberRegistry,
    private readonly clock: Clock,
  ) {}

  async execute({ memberId, dto, context }: ChangeJobCommand): Promise<CommandAnswer> {
    const loaded = await requireMember(this.members, memberId);
    const command = (number: string) => this.members.command('ChangeJob', { ...dto, number }, context);
    const allocate = async () => {
      const { number, appends } = await this.registry.planAllocation(dto.symbol, memberId, context, this.clock.now());
      return { command: command(number), appends };
    };
    return this.members.execute(memberId, command('0'), context, allocate, loaded);
  }
}

/** 被扶養者認定: the dependant's Individual Number is encrypted under the member's key before the decider sees it. */
@CommandHandler(RecognizeDependantCommand)
export class RecognizeDependantHandler implements ICommandHandler<RecognizeDependantCommand> {
  constructor(
    private readonly members: MemberCommands,
    private readonly vault: IndividualNumberVault,
    private readonly registry: MemberRegistry,
    private readonly clock: Clock,
  ) {}

  async execute({
    memberId,
    dto,
    context,
  }: RecognizeDependantCommand): Promise<CommandAnswer & { dependantId: string }> {
    if (!isValidIndividualNumber(dto.individualNumber)) {
      throw ValidationError.of('individualNumber', 'check_digit', 'has a wrong check digit (domain.md 1.2)');
    }
    const loaded = await requireMember(this.members, memberId);
    const dependantId = newAggregateId(context, 'dependant');
    const { individualNumber, cardLinkage, monthlyRemittance, insuredAnnualIncome, residence, ...rest } = dto;
    const protection = await this.vault.protect(memberId, individualNumber);
    const command = this.members.command(
      'RecognizeDependant',
      {
        ...rest,
        dependantId,
        individualNumber: protection.number,
        residence: {
          inJapan: residence.inJapan,
          exception: residence.exception ?? null,
          excludedVisa: residence.excludedVisa ?? null,
        },
        monthlyRemittance: monthlyRemittance ?? null,
        insuredAnnualIncome: insuredAnnualIncome ?? null,
        cardLinkage: cardLinkage ? { linkedOn: cardLinkage.linkedOn } : null,
      },
      context,
    );
    // One coverage per person (issue 12.3): the number's claim is written in the same transaction as the recognition;
    // a refused recognition covers nobody and claims nothing.
    const self = { memberId, personId: dependantId };
    const claim = async (state: MemberState) => {
      if (!this.members.dryRun(command, state).some((e) => e.type === 'DependantRecognized')) {
        return { command, appends: [] };
      }
      const now = this.clock.now();
      const appends = await this.registry.planNumberClaim(
        protection.registryId,
        self,
        state,
        dto.recognizedFrom,
        context,
        now,
        1,
      );
      return { command, appends };
    };
    try {
      const answer = await this.members.execute(memberId, command, context, claim, loaded);
      if (!answer.events.includes('DependantRecognized')) await this.forgetUnrecorded(memberId, protection);
      return { ...answer, dependantId };
    } catch (error) {
      await this.forgetUnrecorded(memberId, protection);
      const answer = (error as { answer?: CommandAnswer }).answer;
      if (answer) Object.assign(error as object, { answer: { ...answer, dependantId } });
      throw error;
    }
  }

  /** A vault entry made for a recognition that was refused must not outlive it (no erasure would find it). */
  private async forgetUnrecorded(memberId: string, protection: Protection): Promise<void> {
    if (!protection.created) return;
    const member = await this.members.load(memberId);
    if (!member || personHolding(member.state, protection.number.ref) === null)
      await this.vault.forget(memberId, protection.number.ref);
  }
}

/** 公金受取口座: the bank and branch must exist in the Zengin code data. */
@CommandHandler(RegisterPublicFundsAccountCommand)
export class RegisterPublicFundsAccountHandler implements ICommandHandler<RegisterPublicFundsAccountCommand> {
  constructor(
    private readonly members: MemberCommands,
    private readonly banks: BankDirectory,
  ) {}

  async execute({ memberId, dto, context }: RegisterPublicFundsAccountCommand): Promise<CommandAnswer> {
    this.banks.assertKnown(dto.bankCode, dto.branchCode);
    return this.members.execute(memberId, this.members.command('RegisterPublicFundsAccount', dto, context), context);
  }
}

@CommandHandler(ExecuteMemberCommand)
export class ExecuteMemberCommandHandler implements ICommandHandler<ExecuteMemberCommand> {
  constructor(private readonly members: MemberCommands) {}

  execute({ memberId, command, context }: ExecuteMemberCommand): Promise<CommandAnswer> {
    return this.members.execute(memberId, command, context);
  }
}

async function requireMember(members: MemberCommands, memberId: string) {
  const current = await members.load(memberId);
  if (!current) throw new NotFoundError('member_not_found', 'no member with this id');
  return current;
}
