import { getMetadataStorage, IsDefined } from 'class-validator';

interface PropertyMetadata {
  type: string;
  name?: string;
  propertyName: string;
}

const shaped = new Set<unknown>();

/**
 * A rule every DTO gets from this layer instead of from each field by hand (issues 15.1, 18.4): every declared
 * property is required (`IsDefined`) unless `@IsOptional()` or a false `@ValidateIf()` lets it go, because
 * class-validator checks nothing on a missing nested object and the handler then met `undefined`. (Nested objects
 * and lists are typed before the transformation, in nested-shapes.ts.) Idempotent and cheap: classes already shaped
 * are skipped; it runs before each validation so lazily loaded DTOs count.
 */
export function enforceDtoShapes(): void {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<object, PropertyMetadata[]> };
  for (const [target, metadatas] of storage.validationMetadatas) {
    if (shaped.has(target)) continue;
    shaped.add(target);
    const prototype = (target as { prototype: object }).prototype;
    for (const [property, own] of byProperty(metadatas)) {
      if (own.some((m) => m.type === 'whitelistValidation')) continue;
      if (!own.some((m) => m.type === 'isDefined')) IsDefined({ message: 'is required' })(prototype, property);
    }
  }
}

function byProperty(metadatas: readonly PropertyMetadata[]): Map<string, PropertyMetadata[]> {
  const grouped = new Map<string, PropertyMetadata[]>();
  for (const m of metadatas) grouped.set(m.propertyName, [...(grouped.get(m.propertyName) ?? []), m]);
  return grouped;
}
