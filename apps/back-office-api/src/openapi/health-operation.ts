import { applyDecorators } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  type SchemaObject,
} from '@nestjs/swagger';
import { HealthController } from '@kenpo/platform';

const PART: SchemaObject = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['up', 'down'] },
    message: { type: 'string', description: 'Why the part is down' },
  },
  additionalProperties: true,
};
const PARTS: SchemaObject = { type: 'object', additionalProperties: PART, nullable: true };

/** Terminus' report: each part (eventStore, readStore, redis, projector...) with its status and figures. */
const HEALTH_REPORT: SchemaObject = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['ok', 'error', 'shutting_down'] },
    info: { ...PARTS, description: 'The parts that are up' },
    error: { ...PARTS, description: 'The parts that are down' },
    details: { ...PARTS, description: 'Every part' },
  },
};

let described = false;

/**
 * The OpenAPI description of GET /health (platform's HealthController), given when the document is built rather than
 * where the controller is declared: every process serves /health, and those without the API do not load Swagger.
 */
export function describeHealth(): void {
  if (described) return;
  described = true;
  const check = Object.getOwnPropertyDescriptor(HealthController.prototype, 'check')!;
  // In the order the decorators had on the method (applied bottom-up), so the document does not change.
  applyDecorators(
    ApiOperation({
      summary: 'Readiness: event store, read store, Redis, projector lag (200 up, 503 with the failing parts).',
    }),
    ApiTags('operations'),
    ApiServiceUnavailableResponse({ description: 'A part is down: `error` names it', schema: HEALTH_REPORT }),
    ApiOkResponse({ description: 'Every part is up', schema: HEALTH_REPORT }),
  )(HealthController.prototype, 'check', check);
}
