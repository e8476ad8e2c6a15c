import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, ValidationError } from '@kenpo/kernel';
import { isValidIndividualNumber } from '@kenpo/membership';
import { IndividualNumberVault } from '@kenpo/security';
import { newAggregateId } from '../commands/command-context.js';
import { type CommandAnswer, MemberCommands } from './member-commands.service.js';
import { MemberRegistry } from './member-registry.service.js';
import { EnrollMemberCommand } from './member.cqrs-commands.js';

/**
 * 資格取得: check digit (400) → encrypt → decide on a dry run (422 before any write) → duplicate check by keyed hash
 * (409) → allocate the 番号 → record. A retried request with the same Idempotency-Key lands on the same member.
 */
@CommandHandler(EnrollMemberCommand)
export class EnrollMemberHandler implements ICommandHandler<EnrollMemberCommand> {
  constructor(
    private readonly members: MemberCommands,
    private readonly registry: MemberRegistry,
    private readonly vault: IndividualNumberVault,
    private readonly clock: Clock,
  ) {}

  async execute({ dto, context }: EnrollMemberCommand): Promise<CommandAnswer> {
    if (!isValidIndividualNumber(dto.individualNumber)) {
      throw ValidationError.of('individualNumber', 'check_digit', 'has a wrong check digit (domain.md 1.2)');
    }
    if ((dto.monthlyRemuneration === undefined) === (dto.grade === undefined)) {
      throw ValidationError.of('monthlyRemuneration', 'one_of', 'give either monthlyRemuneration or grade, not both or neither');
    }
    const memberId = newAggregateId(context, 'member');
    const existing = await this.members.load(memberId);
    const individualNumber = await this.vault.protect(memberId, dto.individualNumber);
    const build = (number: string) => this.members.command('EnrollMember', {
      memberId, officeCode: dto.officeCode, symbol: dto.symbol, number, individualNumber,
      name: dto.name, nameKana: dto.nameKana, dateOfBirth: dto.dateOfBirth, sex: dto.sex, postalCode: dto.postalCode,
      address: dto.address, acquisitionDate: dto.acquisitionDate,
      remuneration: dto.grade !== undefined ? { grade: dto.grade } : { monthlyRemuneration: dto.monthlyRemuneration! },
      cardLinkage: dto.cardLinkage ? { linkedOn: dto.cardLinkage.linkedOn } : null,
    }, context);
    if (existing) return this.members.execute(memberId, build(existing.state.identifiers?.number ?? '0'), context);

    this.members.dryRun(build('0'));
    const now = this.clock.now();
    await this.registry.claimIndividualNumber(individualNumber.keyedHash, memberId, context, now);
    const number = await this.registry.allocateNumber(dto.symbol, memberId, context, now);
    return this.members.execute(memberId, build(number), context);
  }
}
