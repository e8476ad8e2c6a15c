import { type FieldSpec, isList, type ListSpec, type Spec, type Values } from './spec';

/** Row counts of the repeatable groups (date ranges, prepaid months), by list name. */
export type Rows = Record<string, number>;

export function initialValues(specs: readonly Spec[]): { values: Values; rows: Rows } {
  const values: Values = {};
  const rows: Rows = {};
  for (const spec of specs) {
    if (isList(spec)) {
      rows[spec.name] = spec.minRows;
      continue;
    }
    values[spec.name] = spec.initial ?? (spec.kind === 'checkbox' ? false : '');
  }
  return { values, rows };
}

/** The typed value the API expects, or undefined to leave the field out (an empty optional field). */
export function convert(spec: FieldSpec, raw: string | boolean | undefined): unknown {
  if (spec.kind === 'checkbox') return raw === true ? true : spec.optional ? undefined : false;
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return undefined;
  if (spec.kind === 'yes-no') return text === 'true';
  // Anything but whole digits goes as typed, so the API names the field and the rule.
  if (spec.kind === 'number') return /^-?\d+$/.test(text) ? Number(text) : text;
  return text;
}

/** Sets `a.b.0.c` in a nested body, creating objects and arrays on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Record<string, unknown> | unknown[] = target;
  keys.forEach((key, index) => {
    const last = index === keys.length - 1;
    const slot = node as Record<string, unknown>;
    if (last) {
      slot[key] = value;
      return;
    }
    slot[key] ??= /^\d+$/.test(keys[index + 1]!) ? [] : {};
    node = slot[key] as Record<string, unknown>;
  });
}

export const rowField = (list: ListSpec, row: number, field: FieldSpec) => `${list.name}.${row}.${field.name}`;

const visible = (spec: Spec, values: Values) => !spec.showIf || spec.showIf(values);

/** The request body from the form: only visible fields, typed, optional blanks left out. */
export function buildBody(specs: readonly Spec[], values: Values, rows: Rows): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const spec of specs) {
    if (!visible(spec, values)) continue;
    if (isList(spec)) {
      const count = rows[spec.name] ?? 0;
      if (count > 0) setPath(body, spec.name, []);
      for (let row = 0; row < count; row++) {
        for (const field of spec.fields) {
          const value = convert(field, values[rowField(spec, row, field)]);
          if (value !== undefined) setPath(body, rowField(spec, row, field), value);
        }
      }
      continue;
    }
    const value = convert(spec, values[spec.name]);
    if (value !== undefined) setPath(body, spec.name, value);
  }
  return body;
}

/** Every input name the form shows now: a violation on any other field is shown above the form. */
export function visibleNames(specs: readonly Spec[], values: Values, rows: Rows): Set<string> {
  const names = new Set<string>();
  for (const spec of specs) {
    if (!visible(spec, values)) continue;
    if (!isList(spec)) {
      names.add(spec.name);
      continue;
    }
    names.add(spec.name);
    for (let row = 0; row < (rows[spec.name] ?? 0); row++)
      for (const field of spec.fields) names.add(rowField(spec, row, field));
  }
  return names;
}
