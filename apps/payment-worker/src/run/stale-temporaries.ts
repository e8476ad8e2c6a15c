import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@kenpo/platform';
import { TransferFileStore } from './transfer-file-store.js';

/** At start-up, the temporaries of transfer-file writes a crash interrupted are removed (issue 18.6). */
@Injectable()
export class StaleTemporaries implements OnModuleInit {
  private readonly logger = new Logger(StaleTemporaries.name);

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const removed = await TransferFileStore.under(this.config.dataDir).removeStaleTemporaries();
    if (removed.length > 0) this.logger.warn(`removed ${removed.length} temporary files of interrupted writes`);
  }
}
