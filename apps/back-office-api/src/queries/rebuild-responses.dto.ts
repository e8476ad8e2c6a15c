import type { RebuildJob } from './rebuilds.service.js';

export class RebuildResultDto {
  projection!: string;
  /** The new collection version, active after the switch */
  version!: number;
  previous!: number | null;
  events!: number;
  position!: number | null;
  /** Until the switch */
  replayMs!: number;
  ms!: number;
  /** The previous version was dropped */
  dropped!: boolean;
  eventsPerSecond!: number;
}

/** A blue/green rebuild of a read model, run in the background of the API process that started it. */
export class RebuildJobDto implements RebuildJob {
  id!: string;
  projection!: string;
  state!: 'running' | 'succeeded' | 'failed';
  startedAt!: string;
  finishedAt!: string | null;
  /** Events replayed so far */
  events!: number;
  result!: RebuildResultDto | null;
  error!: string | null;
}

export class RebuildJobPageDto {
  items!: RebuildJobDto[];
  /** Always null: every rebuild of this process is listed */
  nextCursor!: string | null;
}
