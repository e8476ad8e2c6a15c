import { ConflictError, RuleViolation } from '@kenpo/kernel';
import type { PayoutState } from './payout.state.js';

export function conflict(field: string, rule: string, message: string): ConflictError {
  return new ConflictError(rule, message, [{ field, rule, message }]);
}

export function requireScheduled(state: PayoutState): void {
  if (state.status === 'none')
    throw RuleViolation.of('payoutId', 'payout_not_scheduled', 'no payout has been scheduled for this claim');
}
