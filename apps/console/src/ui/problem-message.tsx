import type { ApiProblem, Violation } from '../api/problem';
import { useI18n } from '../i18n/i18n';

/**
 * What went wrong, said plainly: a stale page (409 on If-Match) offers a reload; a four-eyes refusal or another
 * business rule shows the API's explanation; violations without an input on screen are listed here.
 */
export function ProblemMessage(props: { problem: ApiProblem; violations?: Violation[]; onReload?(): void }) {
  const { t, violation } = useI18n();
  const { problem } = props;
  const fieldLabel = (field: string) => {
    const key = `field.${field.split('.').at(-1)}`;
    return t(key) === key ? field : t(key);
  };
  const known = problem.code ? t(`problem.${problem.code}`) : '';
  const headline = problem.stale
    ? t('problem.stale')
    : known && known !== `problem.${problem.code}`
      ? known
      : t(`problem.status.${problem.status}`, { status: problem.status });
  return (
    <div className="problem" role="alert">
      <p className="problem-title">{headline}</p>
      {/* A validation failure is said field by field (under the inputs, or listed below), not as the API's raw line. */}
      {!problem.stale && !(problem.code === 'validation_failed' && problem.violations.length > 0) && (
        <p className="problem-detail">{problem.detail}</p>
      )}
      {props.violations && props.violations.length > 0 && (
        <ul>
          {props.violations.map((v) => (
            <li key={`${v.field}-${v.rule}`}>
              <strong>{fieldLabel(v.field)}</strong>: {violation(v)}
            </li>
          ))}
        </ul>
      )}
      {problem.stale && props.onReload && (
        <button type="button" onClick={props.onReload}>
          {t('problem.reload')}
        </button>
      )}
    </div>
  );
}
