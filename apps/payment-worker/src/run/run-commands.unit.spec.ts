import { describe, expect, it } from '@jest/globals';
import { eventIdFor, isUuid } from '@kenpo/kernel';
import { runStepCommandId } from './run-commands.js';

describe("a run's step command ids", () => {
  const run = 'run-20250307-0830-0a1b2c3d';

  it('are UUIDv8s, the same on every attempt, distinct per run, step and purpose', () => {
    const id = runStepCommandId(run, 41, 'instruct', 'p-1');
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('8');
    expect('89ab').toContain(id[19]);
    expect(runStepCommandId(run, 41, 'instruct', 'p-1')).toBe(id);
    const others = [
      runStepCommandId('run-20250307-0830-ffffffff', 41, 'instruct', 'p-1'),
      runStepCommandId(run, 42, 'instruct', 'p-1'),
      runStepCommandId(run, 41, 'instruct', 'p-2'),
      runStepCommandId(run, 41, 'void', 'p-1'),
    ];
    expect(new Set([id, ...others, ...others.map((o) => eventIdFor(o, 0))]).size).toBe(9);
  });

  it("sort in the order of the run's steps, so the log's event-id index takes them as appends", () => {
    const steps = [0, 1, 2, 255, 256, 4_095, 4_096, 65_535, 65_536, 1_000_000, 0xfffffff];
    const ids = steps.map((step) => eventIdFor(runStepCommandId(run, step, 'instruct', `p-${9 - (step % 10)}`), 0));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids.map((id) => id.slice(0, 8))).size).toBe(1);
  });

  it('refuses a step outside 0..2^28-1', () => {
    for (const step of [-1, 1.5, 0x10000000])
      expect(() => runStepCommandId(run, step, 'instruct')).toThrow('out of range');
  });
});
