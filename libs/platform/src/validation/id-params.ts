import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { isUuid, ValidationError } from '@kenpo/kernel';

/** A path id that cannot name anything answers 400 `malformed_id` naming the parameter, never a 404 or a 500. */
function malformed(name: string, rule: string, expected: string): ValidationError {
  return new ValidationError('malformed_id', `${name} must be ${expected}`, [
    { field: name, rule, message: `must be ${expected}` },
  ]);
}

/** Member, claim, payout and other aggregate ids are UUIDs. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUuid(value)) throw malformed(metadata.data ?? 'id', 'uuid', 'a UUID');
    return value;
  }
}

/** A path id with its own format (e.g. payout run ids `run-YYYYMMDD-HHmm[-xxxxxxxx]`). */
export function idParamMatching(pattern: RegExp, expected: string): PipeTransform<string, string> {
  return {
    transform(value: string, metadata: ArgumentMetadata): string {
      if (!pattern.test(value)) throw malformed(metadata.data ?? 'id', 'format', expected);
      return value;
    },
  };
}
