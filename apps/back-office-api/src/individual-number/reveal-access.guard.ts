import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Clock, ForbiddenError } from '@kenpo/kernel';
import type { AuthenticatedRequest } from '@kenpo/platform';
import { AccessAudit } from './access-audit.service.js';
import { REVEAL_ROLES } from './reveal-roles.js';
import { correlationOf, recordedFields } from './reveal-fields.js';

/**
 * Runs after the global AuthGuard (which lets every role reach the reveal route) and before body validation, so a
 * role without the right is refused with 403 whatever it sent, and the attempt is audited.
 */
@Injectable()
export class RevealAccessGuard implements CanActivate {
  constructor(
    private readonly audit: AccessAudit,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context
      .switchToHttp()
      .getRequest<AuthenticatedRequest & { params?: Record<string, string>; body?: unknown }>();
    const actor = request.actor!;
    if (REVEAL_ROLES.includes(actor.role)) return true;
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
      string,
      unknown
    >;
    await this.audit.record(
      {
        type: 'IndividualNumberRevealRefused',
        data: {
          ...recordedFields(request.params?.memberId, body.personId, body.purpose),
          actor,
          at: this.clock.now().toISOString(),
          reason: 'role_not_allowed',
        },
      },
      correlationOf(request.headers['x-correlation-id']),
    );
    throw new ForbiddenError(
      'role_not_allowed',
      `role ${actor.role} may not reveal an Individual Number; roles allowed: ${REVEAL_ROLES.join(', ')}`,
    );
  }
}
