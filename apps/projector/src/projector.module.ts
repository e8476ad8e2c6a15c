import { Module } from '@nestjs/common';

/** Runs the projections from their checkpoints (filled in by the read-model work). */
@Module({})
export class ProjectorModule {}
