import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import type { PayoutRun } from '../../api/types';
import { can } from '../../auth/capabilities';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../router';
import { Async, useLoad } from '../../ui/async';
import { instant, yen } from '../../ui/format';
import { BankResultsForm } from './bank-results-form';

const FINISHED = ['completed', 'failed'];

/** A run: progress until its job finishes, then the result, the Zengin file and the bank's answer. */
export function PayoutRunPage({ id }: { id: string }) {
  const { t, label, language } = useI18n();
  const operator = can(useSession().user?.role, 'payouts.run');
  const run = useLoad(() => api.payoutRun(id).catch(queuedUntilPlanned(id)), [id]);
  const [downloaded, setDownloaded] = useState<string | null>(null);
  // After the bank's results the run's view follows a moment later (projector): keep reading until it does.
  const [resultsSent, setResultsSent] = useState(false);
  const running = !run.data || !FINISHED.includes(run.data.job?.state ?? '');
  const settling = resultsSent && run.data?.status === 'created';
  useEffect(() => {
    if (!running && !settling) return;
    const timer = setTimeout(run.reload, 1000);
    return () => clearTimeout(timer);
  }, [running, settling, run.data, run.reload]);

  return (
    <article aria-labelledby="run-title">
      <div className="page-title">
        <h1 id="run-title">{t('payouts.run', { id })}</h1>
        <Link to="/console/payouts">{t('payouts.backToRuns')}</Link>
      </div>
      <Async loaded={run}>
        {(r) => {
          // Until the worker records the run, the API (or a 404 right after the start) gives only its job.
          const recorded = r.status === 'pending' ? null : r;
          return (
            <>
              <p role="status" className={running ? 'notice' : 'done'}>
                {running
                  ? t('payouts.progress', { state: label('jobState', r.job?.state ?? 'queued') })
                  : t('payouts.finished', { state: label('jobState', r.job?.state ?? '') })}
                {r.job?.failedReason && ` — ${r.job.failedReason}`}
              </p>
              <dl className="facts">
                <dt>{t('payouts.runStatus')}</dt>
                <dd>{label('runStatus', r.status)}</dd>
                <dt>{t('payouts.createdAt')}</dt>
                <dd>{recorded ? instant(recorded.createdAt) : '—'}</dd>
                <dt>{t('payouts.transferDate')}</dt>
                <dd>{recorded?.transferDate ?? '—'}</dd>
                <dt>{t('payouts.count')}</dt>
                <dd>{recorded?.count ?? 0}</dd>
                <dt>{t('payouts.total')}</dt>
                <dd className="money">{yen(recorded?.total ?? 0, language)}</dd>
                <dt>{t('payouts.heldInRun')}</dt>
                <dd>{recorded?.held ?? 0}</dd>
                <dt>{t('payouts.accepted')}</dt>
                <dd>{recorded?.accepted ?? 0}</dd>
                <dt>{t('payouts.returned')}</dt>
                <dd>{recorded?.returned ?? 0}</dd>
                {recorded?.sha256 && (
                  <>
                    <dt>SHA-256</dt>
                    <dd className="hash">{recorded.sha256}</dd>
                  </>
                )}
              </dl>
              {recorded?.fileName && operator && (
                <p>
                  <button
                    type="button"
                    className="primary"
                    onClick={() => void api.downloadTransferFile(r.runId).then(setDownloaded)}
                  >
                    {t('payouts.download', { file: recorded.fileName })}
                  </button>
                  {downloaded && (
                    <span role="status" className="notice">
                      {' '}
                      {t('payouts.downloaded', { file: downloaded })}
                    </span>
                  )}
                </p>
              )}
              {recorded?.fileName && operator && recorded.status === 'created' && !resultsSent && (
                <BankResultsForm runId={r.runId} onDone={() => setResultsSent(true)} />
              )}
              {settling && <p role="status">{t('bank.recording')}</p>}
            </>
          );
        }}
      </Async>
    </article>
  );
}

/** Right after the start the run has no record yet (the worker has not planned it): show it as queued. */
function queuedUntilPlanned(runId: string) {
  return (error: { status?: number }): PayoutRun => {
    if (error.status !== 404) throw error;
    return { runId, status: 'pending', job: { state: 'queued', attemptsMade: 0, failedReason: null } };
  };
}
