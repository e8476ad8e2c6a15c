import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, NotFoundError } from '@kenpo/kernel';
import { CurrentActor, Roles } from '@kenpo/platform';
import { UuidParam } from '@kenpo/platform/validation';
import { EraseIndividualNumbersDto, RevealIndividualNumberDto } from './individual-number.dto.js';
import { IndividualNumberErasure } from './erasure.service.js';
import { IndividualNumberReveal } from './reveal.service.js';
import { RevealAccessGuard } from './reveal-access.guard.js';
import { correlationOf } from './reveal-fields.js';
import { AUTHENTICATED_ROLES, REVEAL_ROLES, RolesCheckedInHandler } from './reveal-roles.js';
import { Locates } from '../http/http-shape.js';
import type { ErasureRecordDto, RevealedIndividualNumberDto } from './individual-number-responses.dto.js';

const uuid = new UuidParam();

/**
 * No Idempotency-Key interceptor here on purpose: it would keep the answer, i.e. the clear number, in Redis.
 * A reveal is read-only apart from its audit record; an erasure is idempotent by itself.
 */
@ApiTags('individual-number')
@ApiBearerAuth()
@Controller('members/:memberId/individual-number')
export class IndividualNumberController {
  constructor(
    private readonly reveals: IndividualNumberReveal,
    private readonly erasures: IndividualNumberErasure,
  ) {}

  /** Reveal one person's Individual Number for a statutory purpose (audited, also when refused). */
  @Post('reveal')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Roles(...AUTHENTICATED_ROLES)
  @RolesCheckedInHandler(...REVEAL_ROLES)
  @UseGuards(RevealAccessGuard)
  @ApiBody({ type: RevealIndividualNumberDto })
  reveal(
    @Param('memberId') memberId: string,
    // Not a DTO on purpose: the global pipe would answer 400 before the refusal is audited (issue 14.5).
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Headers('x-correlation-id') correlation?: string,
  ): Promise<RevealedIndividualNumberDto> {
    return this.reveals.reveal({ memberId, body, actor, correlationId: correlationOf(correlation) });
  }

  /** 201 with the deletion record; 200 with the same record when it was already erased. */
  @Post('erasure')
  @Locates((record: { memberId: string }) => `/members/${record.memberId}/individual-number/erasure`)
  @Roles('admin')
  async erase(
    @Param('memberId', uuid) memberId: string,
    @Body() dto: EraseIndividualNumbersDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
    @Headers('x-correlation-id') correlation?: string,
  ): Promise<ErasureRecordDto> {
    const { record, created } = await this.erasures.erase(memberId, dto.reason, actor, correlationOf(correlation));
    response.status(created ? 201 : 200);
    return record;
  }

  /** The deletion record of the member's Individual Numbers. */
  @Get('erasure')
  @Roles('admin', 'compliance-officer')
  async erasureRecord(@Param('memberId', uuid) memberId: string): Promise<ErasureRecordDto> {
    const record = await this.erasures.record(memberId);
    if (!record) throw new NotFoundError('erasure_not_found', "the member's Individual Numbers were not erased");
    return record;
  }
}
