import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import { ApiProblem } from '../../api/problem';
import type { Projection, RebuildCheck } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { Async, useLoad } from '../../ui/async';
import { instant, japanLocalToInstant } from '../../ui/format';
import { ProblemMessage } from '../../ui/problem-message';

const PROJECTIONS: Projection[] = [
  'member_summary',
  'member_search',
  'eligibility',
  'benefit_claims',
  'payouts',
  'payout-runs',
  'recoveries',
];

/** Tamper evidence (hash chains), read models rebuilt and compared, and the export of a period. */
export function IntegrityPanel() {
  const { t, label } = useI18n();
  const integrity = useLoad(() => api.integrity(), []);
  const [projection, setProjection] = useState(PROJECTIONS[0]!);
  const [check, setCheck] = useState<RebuildCheck | null>(null);
  const [period, setPeriod] = useState({ from: '', to: '' });
  const [exported, setExported] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const fail = (error: unknown) => setProblem(error instanceof ApiProblem ? error : null);

  useEffect(() => {
    if (!check || check.status !== 'running') return;
    const timer = setTimeout(() => api.rebuildCheck(check.id).then(setCheck, fail), 1000);
    return () => clearTimeout(timer);
  }, [check]);

  const startCheck = (event: FormEvent) => {
    event.preventDefault();
    api.startRebuildCheck(projection).then(setCheck, fail);
  };
  const exportPeriod = (event: FormEvent) => {
    event.preventDefault();
    setExported(null);
    api
      .exportPeriod(japanLocalToInstant(`${period.from}T00:00`), japanLocalToInstant(`${period.to}T00:00`))
      .then(setExported, fail);
  };

  return (
    <>
      {problem && <ProblemMessage problem={problem} violations={problem.violations} />}
      <section aria-labelledby="integrity-title">
        <h2 id="integrity-title">{t('integrity.title')}</h2>
        <Async loaded={integrity}>
          {(result) => (
            <div role="status" className={result.ok ? 'done' : 'problem'}>
              <p>
                {result.ok ? t('integrity.ok') : t('integrity.broken', { count: result.breaks.length })}{' '}
                {t('integrity.checked', {
                  events: result.checkedEvents,
                  streams: result.streams,
                  at: instant(result.checkedAt),
                })}
              </p>
              {result.breaks.length > 0 && (
                <ul>
                  {result.breaks.map((b) => (
                    <li key={`${b.streamId}-${b.revision}`}>
                      {b.streamId} r{b.revision} ({b.type}): {b.reason}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </Async>
        <button type="button" onClick={integrity.reload}>
          {t('integrity.again')}
        </button>
      </section>
      <section aria-labelledby="rebuild-title">
        <h2 id="rebuild-title">{t('rebuild.title')}</h2>
        <form className="search" onSubmit={startCheck} aria-label={t('rebuild.title')}>
          <div className="field">
            <label htmlFor="rebuild-projection">{t('rebuild.projection')}</label>
            <select
              id="rebuild-projection"
              value={projection}
              onChange={(e) => setProjection(e.target.value as Projection)}
            >
              {PROJECTIONS.map((p) => (
                <option key={p} value={p}>
                  {label('projection', p)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="primary">
            {t('rebuild.start')}
          </button>
        </form>
        {check && (
          <p role="status">
            {t('rebuild.result', {
              projection: label('projection', check.projection),
              status: label('checkStatus', check.status),
              compared: check.compared ?? 0,
              differences: check.differences?.length ?? 0,
            })}
          </p>
        )}
      </section>
      <section aria-labelledby="export-title">
        <h2 id="export-title">{t('export.title')}</h2>
        <form className="search" onSubmit={exportPeriod} aria-label={t('export.title')}>
          <div className="field">
            <label htmlFor="export-from">{t('export.from')}</label>
            <input
              id="export-from"
              type="date"
              required
              value={period.from}
              onChange={(e) => setPeriod({ ...period, from: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="export-to">{t('export.to')}</label>
            <input
              id="export-to"
              type="date"
              required
              value={period.to}
              onChange={(e) => setPeriod({ ...period, to: e.target.value })}
            />
          </div>
          <button type="submit" className="primary">
            {t('export.submit')}
          </button>
        </form>
        <p className="hint">{t('export.hint')}</p>
        {exported && <p role="status">{t('export.done', { file: exported })}</p>}
      </section>
    </>
  );
}
