import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import type { Response } from 'express';
import { Clock } from '@kenpo/kernel';
import { EventStore } from '@kenpo/event-store';
import { CursorField, IsBusinessDate, PagingCursors, Roles } from '@kenpo/platform';
import {
  DocumentStore,
  kanaKey,
  MEMBER_SEARCH,
  memberSearchProjection,
  searchStatusFilter,
  searchStatusOn,
  type MemberSearchDoc,
} from '@kenpo/read-models';
import { MEMBER_READERS } from '../members/members.controller.js';
import { awaitPosition, consistencyHeaders, MinPosition } from './read-consistency.js';
import { listPage } from '../http/http-shape.js';

export class SearchMembersQuery {
  @IsOptional() @IsString() @Length(1, 20) officeCode?: string;
  @IsOptional() @IsIn(['active', 'lost', 'voluntary-continuation']) status?:
    'active' | 'lost' | 'voluntary-continuation';
  /** A prefix of the name in katakana; spaces and middle dots are ignored. */
  @IsOptional() @IsString() @Length(1, 100) nameKana?: string;
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{1,8}$/, { message: '$property (記号) must be 1 to 8 letters or digits' })
  symbol?: string;
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{1,20}$/, { message: '$property (番号) must be 1 to 20 letters or digits' })
  number?: string;
  @IsOptional() @IsBusinessDate() birthDate?: string;
  @CursorField() cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  /** Read-your-writes (see X-Min-Position); read by @MinPosition(). */
  @IsOptional() @Matches(/^-?\d+$/, { message: '$property must be an event position' }) minPosition?: string;
}

/** A row as of `today`: the status derived from the stored dates, and a statutory end shown once it is reached. */
function row(doc: MemberSearchDoc, today: string) {
  const {
    id: _id,
    _position,
    nameKanaKey: _key,
    statutoryEnd: _end,
    coverageUntil,
    continuationFrom: _vc,
    ...rest
  } = doc as MemberSearchDoc & { _position?: number };
  const status = searchStatusOn(doc, today);
  return { ...rest, status, lossDate: rest.lossDate ?? (status === 'lost' ? coverageUntil : null) };
}

/** GET /members?officeCode=&status=&nameKana=&symbol=&number=&birthDate=&cursor=&limit= (member_search view). */
@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class MemberSearchController {
  constructor(
    private readonly documents: DocumentStore,
    private readonly events: EventStore,
    private readonly cursors: PagingCursors,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...MEMBER_READERS)
  async search(
    @Query() q: SearchMembersQuery,
    @MinPosition() minPosition: number | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const consistency = await awaitPosition(this.documents, this.events, memberSearchProjection, minPosition);
    res.set(consistencyHeaders(consistency));
    const today = this.clock.today();
    const page = await this.documents.find<MemberSearchDoc>(MEMBER_SEARCH, {
      where: {
        officeCode: q.officeCode,
        ...(q.status ? searchStatusFilter(q.status, today) : {}),
        symbol: q.symbol,
        number: q.number,
        dateOfBirth: q.birthDate,
        nameKanaKey: q.nameKana === undefined ? undefined : { prefix: kanaKey(q.nameKana) },
      },
      sort: { field: 'nameKanaKey' },
      limit: q.limit ?? 20,
      cursor: this.cursors.open('members', q.cursor),
    });
    return listPage(
      page.items.map((doc) => row(doc, today)),
      this.cursors.seal('members', page.nextCursor),
    );
  }
}
