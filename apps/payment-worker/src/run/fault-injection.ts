import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@kenpo/platform';

export type FaultPoint = 'after-plan' | 'after-file';

/**
 * TEST ONLY (PAYOUT_FAULT): the process kills itself with SIGKILL at a point of a run, so the crash tests can prove
 * that a retry after a crash anywhere pays each payout once with the same file. Inert when the variable is unset.
 */
@Injectable()
export class FaultInjection {
  private readonly logger = new Logger('FaultInjection');
  private readonly fault: string | undefined;

  constructor(config: AppConfig) {
    this.fault = config.values.PAYOUT_FAULT;
  }

  at(point: FaultPoint): void {
    if (this.fault === point) this.kill(point);
  }

  /** After the n-th PayoutInstructed appended by this process. */
  afterInstructions(count: number): void {
    if (this.fault === `after-instruct:${count}`) this.kill(this.fault);
  }

  private kill(point: string): void {
    this.logger.warn(`PAYOUT_FAULT ${point}: killing the process`);
    process.kill(process.pid, 'SIGKILL');
  }
}
