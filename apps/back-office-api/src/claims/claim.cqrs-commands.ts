import { Command } from '@nestjs/cqrs';
import type { ClaimCommand } from '@kenpo/benefits';
import type { CommandContext } from '../commands/command-context.js';
import type { ClaimAnswer } from './claim-commands.service.js';
import type { SubmitBenefitClaimDto } from './claim.dto.js';
import type { MedicalCostRecordsDto } from './medical-cost-record.dto.js';
import type { MedicalCostRecordsAnswer } from './record-medical-costs.handler.js';

/** The typed messages the claims controllers send on the CommandBus; each has one handler. */
export class SubmitBenefitClaimCommand extends Command<ClaimAnswer> {
  constructor(
    readonly memberId: string,
    readonly dto: SubmitBenefitClaimDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
/** Approval, rejection, withdrawal: the domain command goes straight to the decider (four-eyes is decided there). */
export class DecideBenefitClaimCommand extends Command<ClaimAnswer> {
  constructor(
    readonly claimId: string,
    readonly command: ClaimCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}
export class RecordMedicalCostsCommand extends Command<MedicalCostRecordsAnswer> {
  constructor(
    readonly dto: MedicalCostRecordsDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
