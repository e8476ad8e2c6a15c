import { describe, expect, it } from '@jest/globals';
import {
  accessAuditStream,
  erasureStream,
  INDIVIDUAL_NUMBER_PURPOSE_CODES,
  isIndividualNumberPurpose,
} from './index.js';

describe('statutory purposes and audit streams (domain.md 9)', () => {
  it('domain.md 9 purpose limitation: only listed health-insurance procedures are purposes', () => {
    expect(INDIVIDUAL_NUMBER_PURPOSE_CODES).toContain('dependant-recognition');
    expect(INDIVIDUAL_NUMBER_PURPOSE_CODES).toContain('information-network-inquiry');
    expect(isIndividualNumberPurpose('benefit-claim')).toBe(true);
    expect(isIndividualNumberPurpose('marketing')).toBe(false);
    expect(isIndividualNumberPurpose('toString')).toBe(false); // not fooled by the prototype
    expect(isIndividualNumberPurpose(undefined)).toBe(false);
  });

  it('keeps one access-audit stream per UTC month and one erasure stream per member', () => {
    expect(accessAuditStream('2025-04-30T23:59:59.999Z')).toBe('access-audit-2025-04');
    expect(accessAuditStream('2025-05-01T00:00:00.000Z')).toBe('access-audit-2025-05');
    expect(erasureStream('m-1')).toBe('individual-number-erasure-m-1');
  });
});
