import { Injectable } from '@nestjs/common';
import { Clock, type RecordedEvent, RuleViolation } from '@kenpo/kernel';
import { type Alongside, EventStore, eventsToAppend, handleCommand, type StreamAppend } from '@kenpo/event-store';
import {
  createMemberDecider,
  type MemberCommand,
  type MemberDecider,
  type MemberEvent,
  type MemberState,
} from '@kenpo/membership';
import { type CommandContext, metadataOf } from '../commands/command-context.js';

export interface CommandAnswer {
  memberId: string;
  /** The member stream's revision after the command: send it back as If-Match for the next write. */
  revision: number;
  /** Global position of the last event: pass it as `minPosition` to read your own write from the read models. */
  position: number | null;
  events: string[];
}

export const memberStream = (memberId: string) => `member-${memberId}`;

export interface LoadedMember {
  state: MemberState;
  revision: number;
  history: readonly RecordedEvent[];
}

type DataOf<T extends MemberCommand['type']> = Extract<MemberCommand, { type: T }>['data'];

/** Runs member commands through handleCommand and turns recorded refusals into 422 answers. */
@Injectable()
export class MemberCommands {
  readonly decider: MemberDecider = createMemberDecider();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  command<T extends MemberCommand['type']>(
    type: T,
    data: DataOf<T>,
    context: CommandContext,
    reason?: string,
  ): MemberCommand {
    return { type, data, metadata: metadataOf(context, this.clock.now(), reason) } as MemberCommand;
  }

  /** Decides against an empty or given state without writing: refuses bad input before any side effect. */
  dryRun(command: MemberCommand, state: MemberState = this.decider.initialState()): MemberEvent[] {
    return this.decider.decide(command, state);
  }

  /** The append that records `command` on a member stream that does not exist yet (for a multi-stream write). */
  planNew(memberId: string, command: MemberCommand): StreamAppend {
    const events = this.decider.decide(command, this.decider.initialState());
    return {
      streamId: memberStream(memberId),
      events: eventsToAppend(command, events, (e) => effectiveDateOf(e)),
      expectedRevision: 'no_stream',
    };
  }

  /** The member's state, or null when there is no such member; `history` may be handed on to execute(). */
  async load(memberId: string): Promise<LoadedMember | null> {
    const history = await this.store.readStreamOrEmpty(memberStream(memberId));
    if (history.length === 0) return null;
    let state = this.decider.initialState();
    for (const e of history) state = this.decider.evolve(state, { type: e.type, data: e.data } as MemberEvent);
    return { state, revision: history.at(-1)!.revision, history };
  }

  /**
   * `alongside` plans other streams written in the same transaction (e.g. a 番号 allocation), see handleCommand;
   * `loaded`, the member as the caller has just loaded it, spares reading the stream again.
   */
  async execute(
    memberId: string,
    command: MemberCommand,
    context: CommandContext,
    alongside?: (state: MemberState, command: MemberCommand) => Promise<Alongside<MemberCommand>>,
    loaded?: LoadedMember,
  ): Promise<CommandAnswer> {
    const outcome = await handleCommand(this.store, memberStream(memberId), this.decider, command, {
      expectedRevision: context.expectedRevision,
      metadataFor: (event) => effectiveDateOf(event as MemberEvent),
      ...(alongside ? { alongside } : {}),
      ...(loaded ? { history: loaded.history } : {}),
    });
    const answer: CommandAnswer = {
      memberId,
      revision: outcome.nextExpectedRevision,
      position: outcome.position,
      events: outcome.events.map((e) => e.type),
    };
    const refused = outcome.events.find((e) => e.type === 'DependantRecognitionRefused');
    if (refused) {
      const reasons = (refused.data as { reasons: { field: string; rule: string; message: string }[] }).reasons;
      throw Object.assign(
        new RuleViolation(
          'dependant_recognition_refused',
          `the dependant does not meet the recognition criteria (domain.md 3.3): ${reasons.map((r) => r.rule).join(', ')}`,
          reasons,
        ),
        { answer },
      );
    }
    return answer;
  }
}

/** The business date an event takes effect, kept in metadata for compliance queries on the effective axis. */
export function effectiveDateOf(event: MemberEvent): { effectiveDate?: string } {
  const d = event.data as Record<string, unknown>;
  const date =
    d.acquisitionDate ??
    d.effectiveDate ??
    d.recognizedFrom ??
    d.lossDate ??
    d.linkedOn ??
    d.effectiveOn ??
    d.startDate ??
    d.dueOn ??
    // A month (a remuneration revision) starts on its 1st; 高齢受給者 carries a whole date.
    (typeof d.effectiveFrom === 'string'
      ? d.effectiveFrom.length === 7
        ? `${d.effectiveFrom}-01`
        : d.effectiveFrom
      : undefined);
  return typeof date === 'string' ? { effectiveDate: date } : {};
}
