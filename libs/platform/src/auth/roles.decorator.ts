import { SetMetadata } from '@nestjs/common';
import type { Role } from '@kenpo/kernel';

export const ROLES_KEY = 'kenpo:roles';
export const PUBLIC_KEY = 'kenpo:public';

/** The roles allowed to call an endpoint; every other role gets 403. Every endpoint must declare them. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** No token needed (only /health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
