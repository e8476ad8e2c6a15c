import { api } from '../api/endpoints';
import type { CommandAnswer } from '../api/types';
import { CommandForm } from '../forms/command-form';
import { ENROLLMENT } from '../forms/member-commands';
import { useI18n } from '../i18n/i18n';
import { navigate } from '../router';

/** 資格取得: a new member; the member page opens once it is recorded. */
export function EnrollPage() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('command.enroll')}</h1>
      <CommandForm<CommandAnswer>
        id="enroll"
        title={t('command.enroll.form')}
        specs={ENROLLMENT}
        submitLabel={t('command.enroll.submit')}
        submit={(body, idempotencyKey) => api.memberCommand('POST', '/members', {}, body, { idempotencyKey })}
        onDone={(answer) => navigate(`/console/members/${answer.memberId}?at=${answer.position}`)}
      />
    </section>
  );
}
