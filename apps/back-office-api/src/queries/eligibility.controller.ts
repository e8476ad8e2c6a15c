import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { businessDate, isValidInsurerNumber, NotFoundError, ValidationError } from '@kenpo/kernel';
import { EventStore } from '@kenpo/event-store';
import { AppConfig, Roles } from '@kenpo/platform';
import {
  DocumentStore,
  ELIGIBILITY,
  eligibilityKey,
  eligibilityProjection,
  MEMBER_SUMMARY,
  memberSummaryProjection,
  verifyEligibility,
  type EligibilityDoc,
  type MemberSummaryDoc,
} from '@kenpo/read-models';
import { MEMBER_READERS } from '../members/members.controller.js';
import { awaitPosition, consistencyHeaders, MinPosition } from './read-consistency.js';
import { EligibilityQuery, type EligibilityAnswerDto } from './eligibility.dto.js';

const unknownPerson = () =>
  new NotFoundError('person_not_found', 'no insured person or dependant with these identifiers');

/**
 * GET /eligibility: was the person these identifiers designate covered on `date`, and by which document (domain.md
 * 2.2, 2.3, 6). 400 for a malformed request or an insurer number with a wrong check digit; 404 for identifiers that
 * designate nobody, including a well-formed insurer number that is not this society's (we hold no one under it, and
 * the answer must not differ from an unknown person's).
 */
@ApiTags('eligibility')
@ApiBearerAuth()
@Controller('eligibility')
export class EligibilityController {
  constructor(
    private readonly documents: DocumentStore,
    private readonly events: EventStore,
    private readonly config: AppConfig,
  ) {}

  /** Verify eligibility: was the person these identifiers designate covered on date, and by which document? */
  @Get()
  @Roles(...MEMBER_READERS)
  async verify(
    @Query() q: EligibilityQuery,
    @MinPosition() minPosition: number | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EligibilityAnswerDto> {
    if (!isValidInsurerNumber(q.insurerNumber)) {
      throw ValidationError.of(
        'insurerNumber',
        'check_digit',
        'insurerNumber (保険者番号) has a wrong check digit (domain.md 2.2)',
      );
    }
    const date = businessDate(q.date, 'date');
    if (q.insurerNumber !== this.config.values.INSURER_NUMBER) throw unknownPerson();
    // Both views are fed by the same events: wait for the slower of the two.
    const [a, b] = await Promise.all(
      [eligibilityProjection, memberSummaryProjection].map((p) =>
        awaitPosition(this.documents, this.events, p, minPosition),
      ),
    );
    res.set(consistencyHeaders(a!.reached ? b! : a!));
    const index = await this.documents.get<EligibilityDoc>(ELIGIBILITY, eligibilityKey(q.symbol, q.number));
    if (!index) throw unknownPerson();
    const summaries = await this.documents.getMany<MemberSummaryDoc>(
      MEMBER_SUMMARY,
      index.designations.map((d) => d.memberId),
    );
    const answer = verifyEligibility(index, [...summaries.values()], {
      symbol: q.symbol,
      number: q.number,
      branch: q.branch,
      date,
    });
    if (!answer) throw unknownPerson();
    return { insurerNumber: q.insurerNumber, symbol: q.symbol, number: q.number, branch: q.branch, date, ...answer };
  }
}
