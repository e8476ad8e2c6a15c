import { useState } from 'react';
import { api } from '../../api/endpoints';
import { ApiProblem } from '../../api/problem';
import { can } from '../../auth/capabilities';
import { useSession } from '../../auth/session';
import { useSubmission } from '../../forms/idempotency';
import { useI18n } from '../../i18n/i18n';
import { Link, navigate } from '../../router';
import { Async, useLoad } from '../../ui/async';
import { instant, yen } from '../../ui/format';
import { ProblemMessage } from '../../ui/problem-message';

/** Payout runs (start one, follow it) and the payouts held for want of an account. */
export function PayoutsPage() {
  const { t, label, language } = useI18n();
  const { user } = useSession();
  const operator = can(user?.role, 'payouts.runs');
  const mayStart = can(user?.role, 'payouts.run');
  const runs = useLoad(() => (operator ? api.payoutRuns({ limit: 20 }) : Promise.resolve(null)), [operator]);
  const held = useLoad(() => api.payouts({ status: 'held', limit: 100 }), []);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const { submit, pending } = useSubmission();

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
          {(page) =>
            page.items.length === 0 ? (
              <p>{t('payouts.noHeld')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('payout.dueDate')}</th>
                    <th scope="col">{t('claim.amount')}</th>
                    <th scope="col">{t('payout.holdReason')}</th>
                    <th scope="col">{t('payouts.release')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((p) => (
                    <tr key={p.payoutId}>
                      <td>{p.dueDate}</td>
                      <td className="money">{yen(p.amount, language)}</td>
                      <td>
                        {p.hold ? label('holdReason', p.hold.reason) : '—'}
                        {p.returns.length > 0 &&
                          ` (${t('payouts.returnedWith', { code: p.returns.at(-1)!.reasonCode })})`}
                      </td>
                      <td>
                        <Link to={`/console/members/${p.memberId}`}>
                          {can(user?.role, 'accounts.write') ? t('payouts.registerAccount') : t('payouts.openMember')}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Async>
      </section>
    </>
  );
}
