import { type FormEvent, useState } from 'react';
import { ApiProblem, violationsByField } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { ProblemMessage } from '../ui/problem-message';
import { buildBody, initialValues, rowField, visibleNames } from './body';
import { Field, type PersonOption } from './field';
import { useSubmission } from './idempotency';
import { isList, labelKey, type ListSpec, type Spec } from './spec';

export interface CommandFormProps<T> {
  id: string;
  title: string;
  specs: Spec[];
  persons?: PersonOption[];
  dependants?: PersonOption[];
  submitLabel?: string;
  /** Sends the body with its Idempotency-Key (and the page's revision as If-Match, where there is one). */
  submit(body: Record<string, unknown>, idempotencyKey: string): Promise<T>;
  onDone(answer: T): void;
  /** The page's revision is stale: reload it. */
  onReload?(): void;
}

/** A clerk command as a form: labelled inputs, the API's violations next to their fields, one record per submission. */
export function CommandForm<T>(props: CommandFormProps<T>) {
  const { t, violation } = useI18n();
  const [{ values, rows }, setState] = useState(() => initialValues(props.specs));
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const { submit, pending } = useSubmission();
  const errors = violationsByField(problem, violation);
  const shown = visibleNames(props.specs, values, rows);
  const elsewhere = (problem?.violations ?? []).filter((v) => !shown.has(v.field));

  const change = (name: string, value: string | boolean) =>
    setState((s) => ({ ...s, values: { ...s.values, [name]: value } }));
  const resize = (list: ListSpec, delta: number) =>
    setState((s) => ({ ...s, rows: { ...s.rows, [list.name]: Math.max(0, (s.rows[list.name] ?? 0) + delta) } }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = buildBody(props.specs, values, rows);
    try {
      const answer = await submit(body, (key) => props.submit(body, key));
      if (answer === undefined) return; // a second click while the first is out
      setProblem(null);
      setState(initialValues(props.specs));
      props.onDone(answer);
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : new ApiProblem(0, 'network', String(error)));
    }
  }

  const field = (spec: Spec, name = spec.name) =>
    isList(spec) ? null : (
      <Field
        key={name}
        spec={spec}
        name={name}
        idPrefix={props.id}
        values={values}
        errors={errors.get(name)}
        persons={props.persons}
        dependants={props.dependants}
        onChange={change}
      />
    );

  return (
    <form className="command-form" aria-labelledby={`${props.id}-title`} onSubmit={onSubmit} noValidate>
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      {problem && (
        <ProblemMessage
          problem={problem}
          violations={elsewhere}
          onReload={
            props.onReload &&
            (() => {
              setProblem(null);
              props.onReload!();
            })
          }
        />
      )}
      <div className="fields">
        {props.specs
          .filter((spec) => !spec.showIf || spec.showIf(values))
          .map((spec) =>
            isList(spec) ? (
              <fieldset key={spec.name} className="list">
                <legend>{t(labelKey(spec))}</legend>
                {errors.get(spec.name) && (
                  <p className="error" role="alert">
                    {errors.get(spec.name)!.join(' / ')}
                  </p>
                )}
                {Array.from({ length: rows[spec.name] ?? 0 }, (_, row) => (
                  <div className="row" key={row}>
                    <span className="row-number">{row + 1}</span>
                    {spec.fields.map((f) => field(f, rowField(spec, row, f)))}
                  </div>
                ))}
                <div className="row-actions">
                  <button type="button" onClick={() => resize(spec, 1)}>
                    {t('form.addRow')}
                  </button>
                  {(rows[spec.name] ?? 0) > spec.minRows && (
                    <button type="button" onClick={() => resize(spec, -1)}>
                      {t('form.removeRow')}
                    </button>
                  )}
                </div>
              </fieldset>
            ) : (
              field(spec)
            ),
          )}
      </div>
      <button type="submit" className="primary" disabled={pending} aria-busy={pending}>
        {pending ? t('form.sending') : (props.submitLabel ?? t('form.submit'))}
      </button>
    </form>
  );
}
