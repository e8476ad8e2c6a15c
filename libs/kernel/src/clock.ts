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

/**
 * Real time moved to another Japan date: time still passes (timeouts, ordering of recordedAt), but "today" is the
 * date a test chose. Only for tests, through the composition root's options; no configuration can select it.
 */
export class ShiftedClock extends Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  /** From now on, "now" is 10:00 in Japan on `date` (plus the real time that passes). */
  setToday(date: BusinessDate): void {
    this.offsetMs = Date.parse(`${date}T01:00:00Z`) - Date.now();
  }
}
