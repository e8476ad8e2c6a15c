import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, ConflictError, ValidationError } from '@kenpo/kernel';
import { EventStore, WrongExpectedRevisionError } from '@kenpo/event-store';
import { isValidIndividualNumber, type MemberCommand, type ProtectedIndividualNumber } from '@kenpo/membership';
import { IndividualNumberVault, type Protection } from '@kenpo/security';
import { type CommandContext, newAggregateId } from '../commands/command-context.js';
import { type CommandAnswer, MemberCommands } from './member-commands.service.js';
import { MemberRegistry } from './member-registry.service.js';
import { EnrollMemberCommand } from './member.cqrs-commands.js';

/**
 * 資格取得: check digit (400) → decide on a dry run (422 before any write) → encrypt and index in the vault → one
 * coverage per person (409) → the number's claim, the 番号 and the member recorded in one transaction. A retried
 * request with the same Idempotency-Key lands on the same member.
 */
const MAX_ATTEMPTS = 10;
const DRY_RUN_NUMBER = { ref: 'dry-run', ciphertext: 'dry-run' };

@CommandHandler(EnrollMemberCommand)
export class EnrollMemberHandler implements ICommandHandler<EnrollMemberCommand> {
  constructor(
    private readonly members: MemberCommands,
    private readonly registry: MemberRegistry,
    private readonly vault: IndividualNumberVault,
    private readonly clock: Clock,
    private readonly store: EventStore,
  ) {}

  async execute({ dto, context }: EnrollMemberCommand): Promise<CommandAnswer> {
    if (!isValidIndividualNumber(dto.individualNumber)) {
      throw ValidationError.of('individualNumber', 'check_digit', 'has a wrong check digit (domain.md 1.2)');
    }
    if ((dto.monthlyRemuneration === undefined) === (dto.grade === undefined)) {
      throw ValidationError.of(
        'monthlyRemuneration',
        'one_of',
        'give either monthlyRemuneration or grade, not both or neither',
      );
    }
    const memberId = newAggregateId(context, 'member');
    const build = (individualNumber: ProtectedIndividualNumber, number: string) =>
      this.members.command(
        'EnrollMember',
        {
          memberId,
          officeCode: dto.officeCode,
          symbol: dto.symbol,
          number,
          individualNumber,
          name: dto.name,
          nameKana: dto.nameKana,
          dateOfBirth: dto.dateOfBirth,
          sex: dto.sex,
          postalCode: dto.postalCode,
          address: dto.address,
          acquisitionDate: dto.acquisitionDate,
          remuneration:
            dto.grade !== undefined ? { grade: dto.grade } : { monthlyRemuneration: dto.monthlyRemuneration! },
          cardLinkage: dto.cardLinkage ? { linkedOn: dto.cardLinkage.linkedOn } : null,
        },
        context,
      );
    const existing = await this.members.load(memberId);
    if (!existing) this.members.dryRun(build(DRY_RUN_NUMBER, '0'));
    const protection = await this.vault.protect(memberId, dto.individualNumber);
    try {
      if (existing) {
        const number = existing.state.identifiers?.number ?? '0';
        return await this.members.execute(memberId, build(protection.number, number), context, undefined, existing);
      }
      return await this.record(memberId, protection, dto, context, build);
    } catch (error) {
      // Nothing recorded refers to an entry made for this request: it must not outlive it (erasure could not find it).
      if (protection.created) await this.vault.forget(memberId, protection.number.ref);
      throw error;
    }
  }

  private async record(
    memberId: string,
    { number: individualNumber, registryId }: Protection,
    dto: EnrollMemberCommand['dto'],
    context: CommandContext,
    build: (individualNumber: ProtectedIndividualNumber, number: string) => MemberCommand,
  ): Promise<CommandAnswer> {
    const now = this.clock.now();
    for (let attempt = 0; ; attempt++) {
      const { number, appends } = await this.registry.planEnrollment(
        registryId,
        dto.symbol,
        memberId,
        dto.acquisitionDate,
        context,
        now,
      );
      const member = this.members.planNew(memberId, build(individualNumber, number));
      try {
        // One transaction: the number's claim, the 番号 and the member are recorded together or not at all.
        const results = await this.store.appendMany([...appends, member]);
        const last = results.at(-1)!;
        return {
          memberId,
          revision: last.nextExpectedRevision,
          position: last.position,
          events: member.events.map((e) => e.type),
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        // Another enrollment took the next 番号, claimed the same number or this member id: plan again (a conflict then answers 409).
        if (attempt >= MAX_ATTEMPTS)
          throw new ConflictError('enrollment_contended', 'too many concurrent enrollments; try again');
        if (await this.members.load(memberId))
          return this.members.execute(memberId, build(individualNumber, '0'), context);
      }
    }
  }
}
