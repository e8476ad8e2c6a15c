import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiClient, components } from '@kenpo/api-client';
import { apiAs } from './support/api.js';
import { startTestBackOffice, type TestBackOffice } from './support/back-office.js';
import { claimAccount } from './support/claims.js';
import { dependant, enrollment, individualNumber } from './support/members.js';

type Schemas = components['schemas'];

/** Keys starting with `_` (storage fields such as `_position`) anywhere in a JSON answer. */
function internalKeys(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => internalKeys(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(key.startsWith('_') ? [`${path}.${key}`] : []),
    ...internalKeys(child, `${path}.${key}`),
  ]);
}

describe('one HTTP shape (issue 15.4): ETag as revision, Location, lists, status codes', () => {
  let system: TestBackOffice;
  let clerk: ApiClient;
  let approver: ApiClient;
  let operator: ApiClient;
  let admin: ApiClient;
  let officer: ApiClient;
  /** Every JSON answer of this file, scanned for storage fields at the end. */
  const answers: { url: string; body: unknown }[] = [];
  const seen = <T extends { response: Response; data?: unknown; error?: unknown }>(answer: T): T => {
    answers.push({ url: answer.response.url, body: answer.data ?? answer.error });
    return answer;
  };
  let memberId: string;
  let claimId: string;

  beforeAll(async () => {
    system = await startTestBackOffice();
    [clerk, approver, operator, admin, officer] = await Promise.all(
      (['clerk', 'approver', 'payment-operator', 'admin', 'compliance-officer'] as const).map((role) =>
        apiAs(system, role),
      ),
    );
    const enrolled = seen(
      await clerk.POST('/members', {
        body: enrollment({ individualNumber: individualNumber(1501) }) as Schemas['EnrollMemberDto'],
      }),
    );
    expect(enrolled.response.status).toBe(201);
    memberId = enrolled.data!.memberId;
  });
  afterAll(async () => {
    await system?.close();
  });

  it('creations answer 201 with the Location of what they created, also on an idempotent replay', async () => {
    const body = enrollment({ individualNumber: individualNumber(1502) }) as Schemas['EnrollMemberDto'];
    const params = { header: { 'Idempotency-Key': 'http-shape-enroll-1' } };
    const first = seen(await clerk.POST('/members', { body, params }));
    const again = seen(await clerk.POST('/members', { body, params }));
    expect(first.response.status).toBe(201);
    expect(first.response.headers.get('location')).toBe(`/members/${first.data!.memberId}`);
    expect(again.response.status).toBe(201);
    expect(again.response.headers.get('location')).toBe(first.response.headers.get('location'));
    const member = seen(
      await clerk.GET('/members/{memberId}', { params: { path: { memberId: first.data!.memberId } } }),
    );
    expect(member.response.status).toBe(200);

    const added = seen(
      await clerk.POST('/members/{memberId}/dependants', {
        params: { path: { memberId } },
        body: dependant() as Schemas['RecognizeDependantDto'],
      }),
    );
    expect(added.response.status).toBe(201);
    const dependantId = added.data!.dependantId;
    expect(added.response.headers.get('location')).toBe(`/members/${memberId}/dependants/${dependantId}`);
    const shown = seen(
      await clerk.GET('/members/{memberId}/dependants/{dependantId}', { params: { path: { memberId, dependantId } } }),
    );
    expect(shown.data).toMatchObject({ dependantId, relationship: 'spouse' });
    expect(shown.response.headers.get('etag')).toBe(`"${added.data!.revision}"`);

    const claim = seen(
      await clerk.POST('/members/{memberId}/benefit-claims', {
        params: { path: { memberId } },
        body: {
          personId: 'insured',
          payment: { method: 'account', account: claimAccount },
          benefit: {
            kind: 'childbirth-grant',
            birthDate: '2025-06-10',
            numberOfBabies: 1,
            obstetricCompensation: true,
          },
        } as Schemas['SubmitBenefitClaimDto'],
      }),
    );
    expect(claim.response.status).toBe(201);
    claimId = claim.data!.claimId;
    expect(claim.response.headers.get('location')).toBe(`/benefit-claims/${claimId}`);
  });

  it('commands that create nothing answer 200; ETag is "<revision>" and round-trips as If-Match', async () => {
    const path = { memberId };
    const before = seen(await clerk.GET('/members/{memberId}', { params: { path } }));
    const etag = before.response.headers.get('etag')!;
    expect(etag).toBe(`"${before.data!.revision}"`);
    const revised = seen(
      await clerk.POST('/members/{memberId}/remuneration-revisions', {
        params: { path, header: { 'If-Match': etag } },
        body: { effectiveFrom: '2025-09', kind: 'periodic', monthlyRemuneration: 320_000 },
      }),
    );
    expect(revised.response.status).toBe(200);
    expect(revised.response.headers.get('location')).toBeNull();
    expect(revised.response.headers.get('etag')).toBe(`"${revised.data!.revision}"`);
    const stale = seen(
      await clerk.POST('/members/{memberId}/card-linkage', {
        params: { path, header: { 'If-Match': etag } },
        body: { personId: 'insured', linkedOn: '2025-10-01' },
      }),
    );
    expect(stale.response.status).toBe(409);
    expect(stale.error).toMatchObject({ status: 409 });

    const claim = seen(await approver.GET('/benefit-claims/{claimId}', { params: { path: { claimId } } }));
    const claimETag = claim.response.headers.get('etag')!;
    expect(claimETag).toBe(`"${claim.data!.revision}"`);
    const approved = seen(
      await approver.POST('/benefit-claims/{claimId}/approval', {
        params: { path: { claimId }, header: { 'If-Match': claimETag } },
        body: {},
      }),
    );
    expect(approved.response.status).toBe(200);
    expect(approved.data!.status).toBe('approved');
  });

  it('asynchronous work answers 202 with the Location to poll', async () => {
    const run = seen(await operator.POST('/payout-runs'));
    expect(run.response.status).toBe(202);
    expect(run.response.headers.get('location')).toBe(`/payout-runs/${run.data!.runId}`);
    const polled = seen(await operator.GET('/payout-runs/{runId}', { params: { path: { runId: run.data!.runId } } }));
    expect(polled.response.status).toBe(200);

    const rebuild = seen(await admin.POST('/admin/rebuilds', { body: { projection: 'member_search' } }));
    expect(rebuild.response.status).toBe(202);
    expect(rebuild.response.headers.get('location')).toBe(`/admin/rebuilds/${rebuild.data!.id}`);
    expect(
      (await admin.GET('/admin/rebuilds/{id}', { params: { path: { id: rebuild.data!.id } } })).response.status,
    ).toBe(200);

    const check = seen(await officer.POST('/compliance/rebuild-checks', { body: { projection: 'eligibility' } }));
    expect(check.response.status).toBe(202);
    expect(check.response.headers.get('location')).toBe(`/compliance/rebuild-checks/${check.data!.id}`);
    const checked = await officer.GET('/compliance/rebuild-checks/{id}', { params: { path: { id: check.data!.id } } });
    expect(checked.response.status).toBe(200);
  });

  it('every list answers {items, nextCursor} (null on the last page), the cursor an opaque string', async () => {
    // The approved claim's payout, scheduled by the reactor: a list with a stored view in it.
    for (let i = 0; i < 100 && (await operator.GET('/payouts')).data!.items.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const lists = [
      await clerk.GET('/members', { params: { query: { limit: 1 } } }),
      await approver.GET('/benefit-claims', { params: { query: { memberId, limit: 1 } } }),
      await operator.GET('/payouts', { params: { query: { limit: 1 } } }),
      await operator.GET('/payout-runs', { params: { query: { limit: 1 } } }),
      await admin.GET('/admin/rebuilds'),
      await officer.GET('/compliance/members/{memberId}/events', {
        params: { path: { memberId }, query: { limit: 1 } },
      }),
      await officer.GET('/compliance/access-log', { params: { query: { limit: 1 } } }),
      await operator.GET('/recoveries', { params: { query: { limit: 1 } } }),
    ];
    for (const list of lists.map(seen)) {
      const { url, status } = list.response;
      expect({ url, status }).toEqual({ url, status: 200 });
      expect({ url, keys: Object.keys(list.data!).sort() }).toEqual({ url, keys: ['items', 'nextCursor'] });
      expect(list.data!.nextCursor === null || typeof list.data!.nextCursor === 'string').toBe(true);
    }
    const history = lists[5]!.data as Schemas['HistoryPageDto'];
    const next = seen(
      await officer.GET('/compliance/members/{memberId}/events', {
        params: { path: { memberId }, query: { limit: 1, cursor: history.nextCursor! } },
      }),
    );
    expect(next.data!.items[0]!.position).toBeGreaterThan(history.items[0]!.position);
    const payouts = seen(await operator.GET('/payouts'));
    expect(payouts.data!.items).toHaveLength(1);
    const payoutId = payouts.data!.items[0]!.payoutId;
    expect(seen(await operator.GET('/payouts/{payoutId}', { params: { path: { payoutId } } })).response.status).toBe(
      200,
    );
  });

  it('no answer carries a storage field, and no ETag is a hash of the body', async () => {
    const runs = seen(await operator.GET('/payout-runs'));
    expect(runs.response.headers.get('etag')).toBeNull();
    const leaks = answers.flatMap(({ url, body }) => internalKeys(body).map((key) => `${url} ${key}`));
    expect(leaks).toEqual([]);
    expect(answers.length).toBeGreaterThan(15);
  });
});
