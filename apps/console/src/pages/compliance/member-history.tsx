import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import { ApiProblem } from '../../api/problem';
import type { HistoryEvent } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { instant } from '../../ui/format';
import { ProblemMessage } from '../../ui/problem-message';

const STREAM_KINDS = ['member', 'claim', 'payout', 'other'] as const;
const kindOf = (streamId: string) => STREAM_KINDS.find((k) => streamId.startsWith(`${k}-`)) ?? 'other';

/** Every event of the member (member, claim and payout streams) with who, when, why; filtered on the page. */
export function MemberHistory({ memberId }: { memberId: string }) {
  const { t, label } = useI18n();
  const [events, setEvents] = useState<HistoryEvent[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [filters, setFilters] = useState({ type: '', stream: '', actor: '', from: '', to: '' });

  const loadMore = async (from?: string) => {
    try {
      const page = await api.memberHistory(memberId, from);
      setEvents((previous) => (from ? [...previous, ...page.items] : page.items));
      setCursor(page.nextCursor ?? null);
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : null);
    }
  };
  useEffect(() => {
    setEvents([]);
    void loadMore();
  }, [memberId]); // a new member starts from the first page

  const types = [...new Set(events.map((e) => e.type))].sort();
  const shown = events.filter(
    (e) =>
      (!filters.type || e.type === filters.type) &&
      (!filters.stream || kindOf(e.streamId) === filters.stream) &&
      (!filters.actor || (e.actor ?? '').includes(filters.actor)) &&
      (!filters.from || e.recordedAt >= filters.from) &&
      (!filters.to || e.recordedAt.slice(0, 10) <= filters.to),
  );
  const select = (name: 'type' | 'stream', options: readonly string[], group: string) => (
    <div className="field">
      <label htmlFor={`history-${name}`}>{t(`history.${name}`)}</label>
      <select
        id={`history-${name}`}
        value={filters[name]}
        onChange={(e) => setFilters({ ...filters, [name]: e.target.value })}
      >
        <option value="">{t('history.all')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {label(group, o)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('member.history')}</h2>
      {problem && <ProblemMessage problem={problem} />}
      <div className="search" role="group" aria-label={t('history.filters')}>
        {select('type', types, 'eventType')}
        {select('stream', STREAM_KINDS, 'streamKind')}
        <div className="field">
          <label htmlFor="history-actor">{t('history.actor')}</label>
          <input
            id="history-actor"
            value={filters.actor}
            onChange={(e) => setFilters({ ...filters, actor: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="history-from">{t('history.from')}</label>
          <input
            id="history-from"
            type="date"
            value={filters.from}
            onChange={(e) => setFilters({ ...filters, from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="history-to">{t('history.to')}</label>
          <input
            id="history-to"
            type="date"
            value={filters.to}
            onChange={(e) => setFilters({ ...filters, to: e.target.value })}
          />
        </div>
      </div>
      <p role="status">{t('history.count', { shown: shown.length, loaded: events.length })}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('history.recordedAt')}</th>
            <th scope="col">{t('history.type')}</th>
            <th scope="col">{t('history.effectiveDate')}</th>
            <th scope="col">{t('history.actor')}</th>
            <th scope="col">{t('history.reason')}</th>
            <th scope="col">{t('history.stream')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e) => (
            <tr key={e.position}>
              <td>{instant(e.recordedAt)}</td>
              <td>
                {label('eventType', e.type)}
                <br />
                <span className="subtle">{e.type}</span>
              </td>
              <td>{e.effectiveDate ?? '—'}</td>
              <td>
                {e.actor} <span className="subtle">({label('role', e.role)})</span>
              </td>
              <td>{e.reason ?? ''}</td>
              <td className="subtle">
                {label('streamKind', kindOf(e.streamId))} r{e.revision}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {cursor && (
        <button type="button" onClick={() => void loadMore(cursor)}>
          {t('history.more')}
        </button>
      )}
    </section>
  );
}
