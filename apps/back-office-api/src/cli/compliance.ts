// npm run compliance -- <verify|export|as-of|replay> [options]: the compliance questions without HTTP, on the
// stores of the configured DATA_DIR / EVENT_STORE / READ_STORE (same environment as the server).
import { SystemClock } from '@kenpo/kernel';
import { dateArg, instantArg, parseCli, runCli, usageError } from './cli-kit.js';
import type { ComplianceRequest } from './compliance-commands.js';

const USAGE = `usage: npm run compliance -- <command> [options]
  verify                                          check every stream's hash chain; exit code 1 on a break
  export --from <ISO> --to <ISO> [--out <file>]   NDJSON of the events recorded in [from, to) (stdout without --out)
  as-of --member <id> [--as-of <ISO>] [--effective-on <YYYY-MM-DD>] [--person <personId>]
                                                  the member (or the person's coverage) as known at as-of, on effective-on
  replay --member <id>                            the member's history (NDJSON, personal data masked)
  replay --projection <name>                      replay into a shadow version and compare with the live one (exit 1 on differences)
<ISO> is an instant with its zone (2025-04-01T00:00:00+09:00 or ...Z), as over HTTP. Progress goes to stderr.
Exit codes: 0 done, 1 a break, a difference or a failure, 2 usage error.`;

/** The command and its checked arguments (every usage error before a module or a store is loaded). */
function requestOf(
  name: string | undefined,
  values: Record<string, string | undefined>,
  clock: SystemClock,
): ComplianceRequest {
  switch (name) {
    case 'verify':
      return { command: 'verify' };
    case 'export': {
      const from = instantArg(values.from, 'from');
      const to = instantArg(values.to, 'to');
      if (!(from < to)) usageError('--to must be after --from');
      return { command: 'export', from, to, ...(values.out ? { out: values.out } : {}) };
    }
    case 'as-of':
      return {
        command: 'as-of',
        member: values.member ?? usageError('--member is required'),
        asOf: values['as-of'] === undefined ? clock.now() : instantArg(values['as-of'], 'as-of'),
        effectiveOn: dateArg(values['effective-on'] ?? clock.today(), 'effective-on'),
        ...(values.person ? { person: values.person } : {}),
      };
    case 'replay':
      if (values.member && values.projection) usageError('replay takes --member or --projection, not both');
      if (values.member) return { command: 'replay-member', member: values.member };
      if (values.projection) return { command: 'replay-projection', projection: values.projection };
      return usageError('replay needs --member or --projection');
    default:
      return usageError(name ? `unknown command ${name}` : 'name a command');
  }
}

await runCli(USAGE, async () => {
  const { positionals, values } = parseCli(USAGE, {
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      member: { type: 'string' },
      'as-of': { type: 'string' },
      'effective-on': { type: 'string' },
      person: { type: 'string' },
      projection: { type: 'string' },
    },
  });
  if (positionals.length > 1) usageError(`unexpected argument ${positionals[1]}`);
  const clock = new SystemClock();
  const request = requestOf(positionals[0], values, clock);
  const { runCompliance } = await import('./compliance-commands.js');
  return runCompliance(request, clock);
});
