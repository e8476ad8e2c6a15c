import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@kenpo/platform';
import { UuidParam } from '@kenpo/platform/validation';
import { RebuildsService } from './rebuilds.service.js';
import { ReadModelDto } from '../read-models/read-models.js';
import { Accepts, listPage } from '../http/http-shape.js';
import type { RebuildJobDto, RebuildJobPageDto } from './rebuild-responses.dto.js';

/**
 * Blue/green rebuild of a read model (architecture.md 5): 202 at once, then poll GET /admin/rebuilds/{id}. Readers
 * keep the old version until the switch.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/rebuilds')
export class RebuildsController {
  constructor(private readonly rebuilds: RebuildsService) {}

  /** Start a blue/green rebuild of a read model; readers keep the old version until the switch. */
  @Post()
  @Accepts((job: { id: string }) => `/admin/rebuilds/${job.id}`)
  @Roles('admin')
  start(@Body() dto: ReadModelDto): RebuildJobDto {
    return this.rebuilds.start(dto.projection);
  }

  /** The rebuilds this API process ran, newest first. */
  @Get()
  @Roles('admin')
  list(): RebuildJobPageDto {
    return listPage(this.rebuilds.list(), null);
  }

  /** One rebuild: running, succeeded (with its result) or failed. */
  @Get(':id')
  @Roles('admin')
  get(@Param('id', UuidParam) id: string): RebuildJobDto {
    return this.rebuilds.get(id);
  }
}
