import { download, json, type RequestOptions } from './http';
import type {
  AccessRecord,
  ClaimDetail,
  Claim,
  CommandAnswer,
  HistoryEvent,
  Integrity,
  MemberRow,
  MemberState,
  MemberSummary,
  Page,
  Payout,
  PayoutRun,
  RebuildCheck,
  Role,
} from './types';

/**
 * Every call the console makes, in one place: the thin layer to switch to the client generated from openapi.json
 * (architecture.md 11) without touching the pages.
 */
type Query = RequestOptions['query'];
type Command = Pick<RequestOptions, 'ifMatch' | 'idempotencyKey'>;

export const api = {
  consoleConfig: () => json<ConsoleConfig>('GET', '/console/config.json'),
  devToken: (sub: string, role: Role) =>
    json<{ accessToken: string }>('POST', '/auth/dev-token', { body: { sub, role } }),
  me: () => json<{ id: string; role: Role }>('GET', '/auth/me'),
  openQueues: () => json<void>('POST', '/auth/queues-session'),
  closeQueues: () => json<void>('DELETE', '/auth/queues-session'),

  searchMembers: (query: Query) => json<Page<MemberRow>>('GET', '/members', { query }),
  member: (memberId: string, minPosition?: number) =>
    json<MemberSummary>('GET', `/members/${memberId}`, { query: { minPosition } }),
  /** A member command: POST/PUT/DELETE on a path under /members, with If-Match and an Idempotency-Key. */
  memberCommand: (method: string, path: string, body: unknown, options: Command) =>
    json<CommandAnswer>(method, path, { body, ...options }),
  reveal: (memberId: string, personId: string, purpose: string) =>
    json<{ individualNumber: string }>('POST', `/members/${memberId}/individual-number/reveal`, {
      body: { personId, purpose },
    }),

  claims: (query: Query) => json<Page<Claim>>('GET', '/benefit-claims', { query }),
  claim: (claimId: string) => json<ClaimDetail>('GET', `/benefit-claims/${claimId}`),
  /** With a reason, approves a second claim for an insured event already paid, where the law allows one. */
  approve: (claimId: string, duplicateReason: string, options: Command) =>
    json<CommandAnswer>('POST', `/benefit-claims/${claimId}/approval`, {
      body: duplicateReason ? { duplicateOverride: { reason: duplicateReason } } : {},
      ...options,
    }),
  reject: (claimId: string, reason: string, options: Command) =>
    json<CommandAnswer>('POST', `/benefit-claims/${claimId}/rejection`, { body: { reason }, ...options }),
  withdraw: (claimId: string, reason: string, options: Command) =>
    json<CommandAnswer>('POST', `/benefit-claims/${claimId}/withdrawal`, {
      body: reason ? { reason } : {},
      ...options,
    }),

  payouts: (query: Query) => json<Page<Payout>>('GET', '/payouts', { query }),
  /** A clerk gives a held payout the account to pay, with why: it is released for the next run. */
  releasePayout: (payoutId: string, body: unknown, options: Command) =>
    json<{ payoutId: string; revision: number; status: string }>('PUT', `/payouts/${payoutId}/account`, {
      body,
      ...options,
    }),
  payoutRuns: (query: Query) => json<Page<PayoutRun>>('GET', '/payout-runs', { query }),
  payoutRun: (runId: string) => json<PayoutRun>('GET', `/payout-runs/${runId}`),
  startPayoutRun: (options: Command) => json<{ runId: string; status: string }>('POST', '/payout-runs', options),
  downloadTransferFile: (runId: string) => download(`/payout-runs/${runId}/transfer-file`, {}, `${runId}.txt`),
  bankResults: (runId: string, body: unknown, options: Command) =>
    json<Record<string, unknown>>('POST', `/payout-runs/${runId}/bank-results`, { body, ...options }),

  memberState: (memberId: string, asOf: string, effectiveOn: string) =>
    json<MemberState>('GET', `/compliance/members/${memberId}/state`, { query: { asOf, effectiveOn } }),
  memberHistory: (memberId: string, cursor?: string) =>
    json<Page<HistoryEvent>>('GET', `/compliance/members/${memberId}/events`, { query: { cursor, limit: 200 } }),
  integrity: () => json<Integrity>('GET', '/compliance/integrity'),
  startRebuildCheck: (projection: string) =>
    json<{ id: string }>('POST', '/compliance/rebuild-checks', { body: { projection } }),
  rebuildCheck: (id: string) => json<RebuildCheck>('GET', `/compliance/rebuild-checks/${id}`),
  exportPeriod: (from: string, to: string) =>
    download('/compliance/exports', { from, to }, `events-${from.slice(0, 10)}-${to.slice(0, 10)}.ndjson`),
  accessLog: (query: Query) => json<Page<AccessRecord>>('GET', '/compliance/access-log', { query }),
};

export interface ConsoleConfig {
  signIn: 'oidc' | 'development' | 'none';
  oidc: { issuer: string; clientId: string; scope: string } | null;
}
