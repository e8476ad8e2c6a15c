import { describe, expect, it } from '@jest/globals';
import { en } from '../i18n/en';
import { ja } from '../i18n/ja';
import { CLAIM } from './claim-spec';
import { DEPENDANT_REMOVAL, ENROLLMENT, MEMBER_COMMANDS, PAYOUT_RELEASE } from './member-commands';
import { isList, labelKey, type Spec } from './spec';

const FORMS: Record<string, Spec[]> = {
  enrollment: ENROLLMENT,
  claim: CLAIM,
  removal: DEPENDANT_REMOVAL,
  'payout release': PAYOUT_RELEASE,
  ...Object.fromEntries(MEMBER_COMMANDS.map((c) => [c.id, c.specs])),
};

/** Every label, hint and choice a form shows, as message keys. */
function keysOf(specs: Spec[]): string[] {
  return specs.flatMap((spec) => {
    const own = [labelKey(spec), ...('hint' in spec && spec.hint ? [spec.hint] : [])];
    if (isList(spec)) return [...own, ...keysOf(spec.fields)];
    const group = spec.enumGroup ?? spec.name;
    return [...own, ...(spec.options ?? []).map((o) => `enum.${group}.${o}`)];
  });
}

describe('nothing in the console needs a field name looked up in the source', () => {
  it.each(Object.entries(FORMS))(
    'the %s form has a Japanese and an English text for every label and choice',
    (_, specs) => {
      const keys = keysOf(specs);
      expect(keys.filter((k) => !(k in ja))).toEqual([]);
      expect(keys.filter((k) => !(k in en))).toEqual([]);
    },
  );

  it('has a title for every clerk command', () => {
    const titles = MEMBER_COMMANDS.map((c) => `command.${c.id}`);
    expect(titles.filter((k) => !(k in ja))).toEqual([]);
  });
});
