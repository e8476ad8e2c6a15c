import { Controller, Get, Injectable, Module } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  type SchemaObject,
} from '@nestjs/swagger';
import { Public } from './auth/roles.decorator.js';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TerminusModule,
  type HealthIndicatorResult,
} from '@nestjs/terminus';

export type HealthProbe = () => Promise<Record<string, unknown>>;

/**
 * Components register a probe (event store, read store, Redis, projector lag...). A probe that throws or
 * times out marks its component down and the endpoint answers 503.
 */
@Injectable()
export class HealthRegistry {
  private readonly probes = new Map<string, HealthProbe>();
  register(name: string, probe: HealthProbe): void {
    this.probes.set(name, probe);
  }
  entries(): [string, HealthProbe][] {
    return [...this.probes.entries()];
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

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

@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly registry: HealthRegistry,
  ) {}

  @Get()
  // Our own description: terminus's loads @nestjs/swagger with require(), which fails under jest (ESM).
  @ApiOkResponse({ description: 'Every part is up', schema: HEALTH_REPORT })
  @ApiServiceUnavailableResponse({ description: 'A part is down: `error` names it', schema: HEALTH_REPORT })
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiTags('operations')
  @ApiOperation({
    summary: 'Readiness: event store, read store, Redis, projector lag (200 up, 503 with the failing parts).',
  })
  check() {
    return this.health.check(
      this.registry.entries().map(([name, probe]) => async (): Promise<HealthIndicatorResult> => {
        const session = this.indicators.check(name);
        try {
          return session.up(await withTimeout(probe(), 2_000));
        } catch (error) {
          return session.down({ message: (error as Error).message });
        }
      }),
    );
  }
}

@Module({ imports: [TerminusModule], controllers: [HealthController] })
export class HealthModule {}
