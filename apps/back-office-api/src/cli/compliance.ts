// npm run compliance -- <verify|export|as-of|replay> [options]: the compliance questions without HTTP, on the
// stores of the configured DATA_DIR / EVENT_STORE / READ_STORE (same environment as the server).
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { SystemClock } from '@kenpo/kernel';
import {
  createDocumentStore,
  createEventStore,
  createVault,
  loadConfig,
  removeStaleTemporariesOf,
  temporaryPathFor,
} from '@kenpo/platform';
import { ensurePrivateFile, type IndividualNumberVault } from '@kenpo/security';
import { exportEvents, streamWriter } from '../compliance/event-export.js';
import { verifyIntegrity } from '../compliance/integrity.js';
import { memberKnownAt } from '../compliance/member-as-of.js';
import { memberHistory } from '../compliance/member-history.js';
import { eligibilityView, memberStateView, numberRefsOfMember } from '../compliance/member-state-view.js';
import { checkRebuild } from '../compliance/rebuild-check.js';
import { READ_MODEL_NAMES, READ_MODELS } from '../read-models/read-models.js';

const USAGE = `usage: npm run compliance -- <command> [options]
  verify                                          check every stream's hash chain; exit code 1 on a break
  export --from <ISO> --to <ISO> [--out <file>]   NDJSON of the events recorded in [from, to) (stdout without --out)
  as-of --member <id> [--as-of <ISO>] [--effective-on <YYYY-MM-DD>] [--person <personId>]
                                                  the member (or the person's coverage) as known at as-of, on effective-on
  replay --member <id>                            the member's history (NDJSON, personal data masked)
  replay --projection <name>                      replay into a shadow version and compare with the live one (exit 1 on differences)`;

const { positionals, values } = parseArgs({
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

function usage(problem?: string): never {
  if (problem) console.error(problem);
  console.error(USAGE);
  process.exit(2);
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function instant(value: string | undefined, name: string): Date {
  const date = new Date(value ?? '');
  if (value === undefined || Number.isNaN(date.getTime())) usage(`--${name} must be an ISO-8601 timestamp`);
  return date;
}

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));
const clock = new SystemClock();
const config = loadConfig();
const events = createEventStore(config);
// Opened only by the commands that show masked numbers (the vault gives the masked form while a key lives).
let openedVault: IndividualNumberVault | undefined;
const vault = () => (openedVault ??= createVault(config));
let exitCode = 0;
try {
  switch (positionals[0]) {
    case 'verify': {
      const report = await verifyIntegrity(events, clock.now());
      print(report);
      if (!report.ok) exitCode = 1;
      break;
    }
    case 'export': {
      const period = { from: instant(values.from, 'from'), to: instant(values.to, 'to') };
      if (!(period.from < period.to)) usage('--to must be after --from');
      // A file export is written beside its name and renamed when whole: a killed export leaves no partial file
      // under the name, and the next run removes the temporary it left.
      if (values.out) await removeStaleTemporariesOf(values.out);
      const temporary = values.out ? temporaryPathFor(values.out) : undefined;
      // Personal data: the file is the owner's only, whatever the umask (issue 14.3).
      const out = temporary ? createWriteStream(ensurePrivateFile(temporary)) : process.stdout;
      const summary = await exportEvents(events, period, streamWriter(out));
      if (temporary) {
        out.end();
        await finished(out);
        await rename(temporary, values.out!);
      }
      console.error(JSON.stringify(summary));
      break;
    }
    case 'as-of': {
      if (!values.member) usage('--member is required');
      const asOf = values['as-of'] === undefined ? clock.now() : instant(values['as-of'], 'as-of');
      const effectiveOn = values['effective-on'] ?? clock.today();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveOn)) usage('--effective-on must be a date YYYY-MM-DD');
      const known = (await memberKnownAt(events, values.member, asOf)) ?? fail('no member with this id');
      if (values.person) print(eligibilityView(known, values.person, effectiveOn, asOf));
      else print(memberStateView(known, asOf, effectiveOn, await vault().maskedNumbers(numberRefsOfMember(known))));
      break;
    }
    case 'replay': {
      if (values.member) {
        let cursor: string | undefined;
        do {
          const page = await memberHistory(events, vault(), values.member, { cursor, limit: 1_000 });
          for (const entry of page.items) console.log(JSON.stringify(entry));
          cursor = page.nextCursor;
        } while (cursor);
      } else if (values.projection) {
        const projection =
          READ_MODELS.find((p) => p.name === values.projection) ??
          usage(`unknown projection; one of ${READ_MODEL_NAMES.join(', ')}`);
        const documents = await createDocumentStore(config);
        try {
          const outcome = await checkRebuild(events, documents, projection);
          print(outcome);
          if (outcome.differences.length > 0) exitCode = 1;
        } finally {
          await documents.close();
        }
      } else usage('replay needs --member or --projection');
      break;
    }
    default:
      usage(positionals[0] ? `unknown command ${positionals[0]}` : undefined);
  }
} finally {
  await Promise.all([events.close(), openedVault?.close()]);
}
process.exitCode = exitCode;
