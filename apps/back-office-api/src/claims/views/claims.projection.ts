import type { RecordedEvent } from '@kenpo/kernel';
import { CLAIM_EVENT_TYPES } from '@kenpo/benefits';
import type { Projection } from '@kenpo/read-models';
import { applyClaimEvent, claimViewOf, type ClaimDetail, type ClaimView } from './claim-view.js';

export const BENEFIT_CLAIMS = 'benefit_claims';
const CLAIM_STREAM_PREFIX = 'claim-';

/** One document per claim, for GET /benefit-claims and the high-cost history of a household (多数回該当). */
export const claimsProjection: Projection<ClaimView> = {
  name: BENEFIT_CLAIMS,
  collection: { name: BENEFIT_CLAIMS, indexes: ['status', 'memberId', 'kind', 'month', 'origin'] },
  eventTypes: CLAIM_EVENT_TYPES,
  streamPrefixes: [CLAIM_STREAM_PREFIX],
  idsFor: (event: RecordedEvent) => [event.streamId.slice(CLAIM_STREAM_PREFIX.length)],
  apply(view, event) {
    if (view && event.revision <= view.revision) return view;
    const detail = applyClaimEvent(
      view ? ({ ...view, benefit: null, coverage: null, breakdown: null } as ClaimDetail) : null,
      event,
    );
    return detail && claimViewOf(detail);
  },
};
