import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '@kenpo/platform';
import { MEMBER_READERS } from '../members/members.controller.js';
import { consistencyHeaders, MinPosition } from './read-consistency.js';
import { EligibilityQuery, type EligibilityAnswerDto } from './eligibility.dto.js';
import { EligibilityLookup } from './eligibility.service.js';

/**
 * GET /eligibility: was the person these identifiers designate covered on `date`, and by which document (domain.md
 * 2.2, 2.3, 6). 400 for a malformed request or an insurer number with a wrong check digit; 404 for identifiers that
 * designate nobody, including a well-formed insurer number that is not this society's (we hold no one under it, and
 * the answer must not differ from an unknown person's). Valid requests are answered by the fast path
 * (eligibility-fast-path.ts) before they reach Nest; this route answers the rest, with the same lookup.
 */
@ApiTags('eligibility')
@ApiBearerAuth()
@Controller('eligibility')
export class EligibilityController {
  constructor(private readonly lookup: EligibilityLookup) {}

  /** Verify eligibility: was the person these identifiers designate covered on date, and by which document? */
  @Get()
  @Roles(...MEMBER_READERS)
  async verify(
    @Query() q: EligibilityQuery,
    @MinPosition() minPosition: number | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EligibilityAnswerDto> {
    const { answer, consistency } = await this.lookup.answer(q, minPosition);
    res.set(consistencyHeaders(consistency));
    return answer;
  }
}
