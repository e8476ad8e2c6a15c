import { type Actor, type Clock, DomainError, eventIdFor, type EventMetadata } from '@kenpo/kernel';
import { type EventStore, handleCommand } from '@kenpo/event-store';
import {
  createMemberDecider,
  dueLifecycleActions,
  type LifecycleAction,
  type MemberCommand,
  type MemberDecider,
  type MemberEvent,
  type MemberState,
  type MembershipSettings,
} from '@kenpo/membership';
import {
  type DocumentStore,
  MEMBER_SUMMARY,
  memberSummaryProjection,
  type MemberSummaryDoc,
  waitForPosition,
} from '@kenpo/read-models';
import { effectiveDateOf, memberStream } from '../members/member-commands.service.js';
import {
  emptyCounts,
  LIFECYCLE_RUNS,
  lifecycleCommandId,
  lifecycleRunStream,
  runCompletionId,
  type LifecycleRunDoc,
  type LifecycleRunRequestedData,
} from './lifecycle-run.js';

export const LIFECYCLE_ACTOR: Actor = { id: 'lifecycle-run', role: 'system' };
const PROGRESS_EVERY_MS = 500;
const CATCH_UP_TIMEOUT_MS = 60_000;
/** A member settles in a few actions; more means a rule that keeps firing, which must not loop forever. */
const MAX_ACTIONS_PER_MEMBER = 20;

export interface LifecycleRunnerOptions {
  /** TEST ONLY (LIFECYCLE_FAULT): called after each action recorded by this process. */
  afterRecorded?: (count: number) => void;
  onProgress?: (doc: LifecycleRunDoc) => void;
}

/**
 * The daily lifecycle run (issue 12.2): for the run's date, records what the dates brought to every member (loss at
 * 75, end of voluntary continuation, document renewals, 高齢受給者, the dependants' re-check list) as member events
 * with their effective dates. The member_summary view only finds candidates; each member's own stream decides. Every
 * action has a deterministic command id, so a second run, a run resumed after a crash, or two runs at once record
 * each (member, person, rule, date) once: the loser of a race re-reads, and the decider answers "already recorded".
 */
export class LifecycleRunner {
  private readonly decider: MemberDecider;
  private recordedHere = 0;

  constructor(
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
    private readonly clock: Clock,
    private readonly settings: MembershipSettings,
    private readonly options: LifecycleRunnerOptions = {},
  ) {
    this.decider = createMemberDecider(settings);
  }

  /** Runs (or resumes) the run recorded in its stream. The run's document tracks progress and counts. */
  async run(runId: string): Promise<LifecycleRunDoc> {
    const requested = await this.requested(runId);
    // Candidates come from the member_summary view: it must have seen everything recorded before the run.
    const head = await this.events.headPosition();
    const caughtUp = await waitForPosition(this.documents, memberSummaryProjection, head ?? -1, {
      timeoutMs: CATCH_UP_TIMEOUT_MS,
    });
    if (!caughtUp.reached) throw new Error('the member_summary view is behind the event store; the run will retry');
    const doc = await this.start(runId, requested);
    let lastProgress = performance.now();
    for await (const summary of this.documents.iterate<MemberSummaryDoc>(MEMBER_SUMMARY, 500)) {
      if (dueLifecycleActions(summary.state, doc.date, this.settings).length > 0) {
        await this.settleMember(summary.memberId, doc, requested.metadata);
      }
      doc.progress.membersScanned += 1;
      if (performance.now() - lastProgress > PROGRESS_EVERY_MS) {
        lastProgress = performance.now();
        await this.save(doc);
      }
    }
    await this.finish(doc, requested.revision);
    return doc;
  }

  private async requested(runId: string) {
    const stream = await this.events.readStreamOrEmpty(lifecycleRunStream(runId));
    const first = stream[0];
    if (!first) throw new Error(`no lifecycle run ${runId} was requested`);
    return {
      data: first.data as unknown as LifecycleRunRequestedData,
      metadata: first.metadata,
      revision: stream.at(-1)!.revision,
    };
  }

