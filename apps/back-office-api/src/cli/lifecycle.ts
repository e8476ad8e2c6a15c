// npm run lifecycle -- [--date YYYY-MM-DD]: the daily lifecycle run in this process, on the stores of the configured
// DATA_DIR / EVENT_STORE / READ_STORE (the same environment as the server; no Redis needed). Safe beside a running
// server and beside another run: every action is recorded once. Progress on stderr, the finished run on stdout.
import { SystemClock } from '@kenpo/kernel';
import { dateArg, parseCli, runCli } from './cli-kit.js';

const USAGE = `usage: npm run lifecycle -- [--date YYYY-MM-DD]
  runs the daily lifecycle (age transitions, dependants' re-checks...) for the date (default: today in Japan) in this
  process; safe beside a running server. Progress on stderr, the finished run (JSON) on stdout.
Exit codes: 0 done, 1 the run failed, 2 usage error.`;

await runCli(USAGE, async () => {
  const { values } = parseCli(USAGE, { options: { date: { type: 'string' } } });
  const clock = new SystemClock();
  const date = dateArg(values.date ?? clock.today(), 'date');
  const { runLifecycle } = await import('./lifecycle-commands.js');
  return runLifecycle(date, clock);
});
