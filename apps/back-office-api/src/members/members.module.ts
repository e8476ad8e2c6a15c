import { Module } from '@nestjs/common';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import {
  AutomaticBenefitPaymentController,
  ChooseAutomaticBenefitPaymentHandler,
} from './automatic-benefit-payment.controller.js';
import { EnrollMemberHandler } from './enroll-member.handler.js';
import {
  ChangeJobHandler,
  ExecuteMemberCommandHandler,
  RecognizeDependantHandler,
  RegisterPublicFundsAccountHandler,
} from './member-changes.handler.js';
import { MemberCommands } from './member-commands.service.js';
import { MemberQueries } from './member-queries.service.js';
import { MemberRegistry } from './member-registry.service.js';
import { MembersController } from './members.controller.js';
import { MemberMaintenanceController } from './member-maintenance.controller.js';
import { EligibilityDocumentsController } from './eligibility-documents.controller.js';

@Module({
  controllers: [
    MembersController,
    EligibilityDocumentsController,
    MemberMaintenanceController,
    AutomaticBenefitPaymentController,
  ],
  providers: [
    MemberCommands,
    MemberRegistry,
    EnrollMemberHandler,
    ChangeJobHandler,
    RecognizeDependantHandler,
    RegisterPublicFundsAccountHandler,
    ChooseAutomaticBenefitPaymentHandler,
    ExecuteMemberCommandHandler,
    MemberQueries,
    IdempotencyInterceptor,
  ],
  exports: [MemberCommands, MemberQueries],
})
export class MembersModule {}
