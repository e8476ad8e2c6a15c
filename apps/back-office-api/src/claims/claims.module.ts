import { Module } from '@nestjs/common';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { MembersModule } from '../members/members.module.js';
import { BenefitRegistry } from './benefit-registry.service.js';
import { ClaimCommands } from './claim-commands.service.js';
import { ClaimsController } from './claims.controller.js';
import { DecideBenefitClaimHandler } from './decide-claim.handler.js';
import { MedicalCostLedgers } from './medical-cost-ledgers.service.js';
import { MedicalCostRecordsController } from './medical-cost-records.controller.js';
import { RecordMedicalCostsHandler } from './record-medical-costs.handler.js';
import { SubmitBenefitClaimHandler } from './submit-claim.handler.js';
import { ClaimViews } from './views/claim-views.service.js';

/** Benefit claims (issue 5): clerk claims with four-eyes approval, automatic benefits from medical cost records. */
@Module({
  imports: [MembersModule],
  controllers: [ClaimsController, MedicalCostRecordsController],
  providers: [
    BenefitRegistry,
    ClaimCommands,
    ClaimViews,
    SubmitBenefitClaimHandler,
    DecideBenefitClaimHandler,
    RecordMedicalCostsHandler,
    MedicalCostLedgers,
    IdempotencyInterceptor,
  ],
  exports: [ClaimCommands, ClaimViews],
})
export class ClaimsModule {}
