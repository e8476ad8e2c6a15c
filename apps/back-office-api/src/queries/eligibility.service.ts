import { Injectable } from '@nestjs/common';
import { businessDate, isValidInsurerNumber, NotFoundError, ValidationError } from '@kenpo/kernel';
import { EventStore } from '@kenpo/event-store';
import { AppConfig } from '@kenpo/platform';
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
import { awaitPosition, type Consistency } from './read-consistency.js';
import type { EligibilityAnswerDto } from './eligibility.dto.js';

export interface EligibilityQuestion {
  insurerNumber: string;
  symbol: string;
  number: string;
  branch: string;
  date: string;
}

const unknownPerson = () =>
  new NotFoundError('person_not_found', 'no insured person or dependant with these identifiers');

/**
 * The eligibility lookup behind GET /eligibility, shared by its Nest route and its fast path (eligibility-fast-path):
 * the eligibility index by 記号:番号, then the member summaries it designates, read once the views have reached
 * `minPosition`.
 */
@Injectable()
export class EligibilityLookup {
  constructor(
    private readonly documents: DocumentStore,
    private readonly events: EventStore,
    private readonly config: AppConfig,
  ) {}

  /**
   * 400 for an insurer number with a wrong check digit; 404 for identifiers that designate nobody, including a
   * well-formed insurer number that is not this society's (we hold no one under it, and the answer must not differ
   * from an unknown person's).
   */
  async answer(
    q: EligibilityQuestion,
    minPosition: number | undefined,
  ): Promise<{ answer: EligibilityAnswerDto; consistency: Consistency }> {
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
    const consistency =
      minPosition === undefined
        ? { reached: true, position: null, wanted: null }
        : await this.slowerOf(
            awaitPosition(this.documents, this.events, eligibilityProjection, minPosition),
            awaitPosition(this.documents, this.events, memberSummaryProjection, minPosition),
          );
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
    return {
      answer: { insurerNumber: q.insurerNumber, symbol: q.symbol, number: q.number, branch: q.branch, date, ...answer },
      consistency,
    };
  }

  private async slowerOf(a: Promise<Consistency>, b: Promise<Consistency>): Promise<Consistency> {
    const [x, y] = await Promise.all([a, b]);
    return x.reached ? y : x;
  }
}
