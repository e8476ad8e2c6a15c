import 'reflect-metadata';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { getMetadataStorage } from 'class-validator';
import { typeMetadataOf } from '@kenpo/platform/validation';

type Class = abstract new (...args: never[]) => unknown;

interface ValidationMeta {
  type: string;
  name?: string;
  propertyName: string;
  each?: boolean;
  constraints?: unknown[];
}

/** One property of a request DTO as class-validator and class-transformer describe it. */
export interface FieldSchema {
  name: string;
  optional: boolean;
  /** `@ValidateIf` conditions: the field is required only where they hold. */
  conditions: ((object: Record<string, unknown>) => boolean)[];
  kind: 'object' | 'array' | 'number' | 'boolean' | 'string';
  /** Allowed values of an `@IsIn` field. */
  values?: readonly unknown[];
  /** Nested DTOs: one, or one per discriminator value (`benefit.kind`). */
  nested?: { discriminator?: { property: string; value: string }; schema: DtoSchema }[];
}

export type DtoSchema = FieldSchema[];

const NUMBER_RULES = new Set(['isInt', 'isNumber', 'min', 'max', 'isPositive']);

/** The body and query DTO classes a controller method validates, from Nest's route metadata. */
export function requestDtosOf(controller: Class, method: string): { body?: Class; query?: Class } {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
    string,
    { index: number; data?: string }
  >;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype as object, method) ?? []) as Class[];
  const found: { body?: Class; query?: Class } = {};
  for (const [key, arg] of Object.entries(args)) {
    const kind = Number(key.split(':')[0]);
    const type = types[arg.index];
    if (!type || arg.data || !getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length) continue;
    if (kind === RouteParamtypes.BODY) found.body = type;
    if (kind === RouteParamtypes.QUERY) found.query = type;
  }
  return found;
}

/** The fields of a DTO class, nested DTOs included (cycles are not expected in request DTOs). */
export function schemaOf(dto: Class): DtoSchema {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false) as ValidationMeta[];
  const names = [...new Set(metadatas.map((m) => m.propertyName))];
  return names.map((name) => {
    const own = metadatas.filter((m) => m.propertyName === name);
    const conditional = own.filter((m) => m.type === 'conditionalValidation');
    const nestedMeta = own.find((m) => m.type === 'nestedValidation');
    const isIn = own.find((m) => m.name === 'isIn');
    const field: FieldSchema = {
      name,
      optional: conditional.some((m) => m.name === 'isOptional'),
      conditions: conditional
        .filter((m) => m.name !== 'isOptional')
        .map((m) => m.constraints![0] as (object: Record<string, unknown>) => boolean),
      kind: nestedMeta
        ? nestedMeta.each || own.some((m) => m.name === 'isArray')
          ? 'array'
          : 'object'
        : own.some((m) => m.name === 'isArray')
          ? 'array'
          : own.some((m) => m.name === 'isBoolean')
            ? 'boolean'
            : own.some((m) => NUMBER_RULES.has(m.name ?? ''))
              ? 'number'
              : 'string',
      ...(isIn ? { values: isIn.constraints![0] as unknown[] } : {}),
    };
    if (nestedMeta) field.nested = nestedOf(dto, name);
    return field;
  });
}

function nestedOf(dto: Class, property: string): FieldSchema['nested'] {
  const type = typeMetadataOf(dto, property);
  if (!type) return [];
  const discriminator = type.options?.discriminator;
  if (!discriminator) return [{ schema: schemaOf(type.typeFunction()) }];
  return discriminator.subTypes.map((sub) => ({
    discriminator: { property: discriminator.property, value: sub.name },
    schema: schemaOf(sub.value),
  }));
}
