import { type FormEvent, useState } from 'react';
import { api } from '../../api/endpoints';
import type { QueryOf } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { Pager } from '../../ui/pager';
import { Async, useLoad } from '../../ui/async';
import { instant } from '../../ui/format';

type Filters = Required<Pick<QueryOf<'/compliance/access-log'>, 'memberId' | 'actor' | 'from' | 'to'>> & {
  outcome: QueryOf<'/compliance/access-log'>['outcome'] | '';
};
const EMPTY: Filters = { memberId: '', actor: '', outcome: '', from: '', to: '' };

/** Who looked at which Individual Number, why, and who was refused. */
export function AccessLog() {
  const { t, label } = useI18n();
  const [draft, setDraft] = useState(EMPTY);
  const [filters, setFilters] = useState(EMPTY);
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const page = useLoad(
    () => api.accessLog({ ...filters, outcome: filters.outcome || undefined, cursor, limit: 50 }),
    [filters, cursor],
  );
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setCursors([]);
    setFilters(draft);
  };
  const input = (name: keyof typeof EMPTY, type = 'text') => (
    <div className="field">
      <label htmlFor={`access-${name}`}>{t(`access.${name}`)}</label>
      <input
        id={`access-${name}`}
        type={type}
        value={draft[name]}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      />
    </div>
  );
  return (
    <section aria-labelledby="access-title">
      <h2 id="access-title">{t('access.title')}</h2>
      <form className="search" onSubmit={apply} aria-label={t('access.filters')}>
        {input('memberId')}
        {input('actor')}
        <div className="field">
          <label htmlFor="access-outcome">{t('access.outcome')}</label>
          <select
            id="access-outcome"
            value={draft.outcome}
            onChange={(e) => setDraft({ ...draft, outcome: e.target.value as Filters['outcome'] })}
          >
            <option value="">{t('history.all')}</option>
            <option value="revealed">{label('accessOutcome', 'revealed')}</option>
            <option value="refused">{label('accessOutcome', 'refused')}</option>
          </select>
        </div>
        {input('from', 'date')}
        {input('to', 'date')}
        <button type="submit" className="primary">
          {t('access.apply')}
        </button>
      </form>
      <Async loaded={page}>
        {(result) => (
          <>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('access.at')}</th>
                  <th scope="col">{t('access.actor')}</th>
                  <th scope="col">{t('access.outcome')}</th>
                  <th scope="col">{t('reveal.purpose')}</th>
                  <th scope="col">{t('access.memberId')}</th>
                  <th scope="col">{t('access.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {result.items.map((r, i) => (
                  <tr key={`${r.at}-${i}`}>
                    <td>{instant(r.at)}</td>
                    <td>
                      {r.actor.id} <span className="subtle">({label('role', r.actor.role)})</span>
                    </td>
                    <td>
                      {label('accessOutcome', r.outcome ?? (r.type.endsWith('Refused') ? 'refused' : 'revealed'))}
                    </td>
                    <td>{label('purpose', r.purpose)}</td>
                    <td className="subtle">{r.memberId}</td>
                    <td>{r.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {result.items.length === 0 && <p>{t('access.none')}</p>}
            <Pager cursors={cursors} nextCursor={result.nextCursor} onChange={setCursors} />
          </>
        )}
      </Async>
    </section>
  );
}
