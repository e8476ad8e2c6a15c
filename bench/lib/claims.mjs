import { newId } from '@kenpo/kernel';
import { handleCommandBatch, SqliteEventStore } from '@kenpo/event-store';
import { claimStreamId, createClaimDecider } from '@kenpo/benefits';
import { evolve, initialState } from '@kenpo/membership';

const decider = createClaimDecider();
const clerk = { id: 'bench-clerk', role: 'clerk' };
const approver = { id: 'bench-approver', role: 'approver' };
const BATCH = 1_000;

function metadata(actor, now) {
  const id = newId();
  return { commandId: id, correlationId: id, actor, now };
}

/** A claim account in Zengin kana, varied per claim so that the file's records differ. */
function account(i) {
  return {
    method: 'account',
    account: {
      bankCode: '0005',
      branchCode: String(100 + (i % 900)).padStart(3, '0'),
      accountType: 'ordinary',
      accountNumber: String(1_000_000 + i).padStart(7, '0'),
      holderName: 'スズキ ハナコ',
    },
  };
}

/**
 * `count` claims submitted by a clerk and approved by an approver (four-eyes), through the real benefits decider,
 * appended straight into an event store file in batches (handleCommandBatch: one transaction per 1,000 commands).
 * Each is a childbirth grant of one of `memberIds` (in turn); every other one is paid into the member's registered
 * 公金受取口座, the others into the account written on the claim (domain.md 7), so a run resolves both kinds.
 * Returns the log's head position after the approvals.
 */
export async function seedApprovedClaims(eventsFile, count, memberIds) {
  const store = SqliteEventStore.open(eventsFile, { watchWal: false });
  const birthDate = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
  // Money is decided at application: a claim opting into public funds records the account registered then.
  const accounts = new Map();
  const registered = async (memberId) => {
    if (!accounts.has(memberId)) {
      const events = await store.readStream(`member-${memberId}`);
      accounts.set(memberId, events.reduce((state, e) => evolve(state, e), initialState()).account);
    }
    return accounts.get(memberId);
  };
  try {
    for (let from = 0; from < count; from += BATCH) {
      const now = new Date().toISOString();
      const ids = Array.from({ length: Math.min(BATCH, count - from) }, () => newId());
      const submissions = [];
      for (const [k, claimId] of ids.entries()) {
        const memberId = memberIds[(from + k) % memberIds.length];
        submissions.push({
          streamId: claimStreamId(claimId),
          decider,
          command: {
            type: 'SubmitBenefitClaim',
            metadata: metadata(clerk, now),
            data: {
              claimId,
              memberId,
              personId: 'insured',
              coverage: { covered: true },
              payment: (from + k) % 2 === 0 ? { method: 'public-funds' } : account(from + k),
              paymentFacts: { publicFundsAccount: await registered(memberId), insuredDiedOn: null },
              benefit: { kind: 'childbirth-grant', birthDate, numberOfBabies: 1, obstetricCompensation: true },
            },
          },
        });
      }
      await handleCommandBatch(store, submissions);
      const approved = await handleCommandBatch(
        store,
        ids.map((claimId) => ({
          streamId: claimStreamId(claimId),
          decider,
          command: { type: 'ApproveBenefitClaim', metadata: metadata(approver, now), data: { claimId } },
        })),
      );
      const refused = approved.filter((o) => o.events[0]?.type !== 'BenefitClaimApproved').length;
      if (refused > 0) throw new Error(`${refused} bench claims were not approved`);
    }
    return await store.headPosition();
  } finally {
    await store.close();
  }
}