  private async start(runId: string, requested: Awaited<ReturnType<LifecycleRunner['requested']>>) {
    const membersTotal = await this.countMembers();
    const doc: LifecycleRunDoc = {
      id: runId,
      runId,
      date: requested.data.date,
      trigger: requested.data.trigger,
      requestedBy: requested.metadata.actor,
      requestedAt: requested.metadata.recordedAt,
      status: 'running',
      startedAt: this.clock.now().toISOString(),
      finishedAt: null,
      // A resumed run starts over: counts of the crashed attempt are replaced (its actions show as already recorded).
      progress: { membersScanned: 0, membersTotal },
      counts: emptyCounts(),
      failures: [],
      error: null,
    };
    await this.save(doc);
    return doc;
  }

  private async countMembers(): Promise<number> {
    let count = 0;
    for await (const _ of this.documents.iterate(MEMBER_SUMMARY, 1_000)) count += 1;
    return count;
  }

  /** Applies the member's due actions one at a time, each decided on the state the previous one left. */
  private async settleMember(memberId: string, doc: LifecycleRunDoc, requested: EventMetadata): Promise<void> {
    let state = await this.load(memberId);
    const seen = new Set<string>();
    for (let i = 0; i < MAX_ACTIONS_PER_MEMBER && state; i++) {
      const action = dueLifecycleActions(state, doc.date, this.settings).find(
        (a) => !seen.has(`${a.rule}|${a.personId}|${a.effectiveDate}`),
      );
      if (!action) return;
      seen.add(`${action.rule}|${action.personId}|${action.effectiveDate}`);
      await this.apply(memberId, action, doc, requested);
      state = await this.load(memberId);
    }
  }

  private async apply(
    memberId: string,
    action: LifecycleAction,
    doc: LifecycleRunDoc,
    requested: EventMetadata,
  ): Promise<void> {
    const counts = doc.counts[action.rule];
    counts.due += 1;
    const commandId = lifecycleCommandId(memberId, action.rule, action.personId, action.effectiveDate);
    const command = {
      ...action.command,
      metadata: {
        commandId,
        correlationId: doc.runId,
        causationId: requested.eventId,
        actor: LIFECYCLE_ACTOR,
        now: this.clock.now().toISOString(),
        reason: action.reason,
      },
    } as MemberCommand;
    try {
      const outcome = await handleCommand(this.events, memberStream(memberId), this.decider, command, {
        metadataFor: (event) => effectiveDateOf(event as MemberEvent),
      });
      // The same command sent by another run (or found already decided) does not count as this run's.
      if (outcome.events.length > 0 && outcome.events[0]!.metadata.correlationId === doc.runId) {
        counts.recorded += 1;
        this.recordedHere += 1;
        this.options.afterRecorded?.(this.recordedHere);
      } else {
        counts.alreadyRecorded += 1;
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      counts.failed += 1;
      if (doc.failures.length < 100) doc.failures.push({ memberId, rule: action.rule, code: error.code });
    }
  }

  private async load(memberId: string): Promise<MemberState | null> {
    const events = await this.events.readStreamOrEmpty(memberStream(memberId));
    if (events.length === 0) return null;
    return events.reduce(
      (state, e) => this.decider.evolve(state, { type: e.type, data: e.data } as MemberEvent),
      this.decider.initialState(),
    );
  }

  private async finish(doc: LifecycleRunDoc, revision: number): Promise<void> {
    doc.status = 'completed';
    doc.finishedAt = this.clock.now().toISOString();
    const stream = await this.events.readStream(lifecycleRunStream(doc.runId));
    if (!stream.some((e) => e.type === 'LifecycleRunCompleted')) {
      const completedId = runCompletionId(doc.runId);
      await this.events
        .append(
          lifecycleRunStream(doc.runId),
          [
            {
              type: 'LifecycleRunCompleted',
              data: {
                runId: doc.runId,
                date: doc.date,
                counts: doc.counts,
                membersScanned: doc.progress.membersScanned,
              },
              metadata: {
                eventId: eventIdFor(completedId, 0),
                commandId: completedId,
                correlationId: doc.runId,
                causationId: doc.runId,
                actor: LIFECYCLE_ACTOR,
                recordedAt: doc.finishedAt,
                schemaVersion: 1,
              },
            },
          ],
          revision,
        )
        .catch(() => undefined); // a concurrent attempt of the same run completed it first
    }
    await this.save(doc);
  }

  private async save(doc: LifecycleRunDoc): Promise<void> {
    await this.documents.put(LIFECYCLE_RUNS, doc);
    this.options.onProgress?.(doc);
  }
}
