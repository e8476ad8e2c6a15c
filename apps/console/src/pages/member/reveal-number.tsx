import { type FormEvent, useState } from 'react';
import { api } from '../../api/endpoints';
import { ApiProblem } from '../../api/problem';
import type { RevealPurpose } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { ProblemMessage } from '../../ui/problem-message';

export const PURPOSES: readonly RevealPurpose[] = [
  'eligibility-acquisition-notification',
  'eligibility-loss-notification',
  'dependant-recognition',
  'benefit-claim',
  'high-cost-care',
  'premium-collection',
  'information-network-inquiry',
  'intermediary-server-registration',
] as const;

/** The masked number; for permitted roles a reveal that asks for the statutory purpose (the API audits it). */
export function RevealNumber(props: { memberId: string; personId: string; masked: string; allowed: boolean }) {
  const { t, label } = useI18n();
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState<RevealPurpose | ''>('');
  const [clear, setClear] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const id = `reveal-${props.personId}`;

  async function reveal(event: FormEvent) {
    event.preventDefault();
    try {
      if (!purpose) return;
      setClear((await api.reveal(props.memberId, props.personId, purpose)).individualNumber);
      setProblem(null);
      setOpen(false);
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : null);
    }
  }

  return (
    <span className="reveal">
      <span className="number">{clear ?? props.masked}</span>
      {clear && (
        <button type="button" onClick={() => setClear(null)}>
          {t('reveal.hide')}
        </button>
      )}
      {props.allowed && !clear && !open && (
        <button type="button" onClick={() => setOpen(true)}>
          {t('reveal.open')}
        </button>
      )}
      {open && (
        <form onSubmit={reveal} className="inline-form" aria-label={t('reveal.open')}>
          <label htmlFor={`${id}-purpose`}>{t('reveal.purpose')}</label>
          <select
            id={`${id}-purpose`}
            value={purpose}
            onChange={(e) => setPurpose(e.target.value as RevealPurpose | '')}
            required
          >
            <option value="">{t('form.choose')}</option>
            {PURPOSES.map((p) => (
              <option key={p} value={p}>
                {label('purpose', p)}
              </option>
            ))}
          </select>
          <button type="submit" className="primary">
            {t('reveal.submit')}
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </button>
          <span className="hint">{t('reveal.audited')}</span>
        </form>
      )}
      {problem && <ProblemMessage problem={problem} />}
    </span>
  );
}
