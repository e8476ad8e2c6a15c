import { type FormEvent, useState } from 'react';
import { api } from '../api/endpoints';
import type { QueryOf } from '../api/types';
import { can } from '../auth/capabilities';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { Pager } from '../ui/pager';
import { Async, useLoad } from '../ui/async';

type Query = QueryOf<'/members'>;
type Filters = Required<Pick<Query, 'nameKana' | 'symbol' | 'number' | 'officeCode' | 'birthDate'>> & {
  status: Query['status'] | '';
};
const EMPTY: Filters = { nameKana: '', symbol: '', number: '', officeCode: '', status: '', birthDate: '' };

/** Member search: kana prefix, 記号/番号, office, status, date of birth; 20 a page. */
export function MembersPage() {
  const { t, label } = useI18n();
  const { user } = useSession();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const page = useLoad(
    () => api.searchMembers({ ...filters, status: filters.status || undefined, cursor, limit: 20 }),
    [filters, cursor],
  );

  const search = (event: FormEvent) => {
    event.preventDefault();
    setCursors([]);
    setFilters(draft);
  };
  const input = (name: keyof Filters, type = 'text') => (
    <div className="field">
      <label htmlFor={`search-${name}`}>{t(`search.${name}`)}</label>
      <input
        id={`search-${name}`}
        type={type}
        value={draft[name]}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      />
    </div>
  );

  return (
    <section aria-labelledby="members-title">
      <div className="page-title">
        <h1 id="members-title">{t('members.title')}</h1>
        {can(user?.role, 'members.write') && (
          <Link to="/console/members/new" className="button primary">
            {t('members.enroll')}
          </Link>
        )}
      </div>
      <form className="search" role="search" onSubmit={search} aria-label={t('members.search')}>
        {input('nameKana')}
        {input('symbol')}
        {input('number')}
        {input('officeCode')}
        <div className="field">
          <label htmlFor="search-status">{t('search.status')}</label>
          <select
            id="search-status"
            value={draft.status}
            onChange={(e) => setDraft({ ...draft, status: e.target.value as Filters['status'] })}
          >
            <option value="">{t('search.anyStatus')}</option>
            {['active', 'lost', 'voluntary-continuation'].map((s) => (
              <option key={s} value={s}>
                {label('memberStatus', s)}
              </option>
            ))}
          </select>
        </div>
        {input('birthDate', 'date')}
        <button type="submit" className="primary">
          {t('members.search')}
        </button>
      </form>
      <Async loaded={page}>
        {(result) => (
          <>
            <table>
              <caption className="visually-hidden">{t('members.results')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('field.symbol')}</th>
                  <th scope="col">{t('field.number')}</th>
                  <th scope="col">{t('field.name')}</th>
                  <th scope="col">{t('field.nameKana')}</th>
                  <th scope="col">{t('field.dateOfBirth')}</th>
                  <th scope="col">{t('field.officeCode')}</th>
                  <th scope="col">{t('search.status')}</th>
                </tr>
              </thead>
              <tbody>
                {result.items.map((m) => (
                  <tr key={m.memberId}>
                    <td>{m.symbol}</td>
                    <td>{m.number}</td>
                    <td>
                      <Link to={`/console/members/${m.memberId}`}>{m.name}</Link>
                    </td>
                    <td>{m.nameKana}</td>
                    <td>{m.dateOfBirth}</td>
                    <td>{m.officeCode}</td>
                    <td>{label('memberStatus', m.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {result.items.length === 0 && <p>{t('members.none')}</p>}
            <Pager cursors={cursors} nextCursor={result.nextCursor} onChange={setCursors} />
          </>
        )}
      </Async>
    </section>
  );
}
