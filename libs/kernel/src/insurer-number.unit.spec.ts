import { describe, expect, it } from '@jest/globals';
import { isValidInsurerNumber } from './insurer-number.js';

describe('insurer number check digit (domain.md 2.2)', () => {
  it.each([
    ['33120015', true, 'worked example of [P5] (千葉県警)'],
    ['01040013', true, '協会けんぽ宮城支部 [P7]'],
    ['06139992', true, 'the default society number'],
    ['33120016', false, 'altered check digit'],
    ['3312001', false, 'seven digits'],
    ['3312001a', false, 'not digits'],
  ])('%s is %s (%s)', (number, valid) => {
    expect(isValidInsurerNumber(number)).toBe(valid);
  });
});
