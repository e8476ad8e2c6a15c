import { applyDecorators, HttpCode, SetMetadata } from '@nestjs/common';

/** Where the created (201) or accepted (202) resource lives, computed from the answer's body. */
export type Locate = (answer: never) => string;

export const LOCATION_METADATA = 'kenpo:location';
export const REVISION_ETAG_METADATA = 'kenpo:revision-etag';

/** 201 Created with `Location`: the command created a resource the client can GET. */
export function Creates(locate: Locate): MethodDecorator {
  return applyDecorators(HttpCode(201), SetMetadata(LOCATION_METADATA, locate));
}

/** 202 Accepted with `Location`: the work goes on in the background; poll the resource it names. */
export function Accepts(locate: Locate): MethodDecorator {
  return applyDecorators(HttpCode(202), SetMetadata(LOCATION_METADATA, locate));
}

/** `Location` when the handler itself answers 201 (e.g. created on the first call, 200 on a repeat). */
export const Locates = (locate: Locate): MethodDecorator => SetMetadata(LOCATION_METADATA, locate);

/**
 * `ETag: "<revision>"` from the answer's `revision`: on resources (and commands on them) that take If-Match, so the
 * ETag of a GET can be sent back as If-Match unchanged.
 */
export const RevisionETag = (): ClassDecorator & MethodDecorator => SetMetadata(REVISION_ETAG_METADATA, true);

/** A page of a list: every list answers this shape; `nextCursor` is opaque and null on the last page. */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

export function listPage<T>(items: T[], nextCursor: string | null | undefined): ListPage<T> {
  return { items, nextCursor: nextCursor ?? null };
}
