import { Injectable } from '@nestjs/common';
import { MemberCommands } from './member-commands.service.js';
import { memberSummaryOf, type MemberSummaryView } from './member-summary.js';

/** Reads a member. Folds the stream until the read models take over (issue 4). */
@Injectable()
export class MemberQueries {
  constructor(private readonly members: MemberCommands) {}

  async summary(memberId: string): Promise<MemberSummaryView | null> {
    const loaded = await this.members.load(memberId);
    return loaded ? memberSummaryOf(loaded.state, loaded.revision) : null;
  }
}
