import { type ChangeEvent, type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import { ApiProblem } from '../../api/problem';
import type { BodyOf } from '../../api/types';
import { useSubmission } from '../../forms/idempotency';
import { useI18n } from '../../i18n/i18n';
import { Async, useLoad } from '../../ui/async';
import { yen } from '../../ui/format';
import { ProblemMessage } from '../../ui/problem-message';

/** The results as POST /payout-runs/{runId}/bank-results takes them (a bank's file is passed on as read: the API checks it). */
type Results = BodyOf<'/payout-runs/{runId}/bank-results', 'post'>['results'];

interface Outcome {
  outcome: 'accepted' | 'returned';
  reasonCode: string;
}

/** The bank's results for a run: one outcome per transfer, typed in or loaded from the bank's JSON file. */
export function BankResultsForm({ runId, onDone }: { runId: string; onDone(): void }) {
  const { t, label, language } = useI18n();
  const payouts = useLoad(() => api.payouts({ runId, status: 'instructed', limit: 1000 }), [runId]);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const [fileResults, setFileResults] = useState<Results | null>(null);
  const [receivedOn, setReceivedOn] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const { submit: send, pending } = useSubmission();
  // The run's instructions reach the payouts view a moment after the run finishes: read again until they are there.
  const empty = payouts.data?.items.length === 0;
  useEffect(() => {
    if (!empty) return;
    const timer = setTimeout(payouts.reload, 1000);
    return () => clearTimeout(timer);
  }, [empty, payouts.data, payouts.reload]);
  const outcomeOf = (payoutId: string): Outcome => outcomes[payoutId] ?? { outcome: 'accepted', reasonCode: '' };

  async function loadFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return setFileResults(null);
    try {
      const parsed = JSON.parse(await file.text()) as { results?: Results } | Results;
      setFileResults(Array.isArray(parsed) ? parsed : (parsed.results ?? []));
      setProblem(null);
    } catch {
      setProblem(new ApiProblem(400, 'bank_file_unreadable', t('bank.unreadable')));
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!payouts.data) return;
    const results: Results =
      fileResults ??
      payouts.data.items.map((p) => {
        const o = outcomeOf(p.payoutId);
        return {
          payoutId: p.payoutId,
          outcome: o.outcome,
          ...(o.outcome === 'returned' ? { reasonCode: o.reasonCode } : {}),
        };
      });
    const body = { results, ...(receivedOn ? { receivedOn } : {}) };
    try {
      if (!(await send(body, (idempotencyKey) => api.bankResults(runId, body, { idempotencyKey })))) return;
      setProblem(null);
      onDone();
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : null);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="bank-title" className="command-form">
      <h2 id="bank-title">{t('bank.title')}</h2>
      {problem && <ProblemMessage problem={problem} violations={problem.violations} />}
      <div className="field">
        <label htmlFor="bank-file">{t('bank.file')}</label>
        <input
          id="bank-file"
          type="file"
          accept="application/json,.json"
          onChange={(e) => void loadFile(e)}
          aria-describedby="bank-file-hint"
        />
        <p className="hint" id="bank-file-hint">
          {fileResults ? t('bank.fileLoaded', { count: fileResults.length }) : t('bank.fileHint')}
        </p>
      </div>
      {!fileResults && (
        <Async loaded={payouts}>
          {(page) => (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('bank.record')}</th>
                  <th scope="col">{t('claim.amount')}</th>
                  <th scope="col">{t('bank.outcome')}</th>
                  <th scope="col">{t('bank.reasonCode')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((p) => {
                  const o = outcomeOf(p.payoutId);
                  const set = (next: Partial<Outcome>) => setOutcomes({ ...outcomes, [p.payoutId]: { ...o, ...next } });
                  return (
                    <tr key={p.payoutId}>
                      <td>{(p.recordIndex ?? 0) + 1}</td>
                      <td className="money">{yen(p.amount, language)}</td>
                      <td>
                        <label className="visually-hidden" htmlFor={`outcome-${p.payoutId}`}>
                          {t('bank.outcomeOf', { record: (p.recordIndex ?? 0) + 1 })}
                        </label>
                        <select
                          id={`outcome-${p.payoutId}`}
                          value={o.outcome}
                          onChange={(e) => set({ outcome: e.target.value as Outcome['outcome'] })}
                        >
                          <option value="accepted">{label('bankOutcome', 'accepted')}</option>
                          <option value="returned">{label('bankOutcome', 'returned')}</option>
                        </select>
                      </td>
                      <td>
                        <label className="visually-hidden" htmlFor={`reason-${p.payoutId}`}>
                          {t('bank.reasonCodeOf', { record: (p.recordIndex ?? 0) + 1 })}
                        </label>
                        <input
                          id={`reason-${p.payoutId}`}
                          value={o.reasonCode}
                          disabled={o.outcome !== 'returned'}
                          onChange={(e) => set({ reasonCode: e.target.value })}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </Async>
      )}
      <div className="field">
        <label htmlFor="bank-received-on">
          {t('bank.receivedOn')} <span className="optional">{t('form.optional')}</span>
        </label>
        <input id="bank-received-on" type="date" value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} />
      </div>
      <button type="submit" className="primary" disabled={pending || (empty && !fileResults)}>
        {t('bank.submit')}
      </button>
    </form>
  );
}
