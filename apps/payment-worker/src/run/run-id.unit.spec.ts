import { describe, expect, it } from '@jest/globals';
import { isRunId, runIdAt, transferDateOf } from './run-id.js';
import { runIdOfJob } from '../queue/payout-run.worker.js';

describe('run ids', () => {
  it('are the Japan date and time of the run (23:30 UTC is 08:30 the next day in Tokyo)', () => {
    expect(runIdAt(new Date('2025-03-06T23:30:00Z'))).toBe('run-20250307-0830');
    expect(runIdAt(new Date('2025-03-06T23:30:00Z'), '0a1b2c3d')).toBe('run-20250307-0830-0a1b2c3d');
    expect(transferDateOf('run-20250307-0830-0a1b2c3d')).toBe('2025-03-07');
    expect(isRunId('run-20250307-0830')).toBe(true);
    expect(isRunId('run-2025-03-07')).toBe(false);
    expect(() => transferDateOf('../etc/passwd')).toThrow('must look like run-');
  });

  it('a scheduled job takes its run id from its scheduled instant, the same on every attempt', () => {
    const scheduled = Date.parse('2025-03-07T00:00:00Z'); // 09:00 in Tokyo
    const job = {
      id: `repeat:payout-run-schedule:${scheduled}`,
      data: { trigger: 'schedule' as const },
      timestamp: scheduled - 86_400_000,
    };
    expect(runIdOfJob(job)).toBe('run-20250307-0900');
    expect(runIdOfJob({ ...job, data: { trigger: 'operator', runId: 'run-20250307-1015-0a1b2c3d' } })).toBe(
      'run-20250307-1015-0a1b2c3d',
    );
  });
});
