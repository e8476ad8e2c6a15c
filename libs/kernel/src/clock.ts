import { japanDateOf, type BusinessDate } from './business-date.js';

/** The source of "now" for adapters and handlers. Domain code receives time inside the command instead. */
export abstract class Clock {
  abstract now(): Date;
  today(): BusinessDate {
    return japanDateOf(this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until moved: for tests. */
export class FixedClock extends Clock {
  constructor(private instant: Date) {
    super();
  }
  now(): Date {
    return new Date(this.instant.getTime());
  }
  set(instant: Date): void {
    this.instant = instant;
  }
}
