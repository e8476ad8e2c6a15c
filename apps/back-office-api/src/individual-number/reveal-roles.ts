import { SetMetadata } from '@nestjs/common';
import type { Role } from '@kenpo/kernel';

/**
 * Roles that may see an Individual Number in clear: the 事務取扱担当者 who handle the procedures (clerks) and
 * administrators (domain.md 9, access control per user). Approvers, payment operators and compliance officers never
 * need the digits: they work with the masked form and the access log.
 */
export const REVEAL_ROLES: readonly Role[] = ['clerk', 'admin'];
/** Every authenticated role reaches the reveal handler, so that a refused attempt is audited too. */
export const AUTHENTICATED_ROLES: readonly Role[] = [
  'clerk',
  'approver',
  'payment-operator',
  'compliance-officer',
  'admin',
];

/**
 * Marks an endpoint whose @Roles lets every role in but whose handler answers 403 (after auditing) to roles outside
 * this list. The role-matrix test reads it to know the roles that are effectively allowed.
 */
export const ROLES_CHECKED_IN_HANDLER_KEY = 'kenpo:roles-checked-in-handler';
export const RolesCheckedInHandler = (...roles: Role[]) => SetMetadata(ROLES_CHECKED_IN_HANDLER_KEY, roles);
