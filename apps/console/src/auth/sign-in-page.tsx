import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import { ROLES, type Role } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { navigate } from '../router';
import { homeOf } from './capabilities';
import { beginSignIn, completeSignIn } from './oidc';
import { takeReturnTo } from './return-to';
import { useSession } from './session';

const SAMPLE_USERS: Record<Role, string> = {
  clerk: 'clerk-1',
  approver: 'approver-1',
  'payment-operator': 'operator-1',
  'compliance-officer': 'compliance-1',
  admin: 'admin-1',
};

/** Production: a button that goes to the identity provider. Development: pick a user and a role. */
export function SignInPage() {
  const { t, label } = useI18n();
  const session = useSession();
  const [role, setRole] = useState<Role>('clerk');
  const [user, setUser] = useState(SAMPLE_USERS.clerk);
  const [error, setError] = useState<string | null>(null);
  const expired = new URLSearchParams(location.search).has('expired');

  async function devSignIn(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const { accessToken } = await api.devToken(user.trim(), role);
      const me = await session.signIn(accessToken);
      navigate(takeReturnTo(homeOf(me.role)), true);
    } catch (e) {
      setError(String((e as Error).message));
    }
  }

  return (
    <main className="sign-in" id="main">
      <h1>{t('app.title')}</h1>
      {expired && (
        <p className="notice" role="status">
          {t('signIn.expired')}
        </p>
      )}
      {error && (
        <p className="problem" role="alert">
          {error}
        </p>
      )}
      {session.config.signIn === 'oidc' && session.config.oidc && (
        <button
          type="button"
          className="primary"
          onClick={() => beginSignIn(session.config.oidc!, '/console/').catch((e: Error) => setError(e.message))}
        >
          {t('signIn.withProvider')}
        </button>
      )}
      {session.config.signIn === 'development' && (
        <form onSubmit={devSignIn} aria-labelledby="dev-sign-in-title">
          <h2 id="dev-sign-in-title">{t('signIn.development')}</h2>
          <p className="hint">{t('signIn.developmentHint')}</p>
          <div className="field">
            <label htmlFor="sign-in-role">{t('signIn.role')}</label>
            <select
              id="sign-in-role"
              value={role}
              onChange={(e) => {
                const next = e.target.value as Role;
                setRole(next);
                setUser(SAMPLE_USERS[next]);
              }}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {label('role', r)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="sign-in-user">{t('signIn.user')}</label>
            <input id="sign-in-user" value={user} onChange={(e) => setUser(e.target.value)} autoComplete="username" />
          </div>
          <button type="submit" className="primary">
            {t('signIn.submit')}
          </button>
        </form>
      )}
      {session.config.signIn === 'none' && <p className="problem">{t('signIn.unavailable')}</p>}
    </main>
  );
}

/** /console/callback: the identity provider sends the browser back here with a code. */
export function CallbackPage() {
  const { t } = useI18n();
  const session = useSession();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const oidc = session.config.oidc;
    if (!oidc) return setError(t('signIn.unavailable'));
    completeSignIn(oidc, new URL(location.href))
      .then(async ({ accessToken }) => navigate(takeReturnTo(homeOf((await session.signIn(accessToken)).role)), true))
      .catch((e: Error) => setError(e.message));
  }, []); // once per arrival on the callback
  return (
    <main className="sign-in" id="main">
      <h1>{t('app.title')}</h1>
      {error ? (
        <p className="problem" role="alert">
          {error}
        </p>
      ) : (
        <p role="status">{t('signIn.completing')}</p>
      )}
    </main>
  );
}
