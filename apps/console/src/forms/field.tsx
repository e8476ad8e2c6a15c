import type { ChangeEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import { type FieldSpec, labelKey, type Values } from './spec';

export interface PersonOption {
  id: string;
  label: string;
}

interface FieldProps {
  spec: FieldSpec;
  /** The input's name: the body path, row index included. */
  name: string;
  idPrefix: string;
  values: Values;
  errors: string[] | undefined;
  persons?: PersonOption[];
  /** Every dependant ever recognized (a removal can be cancelled too). */
  dependants?: PersonOption[];
  onChange(name: string, value: string | boolean): void;
}

const INPUT_TYPES: Partial<Record<FieldSpec['kind'], string>> = { date: 'date', month: 'month', number: 'text' };

/** One labelled input; the API's violations for its path are shown under it and announced with it. */
export function Field({ spec, name, idPrefix, values, errors, persons = [], dependants = [], onChange }: FieldProps) {
  const { t, label } = useI18n();
  const id = `${idPrefix}-${name.replace(/\./g, '-')}`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const value = values[name];
  const described = [errors?.length ? errorId : '', spec.hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    'aria-invalid': errors?.length ? true : undefined,
    'aria-describedby': described,
    'aria-required': spec.optional || spec.kind === 'checkbox' ? undefined : true,
  };
  const text = (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    onChange(name, event.target.value);
  const caption = (
    <>
      {t(labelKey(spec))}
      {spec.optional || spec.kind === 'checkbox' ? (
        <span className="optional"> {t('form.optional')}</span>
      ) : (
        <span className="required"> {t('form.required')}</span>
      )}
    </>
  );

  let input;
  if (spec.kind === 'checkbox') {
    return (
      <div className={`field checkbox${errors?.length ? ' invalid' : ''}`}>
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(name, e.target.checked)}
        />
        <label htmlFor={id}>{t(labelKey(spec))}</label>
        <FieldMessages errors={errors} errorId={errorId} hint={spec.hint} hintId={hintId} />
      </div>
    );
  } else if (spec.kind === 'select' || spec.kind === 'yes-no' || spec.kind === 'person' || spec.kind === 'dependant') {
    const options =
      spec.kind === 'person' || spec.kind === 'dependant'
        ? (spec.kind === 'person' ? persons : dependants).map((p) => ({ value: p.id, text: p.label }))
        : spec.kind === 'yes-no'
          ? [
              { value: 'true', text: t('common.yes') },
              { value: 'false', text: t('common.no') },
            ]
          : (spec.options ?? []).map((o) => ({ value: o, text: label(spec.enumGroup ?? spec.name, o) }));
    input = (
      <select {...common} value={String(value ?? '')} onChange={text}>
        <option value="">{t('form.choose')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    );
  } else if (spec.kind === 'textarea') {
    input = <textarea {...common} value={String(value ?? '')} onChange={text} rows={3} />;
  } else {
    input = (
      <input
        {...common}
        type={INPUT_TYPES[spec.kind] ?? 'text'}
        inputMode={spec.kind === 'number' ? 'numeric' : undefined}
        value={String(value ?? '')}
        onChange={text}
      />
    );
  }
  return (
    <div className={`field${errors?.length ? ' invalid' : ''}`}>
      <label htmlFor={id}>{caption}</label>
      {input}
      <FieldMessages errors={errors} errorId={errorId} hint={spec.hint} hintId={hintId} />
    </div>
  );
}

function FieldMessages(props: { errors?: string[]; errorId: string; hint?: string; hintId: string }) {
  const { t } = useI18n();
  return (
    <>
      {props.hint && (
        <p className="hint" id={props.hintId}>
          {t(props.hint)}
        </p>
      )}
      {props.errors?.length ? (
        <p className="error" id={props.errorId} role="alert">
          {props.errors.join(' / ')}
        </p>
      ) : null}
    </>
  );
}
