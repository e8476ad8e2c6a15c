import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { ValidationError } from '@kenpo/kernel';
import { type Document, type Projection, PROJECTIONS } from '@kenpo/read-models';
import { PAYOUT_PROJECTIONS } from '@kenpo/payment-worker';
import { claimsProjection } from '../claims/views/claims.projection.js';

/**
 * Every read model of the back office, wherever its projection lives (the member views in libs/read-models, the
 * claims view here, the payout views in the payment worker): what rebuilds and rebuild checks may name.
 */
export const READ_MODELS: readonly Projection<Document>[] = [
  ...PROJECTIONS,
  claimsProjection,
  ...PAYOUT_PROJECTIONS,
] as unknown as readonly Projection<Document>[];

export const READ_MODEL_NAMES: readonly string[] = READ_MODELS.map((projection) => projection.name);

/** The one answer to a name that is no read model's, over HTTP (400) and in the CLIs. */
export function unknownProjection(name: string): ValidationError {
  const known = READ_MODEL_NAMES.join(', ');
  return new ValidationError('unknown_projection', `no read model named ${name}; known: ${known}`, [
    { field: 'projection', rule: 'known_projection', message: `must be one of ${known}` },
  ]);
}

export function readModelNamed(name: string): Projection<Document> {
  const projection = READ_MODELS.find((p) => p.name === name);
  if (!projection) throw unknownProjection(name);
  return projection;
}

/** The body of POST /admin/rebuilds and POST /compliance/rebuild-checks. */
export class ReadModelDto {
  @ApiProperty({ enum: READ_MODEL_NAMES, example: 'member_summary', description: 'the read model (projection) name' })
  @IsString()
  @Length(1, 48)
  projection!: string;
}
