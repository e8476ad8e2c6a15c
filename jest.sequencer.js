import Sequencer from '@jest/test-sequencer';

/*
 * The longest files start first. Jest orders by the durations of earlier runs, which a clean clone (CI) does not
 * have; it then orders by file size, and the bench smoke test (a short file, three minutes on a loaded 2-core machine)
 * started last and ran alone at the end. Measured on a clean clone, slowest first; the rest keep Jest's order.
 */
const SLOWEST_FIRST = [
  'test/bench-smoke.spec.ts',
  'test/process-layout.e2e.spec.ts',
  'test/console.e2e.spec.ts',
  'test/security-rotation.e2e.spec.ts',
  'test/compliance-export.e2e.spec.ts',
  'test/faults/kill-under-load.e2e.spec.ts',
  'test/dto-validation.e2e.spec.ts',
  'test/http-edge.e2e.spec.ts',
  'test/faults/payout-run-kills.e2e.spec.ts',
  'test/projector-crash.e2e.spec.ts',
];

export default class SlowestFirstSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const rank = (test) => {
      const index = SLOWEST_FIRST.findIndex((path) => test.path.endsWith(path));
      return index === -1 ? SLOWEST_FIRST.length : index;
    };
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
