import { ActorDto } from '../http/common-responses.dto.js';

/** The payout schedule as recorded: every change has an actor and a reason. */
export class PayoutScheduleViewDto {
  status!: 'none' | 'active' | 'paused';
  /** Cron pattern in `tz` */
  pattern!: string | null;
  tz!: string | null;
  /** The next scheduled run (ISO-8601), while active */
  nextRunAt!: string | null;
  /** The schedule stream's revision (the ETag) */
  revision!: number;
  changedAt!: string | null;
  changedBy!: ActorDto | null;
}

export class PayoutScheduleStateDto {
  status!: 'none' | 'active' | 'paused';
  pattern!: string | null;
  tz!: string | null;
}

export class PayoutScheduleChangedDto {
  revision!: number;
  position!: number | null;
  events!: string[];
  schedule!: PayoutScheduleStateDto;
}
