import type { Role } from '../api/types';

/**
 * What each role may do, to show only those pages and buttons. The API checks every call itself (its @Roles are
 * the guard); this only keeps people from being offered what would be refused.
 */
export type Capability =
  | 'members.read'
  | 'members.write'
  | 'accounts.write'
  | 'numbers.reveal'
  | 'claims.submit'
  | 'claims.decide'
  | 'payouts.held'
  | 'payouts.release'
  | 'payouts.runs'
  | 'payouts.run'
  | 'queues.open'
  | 'compliance.read'
  | 'access-log.read';

/** Mirrors the README's role table: admins operate, and hold nothing on the money path (no claims, accounts, runs). */
const BY_ROLE: Record<Role, Capability[]> = {
  clerk: [
    'members.read',
    'members.write',
    'accounts.write',
    'numbers.reveal',
    'claims.submit',
    'payouts.held',
    'payouts.release',
  ],
  approver: ['members.read', 'claims.decide'],
  'payment-operator': ['members.read', 'payouts.held', 'payouts.runs', 'payouts.run', 'queues.open'],
  'compliance-officer': ['members.read', 'compliance.read', 'access-log.read'],
  admin: [
    'members.read',
    'members.write',
    'numbers.reveal',
    'payouts.held',
    'payouts.runs',
    'queues.open',
    'access-log.read',
  ],
};

export function can(role: Role | undefined, capability: Capability): boolean {
  return role !== undefined && BY_ROLE[role].includes(capability);
}

/** Where a role starts after signing in. */
export function homeOf(role: Role): string {
  if (role === 'approver') return '/console/approvals';
  if (role === 'payment-operator') return '/console/payouts';
  if (role === 'compliance-officer') return '/console/compliance';
  return '/console/members';
}
