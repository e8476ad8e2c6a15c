import type { Decider } from '@kenpo/kernel';
import { recordAutomaticBenefit } from './claim/automatic.js';
import { recordRecovery } from './claim/recovery.js';
import { approveClaim, rejectClaim, withdrawClaim } from './claim/review.js';
import { submitClaim } from './claim/submit.js';
import type { ClaimCommand } from './claim.commands.js';
import type { ClaimEvent } from './claim.events.js';
import { evolveClaim, initialClaimState, type ClaimState } from './claim.state.js';
import { defaultSocietySettings, type SocietySettings } from './reference/society-settings.js';

export function decideClaim(
  command: ClaimCommand,
  state: ClaimState,
  settings: SocietySettings = defaultSocietySettings,
): ClaimEvent[] {
  switch (command.type) {
    case 'SubmitBenefitClaim':
      return submitClaim(command, state, settings);
    case 'ApproveBenefitClaim':
      return approveClaim(command, state);
    case 'RejectBenefitClaim':
      return rejectClaim(command, state);
    case 'WithdrawBenefitClaim':
      return withdrawClaim(command, state);
    case 'RecordAutomaticBenefit':
      return recordAutomaticBenefit(command, state, settings);
    case 'RecordClaimRecovery':
      return recordRecovery(command, state);
    default: {
      const unexpected: never = command;
      throw new Error(`unknown command ${(unexpected as { type: string }).type}`);
    }
  }
}

/** The benefit-claim decider (stream `claim-<claimId>`) with the society's settings. */
export function createClaimDecider(
  settings: SocietySettings = defaultSocietySettings,
): Decider<ClaimState, ClaimCommand, ClaimEvent> {
  return {
    decide: (command, state) => decideClaim(command, state, settings),
    evolve: evolveClaim,
    initialState: initialClaimState,
  };
}
