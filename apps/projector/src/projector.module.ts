import { Module } from '@nestjs/common';
import { ProjectorService } from './projector.service.js';

/** Runs the projections from their checkpoints (PROCESS_ROLES includes `projector`). */
@Module({ providers: [ProjectorService], exports: [ProjectorService] })
export class ProjectorModule {}
