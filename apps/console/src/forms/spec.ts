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

type KeysOf<T> = T extends unknown ? Extract<keyof T, string> : never;
type ValueAt<T, K extends string> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;
/**
 * The dotted paths of a request body as openapi.json describes it (any member of a union; a list by its name):
 * what a form's field names must be, so a renamed or removed body field fails the console's type check.
 */
export type BodyPath<T, Depth extends 0[] = []> = Depth['length'] extends 5
  ? never
  : {
      [K in KeysOf<T>]:
        | K
        | (NonNullable<ValueAt<T, K>> extends readonly unknown[]
            ? never
            : NonNullable<ValueAt<T, K>> extends object
              ? `${K}.${BodyPath<NonNullable<ValueAt<T, K>>, [...Depth, 0]>}`
              : never);
    }[KeysOf<T>];

/** A form field or list whose name is a path of the body B. */
export type CheckedSpec<B> =
  (Omit<FieldSpec, 'name'> & { name: BodyPath<B> }) | (Omit<ListSpec, 'name'> & { name: BodyPath<B> });

/** The specs of a form sending the body B, checked against it (`checked<Body>()([...])`). */
export const checked =
  <B>() =>
  (specs: readonly CheckedSpec<B>[]): Spec[] =>
    specs as unknown as Spec[];
