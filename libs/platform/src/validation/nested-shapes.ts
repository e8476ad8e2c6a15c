import { createRequire } from 'node:module';
import { getMetadataStorage } from 'class-validator';
import type { Violation } from '@kenpo/kernel';

type Class = abstract new (...args: never[]) => unknown;

export interface TypeMetadata {
  typeFunction: () => Class;
  options?: { discriminator?: { property: string; subTypes: { name: string; value: Class }[] } };
}

// Nest's ValidationPipe loads class-transformer with require; its @Type registry is that instance's.
const { defaultMetadataStorage } = createRequire(import.meta.url)('class-transformer/cjs/storage.js') as {
  defaultMetadataStorage: { findTypeMetadata(target: Class, property: string): TypeMetadata | undefined };
};

/** The `@Type` of a DTO property (with its discriminator), as Nest's ValidationPipe will use it. */
export function typeMetadataOf(dto: Class, property: string): TypeMetadata | undefined {
  return defaultMetadataStorage.findTypeMetadata(dto, property);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Nested objects and lists checked on the raw JSON, before class-transformer sees them: `@Type` turns an array given
 * for an object into a list of instances (and throws on primitives when a discriminator picks the class), so the type
 * must be right before the transformation, not only after it. Returns the violations, each with its field path.
 */
export function nestedShapeViolations(dto: Class, value: unknown, path = ''): Violation[] {
  if (!isPlainObject(value)) return [];
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const nested = metadatas.filter((m) => m.type === 'nestedValidation');
  return nested.flatMap((m) => {
    const property = m.propertyName;
    const given = value[property];
    if (given === undefined || given === null) return [];
    const field = path ? `${path}.${property}` : property;
    const list = m.each || metadatas.some((o) => o.propertyName === property && o.name === 'isArray');
    if (!list) return objectAt(dto, property, given, field);
    if (!Array.isArray(given)) return [{ field, rule: 'isArray', message: `${property} must be an array` }];
    return given.flatMap((item, i) => objectAt(dto, property, item, `${field}.${i}`));
  });
}

function objectAt(dto: Class, property: string, given: unknown, field: string): Violation[] {
  if (!isPlainObject(given)) return [{ field, rule: 'isObject', message: `${field} must be an object` }];
  const type = typeMetadataOf(dto, property);
  if (!type) return [];
  const discriminator = type.options?.discriminator;
  const chosen = discriminator?.subTypes.find((s) => s.name === given[discriminator.property])?.value;
  return nestedShapeViolations(chosen ?? type.typeFunction(), given, field);
}
