import { type FormEvent, useState } from 'react';
import { api } from '../../api/endpoints';
import type { MemberRow } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

/** Finds the member to examine by kana or 記号/番号. */
export function MemberPicker(props: { memberId: string; onPick(memberId: string): void }) {
  const { t } = useI18n();
  const [kana, setKana] = useState('');
  const [number, setNumber] = useState('');
  const [found, setFound] = useState<MemberRow[] | null>(null);
  async function search(event: FormEvent) {
    event.preventDefault();
    setFound((await api.searchMembers({ nameKana: kana, number, limit: 20 })).items);
  }
  return (
    <div className="picker">
      <form role="search" className="search" onSubmit={(e) => void search(e)} aria-label={t('compliance.findMember')}>
        <div className="field">
          <label htmlFor="pick-kana">{t('search.nameKana')}</label>
          <input id="pick-kana" value={kana} onChange={(e) => setKana(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="pick-number">{t('search.number')}</label>
          <input id="pick-number" value={number} onChange={(e) => setNumber(e.target.value)} />
        </div>
        <button type="submit">{t('members.search')}</button>
      </form>
      {found && (
        <ul className="pick-list">
          {found.length === 0 && <li>{t('members.none')}</li>}
          {found.map((m) => (
            <li key={m.memberId}>
              <button
                type="button"
                aria-pressed={props.memberId === m.memberId}
                onClick={() => props.onPick(m.memberId)}
              >
                {m.name}（{m.nameKana}） {m.symbol}・{m.number}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
