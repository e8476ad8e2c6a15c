import { type ArgumentMetadata, ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { ValidationError, type Violation } from '@kenpo/kernel';
import { enforceDtoShapes } from './dto-shapes.js';
import { nestedShapeViolations } from './nested-shapes.js';
import { malformedStrings } from './well-formed.js';
import { individualNumbersInText, notFreeTextFields } from './free-text.js';

function violationsOf(errors: ClassValidatorError[], prefix = ''): Violation[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    // A missing field gets one clear message, not every rule its absent value also breaks.
    const own =
      'isDefined' in constraints
        ? [{ field, rule: 'required', message: 'is required' }]
        : Object.entries(constraints).map(([rule, message]) => ({
            field,
            rule: rule === 'whitelistValidation' ? 'unknown_field' : rule,
            // class-validator messages quote the property, never the value, unless a DTO says otherwise.
            message,
          }));
    return [...own, ...violationsOf(error.children ?? [], field)];
  });
}

function refusal(violations: Violation[]): ValidationError {
  return new ValidationError(
    'validation_failed',
    violations.map((v) => `${v.field}: ${v.message}`).join('; '),
    violations,
  );
}

/**
 * Strict DTO validation for bodies, queries and path parameters: unknown fields refused, every violation named
 * (400 problem+json), the generic rules of dto-shapes applied to every DTO, no string that is not well-formed
 * Unicode let through, and no Individual Number in a body's free text.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const malformed = malformedStrings(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
      if (malformed.length > 0) throw refusal(malformed);
    }
    // A body read without a DTO (`@Body() body: unknown`) is checked, answered and audited by its handler.
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object) {
      const numbers = individualNumbersInText(value, '', [], notFreeTextFields(metadata.metatype));
      if (numbers.length > 0) throw refusal(numbers);
    }
    enforceDtoShapes();
    const dto = metadata.metatype;
    if (dto && metadata.type !== 'custom') {
      const shapes = nestedShapeViolations(dto as never, value);
      if (shapes.length > 0) throw refusal(shapes);
    }
    return super.transform(value, metadata);
  }
}

export function strictValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => refusal(violationsOf(errors)),
  });
}
