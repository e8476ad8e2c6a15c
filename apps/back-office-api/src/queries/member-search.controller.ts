import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Clock } from '@kenpo/kernel';
import { EventStore } from '@kenpo/event-store';
import { PagingCursors, Roles } from '@kenpo/platform';
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
import { SearchMembersQuery, type MemberSearchPageDto } from './member-search.dto.js';

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

  /** Search members by office, status, name (katakana prefix), 記号/番号 or date of birth. */
  @Get()
  @Roles(...MEMBER_READERS)
  async search(
    @Query() q: SearchMembersQuery,
    @MinPosition() minPosition: number | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MemberSearchPageDto> {
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
