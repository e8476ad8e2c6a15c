import { Body, Controller, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@kenpo/platform';
import { type CommandContext, Ctx } from '../commands/command-context.js';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { RecordMedicalCostsCommand } from './claim.cqrs-commands.js';
import { MedicalCostRecordsDto } from './medical-cost-record.dto.js';
import type { MedicalCostRecordsAnswerDto } from './claim-responses.dto.js';

@ApiTags('medical-cost-records')
@ApiBearerAuth()
@UseInterceptors(IdempotencyInterceptor)
@Controller('medical-cost-records')
export class MedicalCostRecordsController {
  constructor(private readonly commandBus: CommandBus) {}

  /** A month's receipts (up to 10,000): the high-cost and additional benefits due are recorded, approved by rule. */
  @Post()
  @HttpCode(200)
  @Roles('clerk')
  record(@Body() dto: MedicalCostRecordsDto, @Ctx() ctx: CommandContext): Promise<MedicalCostRecordsAnswerDto> {
    return this.commandBus.execute(new RecordMedicalCostsCommand(dto, ctx));
  }
}
