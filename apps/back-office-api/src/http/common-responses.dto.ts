import type { Actor, Role } from '@kenpo/kernel';

/** Who did something: the token's subject and role. */
export class ActorDto implements Actor {
  id!: string;
  role!: Role;
}
