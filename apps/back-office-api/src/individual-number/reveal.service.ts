import { Injectable } from '@nestjs/common';
import {
  type Actor,
  Clock,
  DomainError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  ValidationError,
} from '@kenpo/kernel';
import { type IndividualNumberPurpose, IndividualNumberVault, type RevealRefusalReason } from '@kenpo/security';
import { MemberCommands } from '../members/member-commands.service.js';
import { AccessAudit } from './access-audit.service.js';
import { bodyFields, recordedFields, revealBodyViolations } from './reveal-fields.js';
import { REVEAL_ROLES } from './reveal-roles.js';

export interface RevealRequest {
  memberId: string;
  /** The request body as sent (`{ personId, purpose }`), validated here so that a refusal is audited too. */
  body: unknown;
  actor: Actor;
  correlationId?: string;
}

export interface RevealAnswer {
  memberId: string;
  personId: string;
  purpose: IndividualNumberPurpose;
  individualNumber: string;
  revealedAt: string;
}

/**
 * Shows one person's Individual Number for one statutory purpose. Every outcome is audited before the answer
 * leaves: a refusal is recorded then thrown; a reveal is recorded before the digits are returned, so a failed
 * audit write means no disclosure.
 */
@Injectable()
export class IndividualNumberReveal {
  constructor(
    private readonly members: MemberCommands,
    private readonly vault: IndividualNumberVault,
    private readonly audit: AccessAudit,
    private readonly clock: Clock,
  ) {}

  async reveal(request: RevealRequest): Promise<RevealAnswer> {
    const at = this.clock.now().toISOString();
    const { actor, correlationId } = request;
    const sent = bodyFields(request.body);
    const { memberId, personId, purpose } = recordedFields(request.memberId, sent.personId, sent.purpose);
    const refuse = async (reason: RevealRefusalReason, error: DomainError): Promise<never> => {
      await this.audit.record(
        { type: 'IndividualNumberRevealRefused', data: { memberId, personId, purpose, actor, at, reason } },
        correlationId,
      );
      throw error;
    };

    if (!REVEAL_ROLES.includes(actor.role)) {
      // RevealAccessGuard refuses first; kept so the service is safe on its own
      return refuse(
        'role_not_allowed',
        new ForbiddenError('role_not_allowed', `role ${actor.role} may not reveal an Individual Number`),
      );
    }
    const violations = revealBodyViolations(request.body);
    if (violations.length > 0) {
      const reason = violations.every((v) => v.field === 'purpose') ? 'unknown_purpose' : 'invalid_request';
      const message = violations.map((v) => `${v.field}: ${v.message}`).join('; ');
      return refuse(reason, new ValidationError('validation_failed', message, violations));
    }
    const member = memberId ? await this.members.load(memberId) : null;
    if (!memberId || !member || member.state.status === 'not-enrolled') {
      return refuse('member_not_found', new NotFoundError('member_not_found', 'no member with this id'));
    }
    if (await this.vault.isDestroyed(memberId)) return refuse('erased', erasedError());
    const { insured, dependants } = member.state;
    const person = personId === 'insured' ? insured : dependants.find((d) => d.dependantId === personId);
    if (!personId || !purpose || !person) {
      return refuse(
        'person_not_found',
        new NotFoundError('person_not_found', 'the member has no person with this personId', [
          { field: 'personId', rule: 'known_person', message: "must be 'insured' or a dependantId of the member" },
        ]),
      );
    }
    let individualNumber: string;
    try {
      individualNumber = await this.vault.reveal(memberId, person.individualNumber.ciphertext);
    } catch (error) {
      if (error instanceof GoneError) return refuse('erased', erasedError());
      throw error;
    }
    await this.audit.record(
      { type: 'IndividualNumberRevealed', data: { memberId, personId, purpose, actor, at } },
      correlationId,
    );
    return { memberId, personId, purpose, individualNumber, revealedAt: at };
  }
}

function erasedError(): GoneError {
  return new GoneError('individual_number_erased', "the member's Individual Numbers were erased");
}
