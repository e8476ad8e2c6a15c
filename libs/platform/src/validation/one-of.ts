import { ValidateBy, ValidateIf } from 'class-validator';

/**
 * Exactly one field of `group` must be given (e.g. a remuneration as `monthlyRemuneration` or as `grade`): none
 * answers `required` for each of them, two answer `one_of` rather than one of them being silently ignored.
 * Put it on every field of the group, instead of @IsOptional.
 */
export function OneOf(group: readonly string[]): PropertyDecorator {
  return (target, key) => {
    const property = String(key);
    const others = group.filter((name) => name !== property);
    ValidateIf((o: Record<string, unknown>) => o[property] !== undefined || others.every((n) => o[n] === undefined))(
      target,
      key,
    );
    ValidateBy({
      name: 'one_of',
      validator: {
        validate: (_value, args) => others.every((n) => (args?.object as Record<string, unknown>)[n] === undefined),
        defaultMessage: () => `give either ${group.join(' or ')}, not both`,
      },
    })(target, key);
  };
}
