import { toZenginKana } from '@kenpo/kernel';
import type { Violation, ZenginFieldClass } from '@kenpo/kernel';
import type { ZenginField } from './zengin-layout.js';

const VOICING_MARKS = 'ﾞﾟ';

/** Cuts to `width` characters without leaving a voicing mark apart from its kana (domain.md 8.4). */
export function truncateZengin(value: string, width: number): string {
  if (value.length <= width) return value;
  let end = width;
  if (VOICING_MARKS.includes(value[end]!)) end -= 1;
  return value.slice(0, end);
}

export interface TextOptions {
  fieldClass: ZenginFieldClass;
  /** Cut names that are too long (the bank compares the leading characters) instead of refusing them. */
  truncate: boolean;
  allowWo?: boolean;
  required?: boolean;
}

export interface NumericOptions {
  /** Exact number of digits (bank 4, branch 3); otherwise 1..len digits, zero-padded. */
  exact?: boolean;
  required?: boolean;
}

/**
 * Lays out one record's fields, collecting every violation with its path (e.g. `records[3].holderName`) so the
 * caller can throw one ValidationError naming all of them. Messages never repeat the value (personal data).
 */
export class RecordWriter {
  private readonly parts: string[] = [];
  readonly violations: Violation[] = [];
  constructor(readonly path: string) {}

  private fail(field: ZenginField, rule: string, message: string): void {
    this.violations.push({ field: `${this.path}${field.key}`, rule, message: `${field.label} ${message}` });
  }

  numeric(field: ZenginField, value: string | number | undefined, options: NumericOptions = {}): this {
    const text = value === undefined ? '' : String(value);
    if (text === '') {
      if (options.required) this.fail(field, 'required', 'is required');
      this.parts.push('0'.repeat(field.len));
      return this;
    }
    const pattern = options.exact ? new RegExp(`^\\d{${field.len}}$`) : new RegExp(`^\\d{1,${field.len}}$`);
    if (!pattern.test(text)) {
      this.fail(
        field,
        options.exact ? 'digits_exact' : 'digits_max',
        options.exact ? `must be exactly ${field.len} digits` : `must be 1 to ${field.len} digits`,
      );
      this.parts.push('0'.repeat(field.len));
      return this;
    }
    this.parts.push(text.padStart(field.len, '0'));
    return this;
  }

  text(field: ZenginField, value: string | undefined, options: TextOptions): this {
    const converted = toZenginKana(value ?? '', {
      fieldClass: options.fieldClass,
      ...(options.allowWo === undefined ? {} : { allowWo: options.allowWo }),
    });
    let text = '';
    if (!converted.ok) {
      this.fail(
        field,
        'zengin_charset',
        `contains ${converted.invalidCharacters.length} character(s) outside the Zengin set (domain.md 8.4)`,
      );
    } else if (options.required && converted.value.trim() === '') {
      this.fail(field, 'required', 'is required');
    } else if (converted.value.length > field.len && !options.truncate) {
      this.fail(field, 'too_long', `must be at most ${field.len} half-width characters`);
    } else {
      text = truncateZengin(converted.value, field.len);
    }
    this.parts.push(text.padEnd(field.len, ' '));
    return this;
  }

  blank(field: ZenginField): this {
    this.parts.push(' '.repeat(field.len));
    return this;
  }

  build(): string {
    return this.parts.join('');
  }
}

/** Reads the fields of one record; C fields lose their trailing padding. */
export function readFields(record: string, layout: readonly ZenginField[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of layout) {
    const raw = record.slice(field.pos - 1, field.pos - 1 + field.len);
    out[field.key] = field.type === 'C' ? raw.trimEnd() : raw;
  }
  return out;
}
