import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Actor, ForbiddenError, type Role } from '@kenpo/kernel';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator.js';
import { TokenVerifier } from './token-verifier.js';

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

/** Global guard: 401 without a valid token, 403 when the endpoint does not allow the token's role. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // The authenticate middleware verified the token before the body was read; verify here only if it did not run.
    const header = request.headers.authorization;
    const actor = request.actor ?? (await this.verifier.verify(Array.isArray(header) ? header[0] : header));
    request.actor = actor;
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    // An endpoint that declares no roles is closed to everyone: forgetting @Roles must not open it.
    if (!allowed.includes(actor.role)) {
      const roles = allowed.length > 0 ? allowed.join(', ') : 'none';
      throw new ForbiddenError(
        'role_not_allowed',
        `role ${actor.role} may not call this endpoint; roles allowed: ${roles}`,
        [{ field: 'role', rule: 'role_not_allowed', message: `must be one of: ${roles}` }],
      );
    }
    return true;
  }
}
