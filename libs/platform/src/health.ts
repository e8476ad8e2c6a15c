import { Controller, Get, Injectable, Module } from '@nestjs/common';
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

@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly registry: HealthRegistry,
  ) {}

  @Get()
  // Described in the OpenAPI document by the API (describeHealth), where it is built: every process serves /health,
  // and one without the API need not load Swagger for it. Terminus's own description loads @nestjs/swagger with
  // require(), which fails under jest (ESM).
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
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
