import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type ClaimAnswer, ClaimCommands } from './claim-commands.service.js';
import { DecideBenefitClaimCommand } from './claim.cqrs-commands.js';

/** Approval (four-eyes and the approver role are the decider's rules), rejection on review, withdrawal. */
@CommandHandler(DecideBenefitClaimCommand)
export class DecideBenefitClaimHandler implements ICommandHandler<DecideBenefitClaimCommand> {
  constructor(private readonly claims: ClaimCommands) {}

  execute({ claimId, command, context }: DecideBenefitClaimCommand): Promise<ClaimAnswer> {
    return this.claims.execute(claimId, command, context);
  }
}
