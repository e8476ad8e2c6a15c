import { useState } from 'react';
import { api } from '../../api/endpoints';
import type { BodyOf, CommandAnswer, MemberSummary, Role } from '../../api/types';
import { can } from '../../auth/capabilities';
import { CLAIM } from '../../forms/claim-spec';
import { CommandForm } from '../../forms/command-form';
import type { PersonOption } from '../../forms/field';
import { DEPENDANT_REMOVAL, MEMBER_COMMANDS } from '../../forms/member-commands';
import { useI18n } from '../../i18n/i18n';

const CLAIM_ID = 'claim';
/** Where money is paid: the clerk's alone (the API's ACCOUNT_CLERKS). */
const ACCOUNT_COMMANDS = ['account', 'automatic-payment'];
/** What the page needs of any answer: what was recorded, and where to read it from. */
export type Recorded = Pick<CommandAnswer, 'events' | 'position'>;
/** The form's body: its field names are checked against this type in forms/claim-spec.ts. */
type ClaimBody = BodyOf<'/members/{memberId}/benefit-claims', 'post'>;

/** The clerk's commands on this member: pick one, fill its form; each sends the page's revision as If-Match. */
export function MemberActions(props: {
  member: MemberSummary;
  role: Role;
  persons: PersonOption[];
  onDone(answer: Recorded): void;
  onReload(): void;
}) {
  const { t, label } = useI18n();
  const [chosen, setChosen] = useState<string | null>(null);
  const { member } = props;
  const memberId = member.memberId;
  const activeDependants = member.dependants.filter((d) => d.status === 'active');
  const done = (answer: Recorded) => {
    setChosen(null);
    props.onDone(answer);
  };
  const accounts = can(props.role, 'accounts.write');
  const options = [
    ...MEMBER_COMMANDS.map((c) => c.id).filter((id) => accounts || !ACCOUNT_COMMANDS.includes(id)),
    ...(can(props.role, 'claims.submit') ? [CLAIM_ID] : []),
    ...activeDependants.map((d) => `removal:${d.dependantId}`),
    ...(member.account && accounts ? ['account-removal'] : []),
    ...(accounts ? ['automatic-payment-removal'] : []),
  ];
  const title = (id: string) => {
    if (id.startsWith('removal:')) {
      const dependant = activeDependants.find((d) => `removal:${d.dependantId}` === id);
      return t('command.removal', { name: dependant?.name ?? '' });
    }
    return t(`command.${id}`);
  };
  const command = MEMBER_COMMANDS.find((c) => c.id === chosen);

  return (
    <section aria-labelledby="actions-title" className="actions">
      <h2 id="actions-title">{t('member.actions')}</h2>
      <div className="field">
        <label htmlFor="action-choice">{t('member.chooseAction')}</label>
        <select id="action-choice" value={chosen ?? ''} onChange={(e) => setChosen(e.target.value || null)}>
          <option value="">{t('form.choose')}</option>
          {options.map((id) => (
            <option key={id} value={id}>
              {title(id)}
            </option>
          ))}
        </select>
      </div>
      {command && (
        <CommandForm<CommandAnswer>
          key={command.id}
          id={`action-${command.id}`}
          title={title(command.id)}
          specs={command.specs}
          persons={props.persons}
          dependants={member.dependants.map((d) => ({
            id: d.dependantId,
            label: `${d.name}（${label('relationship', d.relationship)}）`,
          }))}
          submit={(body, idempotencyKey) =>
            api.memberCommand(command.method, command.path, { memberId }, body, {
              ifMatch: member.revision,
              idempotencyKey,
            })
          }
          onDone={done}
          onReload={props.onReload}
        />
      )}
      {chosen === CLAIM_ID && (
        <CommandForm<Recorded>
          id="action-claim"
          title={title(CLAIM_ID)}
          specs={CLAIM}
          persons={props.persons}
          submit={(body, idempotencyKey) => api.submitClaim(memberId, body as ClaimBody, { idempotencyKey })}
          onDone={done}
          onReload={props.onReload}
        />
      )}
      {chosen?.startsWith('removal:') && (
        <CommandForm<CommandAnswer>
          key={chosen}
          id="action-removal"
          title={title(chosen)}
          specs={DEPENDANT_REMOVAL}
          submit={(body, idempotencyKey) =>
            api.memberCommand(
              'POST',
              '/members/{memberId}/dependants/{dependantId}/removal',
              { memberId, dependantId: chosen.slice('removal:'.length) },
              body,
              { ifMatch: member.revision, idempotencyKey },
            )
          }
          onDone={done}
          onReload={props.onReload}
        />
      )}
      {chosen === 'account-removal' && (
        <CommandForm<CommandAnswer>
          id="action-account-removal"
          title={title('account-removal')}
          specs={[]}
          submitLabel={t('command.account-removal.submit')}
          submit={(_, idempotencyKey) =>
            api.memberCommand('DELETE', '/members/{memberId}/public-funds-account', { memberId }, undefined, {
              ifMatch: member.revision,
              idempotencyKey,
            })
          }
          onDone={done}
          onReload={props.onReload}
        />
      )}
      {chosen === 'automatic-payment-removal' && (
        <CommandForm<CommandAnswer>
          id="action-automatic-payment-removal"
          title={title('automatic-payment-removal')}
          specs={[]}
          submitLabel={t('command.automatic-payment-removal.submit')}
          submit={(_, idempotencyKey) =>
            api.memberCommand('DELETE', '/members/{memberId}/automatic-benefit-payment', { memberId }, undefined, {
              ifMatch: member.revision,
              idempotencyKey,
            })
          }
          onDone={done}
          onReload={props.onReload}
        />
      )}
      <p className="hint">
        {t('member.revisionHint', { revision: member.revision, status: label('memberStatus', member.status) })}
      </p>
    </section>
  );
}
