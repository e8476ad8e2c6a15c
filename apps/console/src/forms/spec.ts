/** Declarative forms: each clerk command is a list of fields whose names are the API's body paths. */
export type Values = Record<string, string | boolean>;

export type FieldKind =
  'text' | 'textarea' | 'date' | 'month' | 'number' | 'select' | 'yes-no' | 'checkbox' | 'person' | 'dependant';

export interface FieldSpec {
  kind: FieldKind;
  /** The body path, e.g. `residence.inJapan`; inside a list, relative to the row. */
  name: string;
  optional?: boolean;
  /** Values of a select; their labels are `enum.<enumGroup>.<value>`. */
  options?: readonly string[];
  enumGroup?: string;
  initial?: string | boolean;
  /** The label's message key when it is not `field.<last segment of name>`. */
  label?: string;
  /** A short hint under the input (message key). */
  hint?: string;
  showIf?: (values: Values) => boolean;
}

export interface ListSpec {
  kind: 'list';
  name: string;
  label?: string;
  fields: FieldSpec[];
  minRows: number;
  showIf?: (values: Values) => boolean;
}

export type Spec = FieldSpec | ListSpec;

export const isList = (spec: Spec): spec is ListSpec => spec.kind === 'list';

export function labelKey(spec: Spec): string {
  return spec.label ?? `field.${spec.name.split('.').at(-1)}`;
}

/** Shown when `field` holds one of `values`. */
export const when =
  (field: string, ...values: string[]) =>
  (v: Values): boolean =>
    values.includes(String(v[field] ?? ''));
