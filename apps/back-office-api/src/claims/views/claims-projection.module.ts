import { Module } from '@nestjs/common';
import { ClaimsProjectionRunner } from './claims-projection.runner.js';

/** The claims view's runner: imported where the process runs the projector role (see app.module). */
@Module({ providers: [ClaimsProjectionRunner] })
export class ClaimsProjectionModule {}
