import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AppConfig, Public } from '@kenpo/platform';
import { type ConsoleConfig, consoleConfigOf } from './console-config.js';
import type { ConsoleConfigDto } from './console.dto.js';

@ApiTags('console')
@Controller('console')
export class ConsoleConfigController {
  private readonly answer: ConsoleConfig;
  constructor(config: AppConfig) {
    this.answer = consoleConfigOf(config);
  }

  /** How the console signs in (read by the page before any token exists). */
  @Get('config.json')
  @Public()
  @Header('Cache-Control', 'no-cache')
  config(): ConsoleConfigDto {
    return this.answer;
  }
}
