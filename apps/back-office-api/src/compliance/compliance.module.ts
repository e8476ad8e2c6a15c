import { Module } from '@nestjs/common';
import { ComplianceController } from './compliance.controller.js';
import { ComplianceService } from './compliance.service.js';
import { RebuildChecks } from './rebuild-checks.service.js';

/** Replay, as-of state, rebuild verification, exports and tamper evidence for compliance officers (issue 7). */
@Module({
  controllers: [ComplianceController],
  providers: [ComplianceService, RebuildChecks],
})
export class ComplianceModule {}
