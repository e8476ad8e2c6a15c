import type { Document } from '../document-store.js';
import type { Projection } from '../projection.js';
import { eligibilityProjection } from './eligibility.projection.js';
import { memberSearchProjection } from './member-search.projection.js';
import { memberSummaryProjection } from './member-summary.projection.js';

/** Every projection the projector runs (later issues add claims, payouts and transfer batches here). */
export const PROJECTIONS: readonly Projection<Document>[] = [
  memberSummaryProjection,
  memberSearchProjection,
  eligibilityProjection,
] as unknown as readonly Projection<Document>[];

export function projectionNamed(name: string): Projection<Document> | undefined {
  return PROJECTIONS.find((p) => p.name === name);
}
