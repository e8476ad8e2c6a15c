import type { paths } from '@kenpo/api-client';
import { answer, client, type CommandOptions, commandHeaders, download, filled } from './http';
import type { AnswerOf, BodyOf, QueryOf, RevealPurpose, Role } from './types';

/**
 * Every call the console makes, in one place, through the client generated from openapi.json: a path, parameter,
 * body or answer the spec does not have fails the console's type check.
 */

/** The member commands the forms send: a path under /members with `{memberId}` (and `{dependantId}`). */
export type MemberCommandPath = Extract<keyof paths, `/members${string}`>;
export type MemberCommandMethod = 'POST' | 'PUT' | 'DELETE';
type Method = 'get' | 'post' | 'put' | 'delete';
/** The body a member command takes (checked against the forms' field names in forms/member-commands.ts). */
export type MemberCommandBody<P extends keyof paths, M extends MemberCommandMethod> = BodyOf<P, Lowercase<M> & Method>;

/** The dynamic member command: its path and method come from a form, typed where the form is declared. */
const request = client.request as unknown as (
  method: Method,
  path: string,
  init: { params: { path: Record<string, string>; header: Record<string, string> }; body?: unknown },
) => Promise<{ data?: AnswerOf<'/members/{memberId}/job-changes', 'post'>; error?: unknown; response: Response }>;

export const api = {
  consoleConfig: () => answer(client.GET('/console/config.json')),
  devToken: (sub: string, role: Role) => answer(client.POST('/auth/dev-token', { body: { sub, role } })),
  me: () => answer(client.GET('/auth/me')),
  openQueues: () => answer(client.POST('/auth/queues-session')),
  closeQueues: () => answer(client.DELETE('/auth/queues-session')),

  searchMembers: (query: QueryOf<'/members'>) => answer(client.GET('/members', { params: { query: filled(query) } })),
  member: (memberId: string, minPosition?: number) =>
    answer(
      client.GET('/members/{memberId}', {
        params: { path: { memberId }, query: filled({ minPosition: minPosition?.toString() }) },
      }),
    ),
  /** A member command: POST/PUT/DELETE on a path under /members, with If-Match and an Idempotency-Key. */
  memberCommand: (
    method: MemberCommandMethod,
    path: MemberCommandPath,
    ids: { memberId?: string; dependantId?: string },
    body: unknown,
    options: CommandOptions,
  ) =>
    answer(
      request(method.toLowerCase() as Method, path, {
        params: { path: filled(ids) as Record<string, string>, header: commandHeaders(options) },
        body,
      }),
    ),
  submitClaim: (
    memberId: string,
    body: BodyOf<'/members/{memberId}/benefit-claims', 'post'>,
    options: CommandOptions,
  ) =>
    answer(
      client.POST('/members/{memberId}/benefit-claims', {
        params: { path: { memberId }, header: commandHeaders(options) },
        body,
      }),
    ),
  reveal: (memberId: string, personId: string, purpose: RevealPurpose) =>
    answer(
      client.POST('/members/{memberId}/individual-number/reveal', {
        params: { path: { memberId } },
        body: { personId, purpose },
      }),
    ),

  claims: (query: QueryOf<'/benefit-claims'>) =>
    answer(client.GET('/benefit-claims', { params: { query: filled(query) } })),
  claim: (claimId: string) => answer(client.GET('/benefit-claims/{claimId}', { params: { path: { claimId } } })),
  /** With a reason, approves a second claim for an insured event already paid, where the law allows one. */
  approve: (claimId: string, duplicateReason: string, options: CommandOptions) =>
    answer(
      client.POST('/benefit-claims/{claimId}/approval', {
        params: { path: { claimId }, header: commandHeaders(options) },
        body: duplicateReason ? { duplicateOverride: { reason: duplicateReason } } : {},
      }),
    ),
  reject: (claimId: string, reason: string, options: CommandOptions) =>
    answer(
      client.POST('/benefit-claims/{claimId}/rejection', {
        params: { path: { claimId }, header: commandHeaders(options) },
        body: { reason },
      }),
    ),
  withdraw: (claimId: string, reason: string, options: CommandOptions) =>
    answer(
      client.POST('/benefit-claims/{claimId}/withdrawal', {
        params: { path: { claimId }, header: commandHeaders(options) },
        body: reason ? { reason } : {},
      }),
    ),

  payouts: (query: QueryOf<'/payouts'>) => answer(client.GET('/payouts', { params: { query: filled(query) } })),
  /** A clerk gives a held payout the account to pay, with why: it is released for the next run. */
  releasePayout: (payoutId: string, body: BodyOf<'/payouts/{payoutId}/account', 'put'>, options: CommandOptions) =>
    answer(
      client.PUT('/payouts/{payoutId}/account', {
        params: { path: { payoutId }, header: commandHeaders(options) },
        body,
      }),
    ),
  payoutRuns: (query: QueryOf<'/payout-runs'>) =>
    answer(client.GET('/payout-runs', { params: { query: filled(query) } })),
  payoutRun: (runId: string) => answer(client.GET('/payout-runs/{runId}', { params: { path: { runId } } })),
  startPayoutRun: (options: CommandOptions) =>
    answer(client.POST('/payout-runs', { params: { header: commandHeaders(options) } })),
  downloadTransferFile: (runId: string) =>
    download(
      client.GET('/payout-runs/{runId}/transfer-file', { params: { path: { runId } }, parseAs: 'blob' }),
      `${runId}.txt`,
    ),
  bankResults: (runId: string, body: BodyOf<'/payout-runs/{runId}/bank-results', 'post'>, options: CommandOptions) =>
    answer(
      client.POST('/payout-runs/{runId}/bank-results', {
        params: { path: { runId }, header: commandHeaders(options) },
        body,
      }),
    ),

  memberState: (memberId: string, asOf: string, effectiveOn: string) =>
    answer(
      client.GET('/compliance/members/{memberId}/state', {
        params: { path: { memberId }, query: { asOf, effectiveOn } },
      }),
    ),
  memberHistory: (memberId: string, cursor?: string) =>
    answer(
      client.GET('/compliance/members/{memberId}/events', {
        params: { path: { memberId }, query: filled({ cursor, limit: 200 }) },
      }),
    ),
  integrity: () => answer(client.GET('/compliance/integrity')),
  startRebuildCheck: (projection: BodyOf<'/compliance/rebuild-checks', 'post'>['projection']) =>
    answer(client.POST('/compliance/rebuild-checks', { body: { projection } })),
  rebuildCheck: (id: string) => answer(client.GET('/compliance/rebuild-checks/{id}', { params: { path: { id } } })),
  exportPeriod: (from: string, to: string) =>
    download(
      client.GET('/compliance/exports', { params: { query: { from, to } }, parseAs: 'blob' }),
      `events-${from.slice(0, 10)}-${to.slice(0, 10)}.ndjson`,
    ),
  accessLog: (query: QueryOf<'/compliance/access-log'>) =>
    answer(client.GET('/compliance/access-log', { params: { query: filled(query) } })),
};
