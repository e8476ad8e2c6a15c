import type { Decider } from '@kenpo/kernel';
import { recordElectronicCertificateExpiry, linkCard, requestCardLinkageCancellation } from './decide/card-linkage.js';
import {
  certifyElderlyRecipient,
  issueScheduledEligibilityDocument,
  listDependantForReview,
} from './decide/lifecycle.js';
import { cancelRecord } from './decide/cancel-record.js';
import { changeAddress, changeName } from './decide/personal-details.js';
import { changeJob } from './decide/change-job.js';
import { enroll } from './decide/enroll.js';
import { issueEligibilityDocument, recordEligibilityDocumentReturn } from './decide/eligibility-documents.js';
import { recordLossOfEligibility } from './decide/lose-eligibility.js';
import { registerPublicFundsAccount, removePublicFundsAccount } from './decide/public-funds-account.js';
import { chooseAutomaticBenefitPayment, clearAutomaticBenefitPayment } from './decide/automatic-benefit-payment.js';
import { recognizeDependant } from './decide/recognize-dependant.js';
import { removeDependant } from './decide/remove-dependant.js';
import { reviseStandardRemuneration } from './decide/revise-remuneration.js';
import { endVoluntaryContinuation, startVoluntaryContinuation } from './decide/voluntary-continuation.js';
import { membershipSettings, type MembershipSettings } from './membership-settings.js';
import type { MemberCommand } from './member.commands.js';
import type { MemberEvent } from './member.events.js';
import { evolve, initialState, type MemberState } from './member.state.js';

/** Pure: the command carries time, ids and outside facts; `settings` are the society's configured choices. */
export function decide(command: MemberCommand, state: MemberState, settings: MembershipSettings): MemberEvent[] {
  switch (command.type) {
    case 'EnrollMember':
      return enroll(command, state, settings);
    case 'ChangeJob':
      return changeJob(command, state, settings);
    case 'ReviseStandardRemuneration':
      return reviseStandardRemuneration(command, state);
    case 'RecognizeDependant':
      return recognizeDependant(command, state, settings);
    case 'RemoveDependant':
      return removeDependant(command, state);
    case 'LinkCard':
      return linkCard(command, state);
    case 'RequestCardLinkageCancellation':
      return requestCardLinkageCancellation(command, state, settings);
    case 'RecordElectronicCertificateExpiry':
      return recordElectronicCertificateExpiry(command, state, settings);
    case 'IssueEligibilityDocument':
      return issueEligibilityDocument(command, state, settings);
    case 'RecordEligibilityDocumentReturn':
      return recordEligibilityDocumentReturn(command, state);
    case 'IssueScheduledEligibilityDocument':
      return issueScheduledEligibilityDocument(command, state, settings);
    case 'CertifyElderlyRecipient':
      return certifyElderlyRecipient(command, state);
    case 'ListDependantForReview':
      return listDependantForReview(command, state);
    case 'ChangeName':
      return changeName(command, state);
    case 'ChangeAddress':
      return changeAddress(command, state);
    case 'CancelRecord':
      return cancelRecord(command, state);
    case 'RegisterPublicFundsAccount':
      return registerPublicFundsAccount(command, state);
    case 'RemovePublicFundsAccount':
      return removePublicFundsAccount(command, state);
    case 'ChooseAutomaticBenefitPayment':
      return chooseAutomaticBenefitPayment(command, state);
    case 'ClearAutomaticBenefitPayment':
      return clearAutomaticBenefitPayment(command, state);
    case 'RecordLossOfEligibility':
      return recordLossOfEligibility(command, state);
    case 'StartVoluntaryContinuation':
      return startVoluntaryContinuation(command, state, settings);
    case 'EndVoluntaryContinuation':
      return endVoluntaryContinuation(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown member command ${(unknown as { type: string }).type}`);
    }
  }
}

export type MemberDecider = Decider<MemberState, MemberCommand, MemberEvent>;

/** A member decider with the society's settings (validated here, so a bad configuration fails at boot). */
export function createMemberDecider(settings: Partial<MembershipSettings> = {}): MemberDecider {
  const resolved = membershipSettings(settings);
  return { decide: (command, state) => decide(command, state, resolved), evolve, initialState };
}

/** The decider with the default settings (資格確認書 valid 5 years, 3 months of certificate grace). */
export const memberDecider: MemberDecider = createMemberDecider();
