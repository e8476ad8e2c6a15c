import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Roles } from '@kenpo/platform';
import { RebuildsService } from './rebuilds.service.js';
import { Accepts, listPage } from '../http/http-shape.js';

export class StartRebuildDto {
  @IsString() @Length(1, 48) projection!: string;
}

/**
 * Blue/green rebuild of a read model (architecture.md 5): 202 at once, then poll GET /admin/rebuilds/{id}. Readers
 * keep the old version until the switch.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/rebuilds')
export class RebuildsController {
  constructor(private readonly rebuilds: RebuildsService) {}

  @Post()
  @Accepts((job: { id: string }) => `/admin/rebuilds/${job.id}`)
  @Roles('admin')
  start(@Body() dto: StartRebuildDto) {
    return this.rebuilds.start(dto.projection);
  }

  @Get()
  @Roles('admin')
  list() {
    return listPage(this.rebuilds.list(), null);
  }

  @Get(':id')
  @Roles('admin')
  get(@Param('id') id: string) {
    return this.rebuilds.get(id);
  }
}
