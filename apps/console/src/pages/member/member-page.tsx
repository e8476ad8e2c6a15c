import { useState } from 'react';
import { api } from '../../api/endpoints';
import type { MemberSummary } from '../../api/types';
import type { Recorded } from './member-actions';
import { can } from '../../auth/capabilities';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../router';
import { Async, useLoad } from '../../ui/async';
import { yen } from '../../ui/format';
import { CoverageTimeline } from './coverage-timeline';
import { MemberActions } from './member-actions';
import { MemberMoney } from './member-money';
import { RevealNumber } from './reveal-number';

/** Everything about one member on one page; clerks also get the commands. */
export function MemberPage({ id }: { id: string }) {
  const { user } = useSession();
  const [position, setPosition] = useState(() => Number(new URLSearchParams(location.search).get('at')) || undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const member = useLoad(() => api.member(id, position), [id, position]);
  const { t } = useI18n();
  const afterCommand = (answer: Recorded) => {
    setNotice(t('member.recorded', { events: answer.events.length }));
    setPosition(answer.position ?? undefined);
    member.reload();
  };
  return (
    <Async loaded={member}>
      {(m) => (
        <MemberView
          member={{ ...m, memberId: m.memberId ?? id }}
          notice={notice}
          role={user!.role}
          onCommand={afterCommand}
          onReload={() => {
            setNotice(null);
            member.reload();
          }}
          version={position ?? 0}
        />
      )}
    </Async>
  );
}

function MemberView(props: {
  member: MemberSummary;
  notice: string | null;
  role: NonNullable<ReturnType<typeof useSession>['user']>['role'];
  version: number;
  onCommand(answer: Recorded): void;
  onReload(): void;
}) {
  const { t, label, language } = useI18n();
  const { member, role } = props;
  const insured = member.insured!;
  const persons = [
    { ...insured, title: `${insured.name}（${t('member.insured')}）` },
    ...member.dependants.map((d) => ({ ...d, title: `${d.name}（${label('relationship', d.relationship)}）` })),
  ];
  const personOptions = persons
    .filter((p) => !('status' in p) || p.status === 'active')
    .map((p) => ({ id: p.personId, label: p.title }));
  const personName = (personId: string) => persons.find((p) => p.personId === personId)?.title ?? personId;
  const current = member.remunerationHistory.at(-1);
  const ids = member.identifiers;

  return (
    <article aria-labelledby="member-title">
      <div className="page-title">
        <h1 id="member-title">
          {insured.name} <span className="subtle">{ids ? `${ids.symbol}・${ids.number}` : ''}</span>
        </h1>
        <span className={`status status-${member.status}`}>{label('memberStatus', member.status)}</span>
        {can(role, 'compliance.read') && (
          <Link to={`/console/compliance?member=${member.memberId}`}>{t('member.history')}</Link>
        )}
      </div>
      {props.notice && (
        <p className="notice" role="status">
          {props.notice}
        </p>
      )}
      <div className="columns">
        <section aria-labelledby="identity-title">
          <h2 id="identity-title">{t('member.identity')}</h2>
          <dl className="facts">
            <dt>{t('field.nameKana')}</dt>
            <dd>{insured.nameKana}</dd>
            <dt>{t('field.dateOfBirth')}</dt>
            <dd>{insured.dateOfBirth}</dd>
            <dt>{t('field.sex')}</dt>
            <dd>{label('sex', insured.sex)}</dd>
            <dt>{t('field.individualNumber')}</dt>
            <dd>
              <RevealNumber
                memberId={member.memberId}
                personId="insured"
                masked={insured.individualNumber}
                allowed={can(role, 'numbers.reveal')}
              />
            </dd>
            <dt>{t('field.address')}</dt>
            <dd>
              〒{member.postalCode} {member.address}
            </dd>
            <dt>{t('field.officeCode')}</dt>
            <dd>{ids?.officeCode}</dd>
            <dt>{t('field.acquisitionDate')}</dt>
            <dd>{member.acquisitionDate}</dd>
            {member.loss && (
              <>
                <dt>{t('member.loss')}</dt>
                <dd>
                  {member.loss.lossDate}（{label('lossReason', member.loss.reason)}）
                </dd>
              </>
            )}
            {member.voluntaryContinuation && (
              <>
                <dt>{t('member.voluntaryContinuation')}</dt>
                <dd>
                  {member.voluntaryContinuation.startDate} – {member.voluntaryContinuation.latestLossDate}
                </dd>
              </>
            )}
            <dt>{t('member.grade')}</dt>
            <dd>
              {current
                ? t('member.gradeValue', {
                    grade: current.grade,
                    amount: yen(current.standardMonthlyRemuneration, language),
                  })
                : '—'}
            </dd>
          </dl>
        </section>
        <section aria-labelledby="account-title">
          <h2 id="account-title">{t('member.account')}</h2>
          {member.account ? (
            <dl className="facts">
              <dt>{t('field.bankCode')}</dt>
              <dd>{member.account.bankCode}</dd>
              <dt>{t('field.branchCode')}</dt>
              <dd>{member.account.branchCode}</dd>
              <dt>{t('field.accountType')}</dt>
              <dd>{label('accountType', member.account.accountType)}</dd>
              <dt>{t('field.accountNumber')}</dt>
              <dd>{member.account.accountNumber}</dd>
              <dt>{t('field.holderName')}</dt>
              <dd>{member.account.holderName}</dd>
            </dl>
          ) : (
            <p>{t('member.noAccount')}</p>
          )}
        </section>
      </div>
      <section aria-labelledby="coverage-title">
        <h2 id="coverage-title">{t('member.coverage')}</h2>
        <CoverageTimeline persons={persons} />
      </section>
      <section aria-labelledby="dependants-title">
        <h2 id="dependants-title">{t('member.dependants')}</h2>
        {member.dependants.length === 0 ? (
          <p>{t('member.noDependants')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('field.name')}</th>
                <th scope="col">{t('field.relationship')}</th>
                <th scope="col">{t('field.dateOfBirth')}</th>
                <th scope="col">{t('field.recognizedFrom')}</th>
                <th scope="col">{t('field.individualNumber')}</th>
                <th scope="col">{t('member.dependantStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {member.dependants.map((d) => (
                <tr key={d.dependantId}>
                  <td>
                    {d.name}
                    <br />
                    <span className="subtle">{d.nameKana}</span>
                  </td>
                  <td>{label('relationship', d.relationship)}</td>
                  <td>{d.dateOfBirth}</td>
                  <td>{d.recognizedFrom}</td>
                  <td>
                    <RevealNumber
                      memberId={member.memberId}
                      personId={d.personId}
                      masked={d.individualNumber}
                      allowed={can(role, 'numbers.reveal')}
                    />
                  </td>
                  <td>
                    {d.removal
                      ? t('member.removed', {
                          date: d.removal.lossDate,
                          reason: label('removalReason', d.removal.reason),
                        })
                      : label('dependantStatus', d.status)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <div className="columns">
        <section aria-labelledby="remuneration-title">
          <h2 id="remuneration-title">{t('member.remuneration')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('field.effectiveFrom')}</th>
                <th scope="col">{t('member.gradeShort')}</th>
                <th scope="col">{t('member.standardAmount')}</th>
                <th scope="col">{t('field.kind')}</th>
              </tr>
            </thead>
            <tbody>
              {member.remunerationHistory.map((r) => (
                <tr key={r.effectiveFrom}>
                  <td>{r.effectiveFrom}</td>
                  <td>{r.grade}</td>
                  <td className="money">{yen(r.standardMonthlyRemuneration, language)}</td>
                  <td>{label('revisionKind', r.kind)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="identifiers-title">
          <h2 id="identifiers-title">{t('member.identifierHistory')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('common.from')}</th>
                <th scope="col">{t('field.officeCode')}</th>
                <th scope="col">{t('field.symbol')}</th>
                <th scope="col">{t('field.number')}</th>
              </tr>
            </thead>
            <tbody>
              {member.identifierHistory.map((h) => (
                <tr key={`${h.from}-${h.symbol}-${h.number}`}>
                  <td>{h.from}</td>
                  <td>{h.officeCode}</td>
                  <td>{h.symbol}</td>
                  <td>{h.number}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <MemberMoney memberId={member.memberId} role={role} version={props.version} personName={personName} />
      {can(role, 'members.write') && (
        <MemberActions
          member={member}
          role={role}
          persons={personOptions}
          onDone={props.onCommand}
          onReload={props.onReload}
        />
      )}
    </article>
  );
}
