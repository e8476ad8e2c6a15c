import { type FormEvent, useState } from 'react';
import { api } from '../../api/endpoints';
import { useI18n } from '../../i18n/i18n';
import { Async, useLoad } from '../../ui/async';
import { instantToJapanLocal, japanLocalToInstant, todayInJapan, yen } from '../../ui/format';

/** Two axes: what had been recorded by an instant (as-of), read on a business date (effective on). */
export function MemberStateAsOf({ memberId }: { memberId: string }) {
  const { t, label, language } = useI18n();
  const [draft, setDraft] = useState(() => ({ asOf: instantToJapanLocal(new Date()), effectiveOn: todayInJapan() }));
  const [query, setQuery] = useState(draft);
  const state = useLoad(
    () => api.memberState(memberId, japanLocalToInstant(query.asOf), query.effectiveOn),
    [memberId, query],
  );
  const show = (event: FormEvent) => {
    event.preventDefault();
    setQuery(draft);
  };
  return (
    <section aria-labelledby="state-title">
      <h2 id="state-title">{t('compliance.state')}</h2>
      <form className="search" onSubmit={show} aria-label={t('compliance.state')}>
        <div className="field">
          <label htmlFor="state-as-of">{t('compliance.asOf')}</label>
          <input
            id="state-as-of"
            type="datetime-local"
            step={1}
            value={draft.asOf}
            onChange={(e) => setDraft({ ...draft, asOf: e.target.value })}
            aria-describedby="state-as-of-hint"
          />
          <p className="hint" id="state-as-of-hint">
            {t('compliance.asOfHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="state-effective-on">{t('compliance.effectiveOn')}</label>
          <input
            id="state-effective-on"
            type="date"
            value={draft.effectiveOn}
            onChange={(e) => setDraft({ ...draft, effectiveOn: e.target.value })}
          />
        </div>
        <button type="submit" className="primary">
          {t('compliance.show')}
        </button>
      </form>
      <Async loaded={state}>
        {(s) => (
          <div className="state" data-testid="member-state">
            <p role="status">
              {s.known
                ? t('compliance.stateSummary', {
                    status: label('memberStatus', s.status),
                    revision: s.revision ?? '—',
                    effectiveOn: s.effectiveOn,
                  })
                : t('compliance.unknownThen')}
            </p>
            {s.known && (
              <>
                <dl className="facts">
                  <dt>{t('compliance.recordedStatus')}</dt>
                  <dd>{label('memberStatus', s.recordedStatus)}</dd>
                  {s.loss && (
                    <>
                      <dt>{t('member.loss')}</dt>
                      <dd>
                        {s.loss.lossDate}（{label('lossReason', s.loss.reason)}）
                      </dd>
                    </>
                  )}
                  <dt>{t('compliance.grade')}</dt>
                  <dd>
                    {s.standardRemuneration
                      ? t('member.gradeValue', {
                          grade: s.standardRemuneration.grade,
                          amount: yen(s.standardRemuneration.standardMonthlyRemuneration, language),
                        })
                      : '—'}
                  </dd>
                </dl>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('field.name')}</th>
                      <th scope="col">{t('field.relationship')}</th>
                      <th scope="col">{t('compliance.coveredOn', { date: s.effectiveOn })}</th>
                      <th scope="col">{t('compliance.document')}</th>
                      <th scope="col">{t('member.coverage')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.persons.map((p) => (
                      <tr key={p.personId}>
                        <td>{p.name}</td>
                        <td>{p.role === 'insured' ? t('member.insured') : label('relationship', p.relationship)}</td>
                        <td className={p.coveredOn ? 'yes' : 'no'}>
                          {p.coveredOn ? t('compliance.covered') : t('compliance.notCovered')}
                        </td>
                        <td>{label('documentKind', p.document)}</td>
                        <td>{p.coverage.map((c) => `${c.from} – ${c.until ?? ''}`).join(', ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </div>
        )}
      </Async>
    </section>
  );
}
