import { useState } from 'react';
import { can } from '../../auth/capabilities';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { AccessLog } from './access-log';
import { IntegrityPanel } from './integrity-panel';
import { MemberHistory } from './member-history';
import { MemberPicker } from './member-picker';
import { MemberStateAsOf } from './member-state';

type Tab = 'member' | 'integrity' | 'access-log';

/** The compliance officer's desk: a member's state on two time axes and history, integrity, exports, access log. */
export function CompliancePage(props: { tab?: Tab }) {
  const { t } = useI18n();
  const { user } = useSession();
  const [memberId, setMemberId] = useState(() => new URLSearchParams(location.search).get('member') ?? '');
  const compliance = can(user?.role, 'compliance.read');
  const [tab, setTab] = useState<Tab>(props.tab ?? (compliance ? 'member' : 'access-log'));
  const tabs: Tab[] = compliance ? ['member', 'integrity', 'access-log'] : ['access-log'];
  return (
    <section aria-labelledby="compliance-title">
      <h1 id="compliance-title">{t(tab === 'access-log' && !compliance ? 'nav.accessLog' : 'compliance.title')}</h1>
      {tabs.length > 1 && (
        <div role="tablist" aria-label={t('compliance.title')} className="tabs">
          {tabs.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`tab-${name}`}
              aria-selected={tab === name}
              aria-controls={`panel-${name}`}
              tabIndex={tab === name ? 0 : -1}
              onClick={() => setTab(name)}
              onKeyDown={(event) => {
                // The tabs pattern: arrows move between tabs, Tab goes on to the panel.
                const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
                if (!step) return;
                const next = tabs[(tabs.indexOf(name) + step + tabs.length) % tabs.length]!;
                setTab(next);
                document.getElementById(`tab-${next}`)?.focus();
              }}
            >
              {t(`compliance.tab.${name}`)}
            </button>
          ))}
        </div>
      )}
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={tabs.length > 1 ? `tab-${tab}` : 'compliance-title'}>
        {tab === 'member' && (
          <>
            <MemberPicker memberId={memberId} onPick={setMemberId} />
            {memberId && (
              <>
                <MemberStateAsOf memberId={memberId} />
                <MemberHistory memberId={memberId} />
              </>
            )}
          </>
        )}
        {tab === 'integrity' && <IntegrityPanel />}
        {tab === 'access-log' && <AccessLog />}
      </div>
    </section>
  );
}
