import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AutomaticBenefitRecorded, BenefitClaimSubmitted } from '@kenpo/benefits';
import { MemberCommands } from '../members/member-commands.service.js';
import { approvalCoverageRefusal } from './approval-coverage.js';
import { type ClaimAnswer, ClaimCommands } from './claim-commands.service.js';
import { DecideBenefitClaimCommand } from './claim.cqrs-commands.js';
import { ClaimViews } from './views/claim-views.service.js';

const BURIAL = new Set(['burial-allowance', 'burial-expenses']);

/**
 * Approval (four-eyes and the approver role are the decider's rules), rejection on review, withdrawal. An approval
 * first judges coverage again on the member's record as it stands now (issue 12.5 × 13): a 取消 recorded after
 * submission refuses it with 409 and nothing is written; the approver rejects the claim with a reason instead.
 */
@CommandHandler(DecideBenefitClaimCommand)
export class DecideBenefitClaimHandler implements ICommandHandler<DecideBenefitClaimCommand> {
  constructor(
    private readonly claims: ClaimCommands,
    private readonly members: MemberCommands,
    private readonly views: ClaimViews,
  ) {}

  async execute({ claimId, command, context }: DecideBenefitClaimCommand): Promise<ClaimAnswer> {
    if (command.type === 'ApproveBenefitClaim') await this.assertStillCovered(claimId);
    return this.claims.execute(claimId, command, context);
  }

  private async assertStillCovered(claimId: string): Promise<void> {
    const submission = await this.claims.pendingSubmission(claimId);
    if (!submission) return; // no claim, or already decided: the decider answers that
    const member = await this.members.load(submission.data.memberId);
    if (!member) return;
    const lastDay = await this.lastContinuationDay(submission, member.state.loss?.lossDate);
    const refusal = approvalCoverageRefusal(submission, member.state, lastDay);
    if (refusal) throw refusal;
  }

  /** As at submission: only burial after the insured's loss reads the continuation benefits' last day. */
  private lastContinuationDay(
    submission: BenefitClaimSubmitted | AutomaticBenefitRecorded,
    lossDate: string | undefined,
  ): Promise<string | null> | null {
    if (submission.type !== 'BenefitClaimSubmitted' || !BURIAL.has(submission.data.kind) || !lossDate) return null;
    return this.views.lastContinuationDay(submission.data.memberId, lossDate);
  }
}
