import { api } from '../../api/endpoints';
import type { Role } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../router';
import { Async, useLoad } from '../../ui/async';
import { yen } from '../../ui/format';

/** The member's claims, and the payouts this role may list (clerks: the held ones, to chase an account). */
export function MemberMoney(props: { memberId: string; role: Role; version: number; personName(id: string): string }) {
  const { t, label, language } = useI18n();
  const claims = useLoad(() => api.claims({ memberId: props.memberId, limit: 100 }), [props.memberId, props.version]);
  // Clerks list held payouts only (to chase a missing account); the API refuses them the rest.
  const heldOnly = props.role === 'clerk';
  const payouts = useLoad(
    () => api.payouts({ memberId: props.memberId, status: heldOnly ? 'held' : undefined, limit: 100 }),
    [props.memberId, props.version, heldOnly],
  );
  return (
    <>
      <section aria-labelledby="claims-title">
        <h2 id="claims-title">{t('member.claims')}</h2>
        <Async loaded={claims}>
          {(page) =>
            page.items.length === 0 ? (
              <p>{t('member.noClaims')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('claim.submittedOn')}</th>
                    <th scope="col">{t('claim.person')}</th>
                    <th scope="col">{t('field.benefitKind')}</th>
                    <th scope="col">{t('claim.amount')}</th>
                    <th scope="col">{t('claim.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((c) => (
                    <tr key={c.claimId}>
                      <td>{c.submittedOn}</td>
                      <td>{props.personName(c.personId)}</td>
                      <td>
                        <Link to={`/console/claims/${c.claimId}`}>{label('benefitKind', c.kind)}</Link>
                      </td>
                      <td className="money">{yen(c.amount, language)}</td>
                      <td>{label('claimStatus', c.status)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Async>
      </section>
      <section aria-labelledby="payouts-title">
        <h2 id="payouts-title">{heldOnly ? t('member.heldPayouts') : t('member.payouts')}</h2>
        <Async loaded={payouts}>
          {(page) =>
            page.items.length === 0 ? (
              <p>{t('member.noPayouts')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('payout.dueDate')}</th>
                    <th scope="col">{t('claim.amount')}</th>
                    <th scope="col">{t('payout.status')}</th>
                    <th scope="col">{t('payout.holdReason')}</th>
                    <th scope="col">{t('payout.run')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((p) => (
                    <tr key={p.payoutId}>
                      <td>{p.dueDate}</td>
                      <td className="money">{yen(p.amount, language)}</td>
                      <td>{label('payoutStatus', p.status)}</td>
                      <td>{p.hold ? label('holdReason', p.hold.reason) : '—'}</td>
                      <td>{p.runId ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Async>
      </section>
    </>
  );
}
