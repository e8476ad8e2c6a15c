import { api } from '../api/endpoints';
import { type Capability, can } from '../auth/capabilities';
import { useSession } from '../auth/session';
import { type Language, useI18n } from '../i18n/i18n';
import { Link, usePath } from '../router';

const NAV: { to: string; key: string; capability: Capability }[] = [
  { to: '/console/members', key: 'nav.members', capability: 'members.read' },
  { to: '/console/approvals', key: 'nav.approvals', capability: 'claims.decide' },
  { to: '/console/payouts', key: 'nav.payouts', capability: 'payouts.held' },
  { to: '/console/compliance', key: 'nav.compliance', capability: 'compliance.read' },
  { to: '/console/access-log', key: 'nav.accessLog', capability: 'access-log.read' },
];

/** Opens the read-only queue dashboard in a new tab, signed in through a cookie only /queues receives. */
async function openQueues() {
  const tab = window.open('', '_blank');
  await api.openQueues();
  if (tab) tab.location.href = '/queues/';
  else location.href = '/queues/';
}

export function Header() {
  const { user, signOut } = useSession();
  const { t, label, language, setLanguage } = useI18n();
  const path = usePath();
  if (!user) return null;
  return (
    <header className="app-header">
      <span className="brand">{t('app.title')}</span>
      <nav aria-label={t('nav.label')}>
        <ul>
          {NAV.filter((item) => can(user.role, item.capability)).map((item) => (
            <li key={item.to}>
              <Link to={item.to} current={path.startsWith(item.to)}>
                {t(item.key)}
              </Link>
            </li>
          ))}
          {can(user.role, 'queues.open') && (
            <li>
              <button type="button" className="link" onClick={() => void openQueues()}>
                {t('nav.queues')}
              </button>
            </li>
          )}
        </ul>
      </nav>
      <div className="user">
        <span>
          {user.id} ({label('role', user.role)})
        </span>
        <label htmlFor="language" className="visually-hidden">
          {t('nav.language')}
        </label>
        <select id="language" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
          <option value="ja">日本語</option>
          <option value="en">English</option>
        </select>
        <button type="button" onClick={() => void signOut()}>
          {t('nav.signOut')}
        </button>
      </div>
    </header>
  );
}
