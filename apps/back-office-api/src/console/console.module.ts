import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@kenpo/platform';
import { ConsoleConfigController } from './console-config.controller.js';
import { DevSignInController } from './dev-sign-in.controller.js';
import { SessionController } from './session.controller.js';

/** The console's API side: its sign-in configuration, the session helpers and (development only) the dev sign-in. */
@Module({})
export class ConsoleModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ConsoleModule,
      controllers: [ConsoleConfigController, SessionController, ...(config.devSignIn ? [DevSignInController] : [])],
    };
  }
}
