import { ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { ValidationError, type Violation } from '@kenpo/kernel';

function violationsOf(errors: ClassValidatorError[], prefix = ''): Violation[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknown_field' : rule,
      // class-validator messages quote the property, never the value, unless a DTO says otherwise.
      message,
    }));
    return [...own, ...violationsOf(error.children ?? [], field)];
  });
}

/** Strict DTO validation: unknown fields refused, every violation named (400 problem+json). */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const violations = violationsOf(errors);
      return new ValidationError(
        'validation_failed',
        violations.map((v) => `${v.field}: ${v.message}`).join('; '),
        violations,
      );
    },
  });
}
