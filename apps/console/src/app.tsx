import { type ReactElement, useEffect } from 'react';
import { type Capability, can, homeOf } from './auth/capabilities';
import { useSession } from './auth/session';
import { rememberReturnTo } from './auth/return-to';
import { CallbackPage, SignInPage } from './auth/sign-in-page';
import { useI18n } from './i18n/i18n';
import { ApprovalsPage, ClaimPage } from './pages/approvals';
import { CompliancePage } from './pages/compliance/compliance-page';
import { EnrollPage } from './pages/enroll-page';
import { MemberPage } from './pages/member/member-page';
import { MembersPage } from './pages/members-page';
import { PayoutRunPage } from './pages/payouts/payout-run-page';
import { PayoutsPage } from './pages/payouts/payouts-page';
import { Link, match, navigate, usePath } from './router';
import { Header } from './ui/header';

interface Route {
  pattern: string;
  capability: Capability;
  render(params: Record<string, string>): ReactElement;
}

const ROUTES: Route[] = [
  { pattern: '/console/members', capability: 'members.read', render: () => <MembersPage /> },
  { pattern: '/console/members/new', capability: 'members.write', render: () => <EnrollPage /> },
  { pattern: '/console/members/:memberId', capability: 'members.read', render: (p) => <MemberPage id={p.memberId!} /> },
  { pattern: '/console/approvals', capability: 'claims.decide', render: () => <ApprovalsPage /> },
  { pattern: '/console/claims/:claimId', capability: 'members.read', render: (p) => <ClaimPage id={p.claimId!} /> },
  { pattern: '/console/payouts', capability: 'payouts.held', render: () => <PayoutsPage /> },
  {
    pattern: '/console/payouts/runs/:runId',
    capability: 'payouts.runs',
    render: (p) => <PayoutRunPage id={p.runId!} />,
  },
  { pattern: '/console/compliance', capability: 'compliance.read', render: () => <CompliancePage /> },
  { pattern: '/console/access-log', capability: 'access-log.read', render: () => <CompliancePage tab="access-log" /> },
];

export function App() {
  const path = usePath();
  const { user } = useSession();
  const { t } = useI18n();
  const signedOut = !user && !path.startsWith('/console/callback');
  useEffect(() => {
    if (signedOut && !path.startsWith('/console/sign-in')) {
      rememberReturnTo(path);
      navigate('/console/sign-in', true);
    } else if (user && (path === '/console' || path === '/console/' || path.startsWith('/console/sign-in')))
      navigate(homeOf(user.role), true);
  }, [signedOut, user, path]);

  if (path.startsWith('/console/callback')) return <CallbackPage />;
  if (!user) return <SignInPage />;

  const found = ROUTES.map((route) => ({ route, params: match(route.pattern, path) })).find((r) => r.params);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        {!found ? (
          <p>
            {t('nav.notFound')} <Link to={homeOf(user.role)}>{t('nav.home')}</Link>
          </p>
        ) : can(user.role, found.route.capability) ? (
          found.route.render(found.params!)
        ) : (
          <p role="alert">{t('nav.notAllowed')}</p>
        )}
      </main>
    </>
  );
}
