import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import { ApiProblem } from '../../api/problem';
import { can } from '../../auth/capabilities';
import { useSession } from '../../auth/session';
import { CommandForm } from '../../forms/command-form';
import { useSubmission } from '../../forms/idempotency';
import { PAYOUT_RELEASE } from '../../forms/member-commands';
import { useI18n } from '../../i18n/i18n';
import { Link, navigate } from '../../router';
import type { BodyOf, Payout } from '../../api/types';
import { Async, useLoad } from '../../ui/async';
import { instant, yen } from '../../ui/format';
import { ProblemMessage } from '../../ui/problem-message';

/** The release form's body: its field names are checked against this type in forms/member-commands.ts. */
type ReleaseBody = BodyOf<'/payouts/{payoutId}/account', 'put'>;

/** Payout runs (start one, follow it) and the held payouts, which a clerk releases by giving the account to pay. */
export function PayoutsPage() {
  const { t, label, language } = useI18n();
  const { user } = useSession();
  const operator = can(user?.role, 'payouts.runs');
  const mayStart = can(user?.role, 'payouts.run');
  const runs = useLoad(() => (operator ? api.payoutRuns({ limit: 20 }) : Promise.resolve(null)), [operator]);
  const held = useLoad(() => api.payouts({ status: 'held', limit: 100 }), []);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const { submit, pending } = useSubmission();
  const mayRelease = can(user?.role, 'payouts.release');
  const [releasing, setReleasing] = useState<Payout | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The payouts view follows the log a moment later (no read-your-writes on this list): hide what was released here.
  const [released, setReleased] = useState<ReadonlySet<string>>(new Set());
  // The form opens below the list: a keyboard user lands in its first field rather than hunting for it.
  useEffect(() => {
    if (releasing) document.querySelector<HTMLElement>('#release-form input')?.focus();
  }, [releasing?.payoutId]);

  async function start() {
    try {
      const answer = await submit({ run: 'now' }, (idempotencyKey) => api.startPayoutRun({ idempotencyKey }));
      if (answer) navigate(`/console/payouts/runs/${answer.runId}`);
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : null);
    }
  }

  return (
    <>
      {operator && (
        <section aria-labelledby="runs-title">
          <div className="page-title">
            <h1 id="runs-title">{t('payouts.runs')}</h1>
            {mayStart && (
              <button type="button" className="primary" disabled={pending} onClick={() => void start()}>
                {t('payouts.start')}
              </button>
            )}
          </div>
          {problem && <ProblemMessage problem={problem} />}
          <Async loaded={runs}>
            {(page) =>
              !page || page.items.length === 0 ? (
                <p>{t('payouts.noRuns')}</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('payouts.runId')}</th>
                      <th scope="col">{t('payouts.createdAt')}</th>
                      <th scope="col">{t('payouts.transferDate')}</th>
                      <th scope="col">{t('payouts.count')}</th>
                      <th scope="col">{t('payouts.total')}</th>
                      <th scope="col">{t('payouts.runStatus')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((r) => (
                      <tr key={r.runId}>
                        <td>
                          <Link to={`/console/payouts/runs/${r.runId}`}>{r.runId}</Link>
                        </td>
                        <td>{instant(r.createdAt)}</td>
                        <td>{r.transferDate ?? '—'}</td>
                        <td>{r.count ?? 0}</td>
                        <td className="money">{yen(r.total ?? 0, language)}</td>
                        <td>{label('runStatus', r.status)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )
            }
          </Async>
        </section>
      )}
      <section aria-labelledby="held-title">
        {operator ? <h2 id="held-title">{t('payouts.held')}</h2> : <h1 id="held-title">{t('payouts.held')}</h1>}
        <p className="hint">{t('payouts.heldHint')}</p>
        <Async loaded={held}>
          {(page) => {
            const items = page.items.filter((p) => !released.has(p.payoutId));
            return items.length === 0 ? (
              <p>{t('payouts.noHeld')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('payout.dueDate')}</th>
                    <th scope="col">{t('claim.amount')}</th>
                    <th scope="col">{t('payout.holdReason')}</th>
                    <th scope="col">{t('payout.heldOn')}</th>
                    <th scope="col">{t('payouts.release')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((p) => (
                    <tr key={p.payoutId}>
                      <td>{p.dueDate}</td>
                      <td className="money">{yen(p.amount, language)}</td>
                      <td>
                        {p.hold ? label('holdReason', p.hold.reason) : '—'}
                        {p.hold?.detail && (
                          <span className="hint" lang="en">
                            {' '}
                            {p.hold.detail}
                          </span>
                        )}
                        {p.returns.length > 0 &&
                          ` (${t('payouts.returnedWith', { code: p.returns.at(-1)!.reasonCode })})`}
                      </td>
                      <td>{p.hold?.heldOn ?? '—'}</td>
                      <td>
                        {mayRelease && (
                          <button
                            type="button"
                            aria-expanded={releasing?.payoutId === p.payoutId}
                            aria-controls="release-form"
                            onClick={() => {
                              setNotice(null);
                              setReleasing(releasing?.payoutId === p.payoutId ? null : p);
                            }}
                          >
                            {t('payouts.giveAccount', { amount: yen(p.amount, language) })}
                          </button>
                        )}{' '}
                        <Link to={`/console/members/${p.memberId}`}>{t('payouts.openMember')}</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          }}
        </Async>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {releasing && (
          <div id="release-form">
            <CommandForm<{ status: string }>
              key={releasing.payoutId}
              id="release"
              title={t('payouts.releaseTitle', { amount: yen(releasing.amount, language), due: releasing.dueDate })}
              specs={PAYOUT_RELEASE}
              submitLabel={t('payouts.releaseSubmit')}
              submit={(body, idempotencyKey) =>
                api.releasePayout(releasing.payoutId, body as ReleaseBody, {
                  ifMatch: releasing.revision,
                  idempotencyKey,
                })
              }
              onDone={(answer) => {
                setReleased((ids) => new Set([...ids, releasing.payoutId]));
                setReleasing(null);
                setNotice(t('payouts.released', { status: label('payoutStatus', answer.status) }));
                held.reload();
              }}
              onReload={() => {
                setReleasing(null);
                held.reload();
              }}
            />
          </div>
        )}
      </section>
    </>
  );
}
