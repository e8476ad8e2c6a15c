import { type FormEvent, useState } from 'react';
import { api } from '../api/endpoints';
import { ApiProblem } from '../api/problem';
import type { ClaimDetail } from '../api/types';
import { can } from '../auth/capabilities';
import { useSession } from '../auth/session';
import { useSubmission } from '../forms/idempotency';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { Async, useLoad } from '../ui/async';
import { yen } from '../ui/format';
import { ProblemMessage } from '../ui/problem-message';

/** Submitted claims waiting for a second pair of eyes, oldest first. */
export function ApprovalsPage() {
  const { t, label, language } = useI18n();
  const queue = useLoad(() => api.claims({ status: 'submitted', limit: 100 }), []);
  return (
    <section aria-labelledby="approvals-title">
      <h1 id="approvals-title">{t('approvals.title')}</h1>
      <Async loaded={queue}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('approvals.empty')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('claim.submittedOn')}</th>
                  <th scope="col">{t('field.benefitKind')}</th>
                  <th scope="col">{t('claim.amount')}</th>
                  <th scope="col">{t('claim.submittedBy')}</th>
                  <th scope="col">{t('claim.open')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((c) => (
                  <tr key={c.claimId}>
                    <td>{c.submittedOn}</td>
                    <td>{label('benefitKind', c.kind)}</td>
                    <td className="money">{yen(c.amount, language)}</td>
                    <td>{c.submittedBy}</td>
                    <td>
                      <Link to={`/console/claims/${c.claimId}`}>
                        {t('claim.review', { kind: label('benefitKind', c.kind) })}
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
  );
}

/** One claim: the facts, the amount and how it was computed, and the decision for approvers. */
export function ClaimPage({ id }: { id: string }) {
  const claim = useLoad(() => api.claim(id), [id]);
  return <Async loaded={claim}>{(c) => <ClaimView claim={c} onDecided={claim.reload} />}</Async>;
}

function ClaimView({ claim, onDecided }: { claim: ClaimDetail; onDecided(): void }) {
  const { t, label, language } = useI18n();
  const { user } = useSession();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const { submit, pending } = useSubmission();

  const [override, setOverride] = useState('');
  const duplicate = problem?.code === 'duplicate_insured_event';

  async function decide(kind: 'approve' | 'reject' | 'withdraw', event?: FormEvent) {
    event?.preventDefault();
    const send = (idempotencyKey: string) => {
      const options = { ifMatch: claim.revision, idempotencyKey };
      if (kind === 'approve') return api.approve(claim.claimId, duplicate ? override : '', options);
      if (kind === 'reject') return api.reject(claim.claimId, reason, options);
      return api.withdraw(claim.claimId, reason, options);
    };
    try {
      if (!(await submit({ kind, reason, override, revision: claim.revision }, send))) return;
      setProblem(null);
      onDecided();
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : new ApiProblem(0, 'network', String(error)));
    }
  }

  const open = claim.status === 'submitted';
  return (
    <article aria-labelledby="claim-title">
      <div className="page-title">
        <h1 id="claim-title">
          {label('benefitKind', claim.kind)} <span className="money">{yen(claim.amount, language)}</span>
        </h1>
        <span className={`status status-${claim.status}`}>{label('claimStatus', claim.status)}</span>
        <Link to={`/console/members/${claim.memberId}`}>{t('claim.member')}</Link>
      </div>
      <dl className="facts">
        <dt>{t('claim.submittedOn')}</dt>
        <dd>{claim.submittedOn}</dd>
        <dt>{t('claim.submittedBy')}</dt>
        <dd>{claim.submittedBy}</dd>
        <dt>{t('field.paymentMethod')}</dt>
        <dd>{label('paymentMethod', claim.payment?.method)}</dd>
        <dt>{t('claim.covered')}</dt>
        <dd>{claim.coverage ? (claim.coverage.covered ? t('common.yes') : t('common.no')) : '—'}</dd>
        {Object.entries(claim.benefit ?? {})
          .filter(([k]) => k !== 'kind')
          .map(([k, v]) => (
            <div key={k} className="fact">
              <dt>{t(`field.${k}`)}</dt>
              <dd>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>
            </div>
          ))}
      </dl>
      {claim.breakdown && (
        <section aria-labelledby="breakdown-title">
          <h2 id="breakdown-title">{t('claim.breakdown')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('claim.step')}</th>
                <th scope="col">{t('claim.formula')}</th>
                <th scope="col">{t('claim.value')}</th>
              </tr>
            </thead>
            <tbody>
              {claim.breakdown.steps.map((s, i) => (
                <tr key={i}>
                  <td>{s.step}</td>
                  <td>{s.formula ?? ''}</td>
                  <td className="money">
                    {typeof s.value === 'number' ? s.value.toLocaleString('ja-JP') : (s.value ?? '')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {claim.breakdown.notes.length > 0 && (
            <ul>
              {claim.breakdown.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </section>
      )}
      {problem && <ProblemMessage problem={problem} onReload={onDecided} />}
      {open && can(user?.role, 'claims.decide') && (
        <section aria-labelledby="decision-title" className="actions">
          <h2 id="decision-title">{t('claim.decision')}</h2>
          {duplicate ? (
            <form onSubmit={(e) => void decide('approve', e)} className="inline-form">
              <label htmlFor="duplicate-reason">{t('claim.duplicateReason')}</label>
              <input id="duplicate-reason" value={override} onChange={(e) => setOverride(e.target.value)} />
              <button type="submit" className="primary" disabled={pending || !override.trim()}>
                {t('claim.approveDuplicate')}
              </button>
            </form>
          ) : (
            <button type="button" className="primary" disabled={pending} onClick={() => void decide('approve')}>
              {t('claim.approve')}
            </button>
          )}
          <form onSubmit={(e) => void decide('reject', e)} className="inline-form">
            <label htmlFor="rejection-reason">{t('claim.rejectionReason')}</label>
            <input id="rejection-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
            <button type="submit" disabled={pending}>
              {t('claim.reject')}
            </button>
          </form>
        </section>
      )}
      {open && can(user?.role, 'claims.submit') && (
        <section aria-labelledby="withdraw-title" className="actions">
          <h2 id="withdraw-title">{t('claim.withdrawal')}</h2>
          <form onSubmit={(e) => void decide('withdraw', e)} className="inline-form">
            <label htmlFor="withdrawal-reason">{t('claim.withdrawalReason')}</label>
            <input id="withdrawal-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
            <button type="submit" disabled={pending}>
              {t('claim.withdraw')}
            </button>
          </form>
        </section>
      )}
    </article>
  );
}
