import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@kenpo/kernel';
import type { AuthenticatedRequest } from './auth.guard.js';

/** The authenticated actor (token subject and role) of the request. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public endpoint');
  return actor;
});
