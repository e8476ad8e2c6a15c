import { IsIn, Matches } from 'class-validator';
import { ROLES, type Role } from '@kenpo/kernel';
import type { ConsoleConfig } from './console-config.js';

export class DevTokenDto {
  /** The user to sign in as (the token's subject) */
  @Matches(/^[A-Za-z0-9_.@-]{1,64}$/, { message: '$property must be 1 to 64 letters, digits or _ . @ -' })
  sub!: string;
  @IsIn(ROLES) role!: Role;
}

export class DevTokenAnswerDto {
  /** A bearer token (JWT) valid for 8 hours */
  accessToken!: string;
  tokenType!: 'Bearer';
}

export class OidcSettingsDto {
  issuer!: string;
  clientId!: string;
  scope!: string;
}

/** How the console signs in. */
export class ConsoleConfigDto implements ConsoleConfig {
  /** `oidc`: the identity provider (authorization code + PKCE); `development`: pick a user and role; `none` */
  signIn!: 'oidc' | 'development' | 'none';
  oidc!: OidcSettingsDto | null;
}

/** Who the API takes the bearer of the token for. */
export class WhoAmIDto {
  id!: string;
  role!: Role;
}
