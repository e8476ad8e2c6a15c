import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module.js';
import { AccessAudit } from './access-audit.service.js';
import { AccessLogController } from './access-log.controller.js';
import { IndividualNumberErasure } from './erasure.service.js';
import { IndividualNumberController } from './individual-number.controller.js';
import { LegacyNumberIndexMigration } from './legacy-number-index.migration.js';
import { RevealAccessGuard } from './reveal-access.guard.js';
import { IndividualNumberReveal } from './reveal.service.js';

/** Reveal with access audit, crypto-shredding and the access log (issue 8, domain.md 9). */
@Module({
  imports: [MembersModule],
  controllers: [IndividualNumberController, AccessLogController],
  providers: [
    AccessAudit,
    IndividualNumberReveal,
    IndividualNumberErasure,
    RevealAccessGuard,
    LegacyNumberIndexMigration,
  ],
})
export class IndividualNumberModule {}
