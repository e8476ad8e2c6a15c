// The work of `npm run compliance` once its arguments are checked (compliance.ts), on the configured stores.
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { BusinessDate, Clock } from '@kenpo/kernel';
import type { EventStore } from '@kenpo/event-store';
import {
  createDocumentStore,
  createEventStore,
  createVault,
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
import { cliConfig, progressReporter, usageError } from './cli-kit.js';

export type ComplianceRequest =
  | { command: 'verify' }
  | { command: 'export'; from: Date; to: Date; out?: string }
  | { command: 'as-of'; member: string; asOf: Date; effectiveOn: BusinessDate; person?: string }
  | { command: 'replay-member'; member: string }
  | { command: 'replay-projection'; projection: string };

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));

/** Runs one compliance command; the exit code: 1 on a break in the chain or a difference in a replay. */
export async function runCompliance(request: ComplianceRequest, clock: Clock): Promise<number> {
  const projection =
    request.command === 'replay-projection'
      ? (READ_MODELS.find((p) => p.name === request.projection) ??
        usageError(`unknown projection ${request.projection}; one of ${READ_MODEL_NAMES.join(', ')}`))
      : undefined;
  const config = await cliConfig();
  const events = createEventStore(config);
  // Opened only by the commands that show masked numbers (the vault gives the masked form while a key lives).
  let openedVault: IndividualNumberVault | undefined;
  const vault = () => (openedVault ??= createVault(config));
  try {
    switch (request.command) {
      case 'verify': {
        const report = await verifyIntegrity(events, clock.now());
        print(report);
        return report.ok ? 0 : 1;
      }
      case 'export':
        return await exportToFileOrStdout(events, request);
      case 'as-of': {
        const known = await memberKnownAt(events, request.member, request.asOf);
        if (!known) throw new Error(`no member with the id ${request.member}`);
        const { asOf, effectiveOn, person } = request;
        if (person) print(eligibilityView(known, person, effectiveOn, asOf));
        else print(memberStateView(known, asOf, effectiveOn, await vault().maskedNumbers(numberRefsOfMember(known))));
        return 0;
      }
      case 'replay-member': {
        const report = progressReporter(`replay ${request.member}`);
        let printed = 0;
        let cursor: string | undefined;
        do {
          const page = await memberHistory(events, vault(), request.member, { cursor, limit: 1_000 });
          for (const entry of page.items) console.log(JSON.stringify(entry));
          printed += page.items.length;
          report(printed, 'events');
          cursor = page.nextCursor;
        } while (cursor);
        return 0;
      }
      default: {
        // replay-projection
        const documents = await createDocumentStore(config);
        try {
          const report = progressReporter(`replay ${projection!.name}`);
          const outcome = await checkRebuild(events, documents, projection!, {
            onBatch: (replayed) => report(replayed, 'events'),
          });
          print(outcome);
          return outcome.differences.length > 0 ? 1 : 0;
        } finally {
          await documents.close();
        }
      }
    }
  } finally {
    await Promise.allSettled([events.close(), openedVault?.close()]);
  }
}

async function exportToFileOrStdout(events: EventStore, request: { from: Date; to: Date; out?: string }) {
  const file = request.out;
  // A file export is written beside its name and renamed when whole: a killed export leaves no partial file under
  // the name, and the next run removes the temporary it left.
  if (file) await removeStaleTemporariesOf(file);
  const temporary = file ? temporaryPathFor(file) : undefined;
  // Personal data: the file is the owner's only, whatever the umask (issue 14.3).
  const out = temporary ? createWriteStream(ensurePrivateFile(temporary)) : process.stdout;
  const report = progressReporter('export');
  const summary = await exportEvents(events, request, streamWriter(out), {
    onPage: ({ scanned, exported }) => report(scanned, `events scanned, ${exported} exported`),
  });
  if (temporary) {
    out.end();
    await finished(out);
    await rename(temporary, file!);
  }
  console.error(JSON.stringify(summary));
  return 0;
}
