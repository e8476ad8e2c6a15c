import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '@kenpo/kernel';

const INNER = /^[A-Za-z0-9_-]{1,8000}$/;
const SEALED = /^([A-Za-z0-9_-]{1,8000})\.([A-Za-z0-9_-]{43})$/;

const refused = () =>
  ValidationError.of('cursor', 'cursor_invalid', 'cursor is not one this endpoint issued for this query');

/**
 * The paging cursors handed to clients: the store's own cursor (base64url) and an HMAC-SHA256 over the scope it
 * was issued for (the endpoint, plus the member for per-member pages) and that cursor. A forged, altered or
 * foreign cursor (another endpoint's, another member's) is refused with 400 before any store sees it, so a store
 * only ever decodes cursors it wrote itself. The one module that encodes and decodes cursors at the HTTP edge.
 */
export class PagingCursors {
  constructor(private readonly key: Uint8Array) {}

  /** The cursor to hand out for the next page, or undefined on the last page. */
  seal(scope: string, inner: string | undefined): string | undefined {
    if (inner === undefined) return undefined;
    if (!INNER.test(inner)) throw new Error('store cursors must be base64url');
    return `${inner}.${this.mac(scope, inner)}`;
  }

  /** The store's cursor inside a client's cursor; 400 naming `cursor` unless this server issued it for `scope`. */
  open(scope: string, sealed: string | undefined): string | undefined {
    if (sealed === undefined) return undefined;
    const match = typeof sealed === 'string' ? SEALED.exec(sealed) : null;
    if (!match) throw refused();
    const expected = Buffer.from(this.mac(scope, match[1]!));
    if (!timingSafeEqual(expected, Buffer.from(match[2]!))) throw refused();
    return match[1]!;
  }

  /** The scope is length-prefixed, so no (scope, cursor) pair can be spelled as another. */
  private mac(scope: string, inner: string): string {
    return createHmac('sha256', this.key)
      .update(`paging-cursor\0${Buffer.byteLength(scope)}:${scope}\0${inner}`)
      .digest('base64url');
  }
}
