import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { base64Url, challengeOf } from './oidc';

describe('PKCE (RFC 7636)', () => {
  it('derives the S256 challenge: base64url(sha256(verifier)), as Node computes it', async () => {
    const verifier = base64Url(randomBytes(32));
    expect(await challengeOf(verifier)).toBe(createHash('sha256').update(verifier).digest('base64url'));
  });

  it('encodes base64url without padding', () => {
    expect(base64Url(new Uint8Array([251, 255, 191]))).toBe('-_-_');
    expect(base64Url(new Uint8Array([1]))).toBe('AQ');
  });
});
