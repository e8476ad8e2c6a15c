import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

/** A sealed store cursor: up to 8,000 base64url characters, a dot and a 43-character HMAC. */
export const CURSOR_MAX_LENGTH = 8_044;

/** The `cursor` query parameter of a paged list: the `nextCursor` of the previous page, opened by PagingCursors. */
export const CursorField = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ description: 'nextCursor of the previous page', maxLength: CURSOR_MAX_LENGTH }),
    IsOptional(),
    IsString(),
    Length(1, CURSOR_MAX_LENGTH),
  );
