import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { ROLES, type Role } from '@kenpo/kernel';
import { AppConfig, loadOrCreateJwtSecret, mintToken, Public } from '@kenpo/platform';

export class DevTokenDto {
  @Matches(/^[A-Za-z0-9_.@-]{1,64}$/, { message: '$property must be 1 to 64 letters, digits or _ . @ -' })
  sub!: string;
  @IsIn(ROLES) role!: Role;
}

const LIFETIME_SECONDS = 8 * 3600;

/**
 * Development sign-in for the console: mints a token for any user and role with the development secret. The module
 * registers this controller only when NODE_ENV is not production and no identity provider is configured
 * (AppConfig.devSignIn), so in production the route does not exist at all.
 */
@ApiTags('console')
@Controller('auth')
export class DevSignInController {
  private readonly secret: string;
  constructor(private readonly config: AppConfig) {
    this.secret = loadOrCreateJwtSecret(config);
  }

  @Post('dev-token')
  @HttpCode(200)
  @Public()
  @Header('Cache-Control', 'no-store')
  async token(@Body() dto: DevTokenDto) {
    const { jwtIssuer: issuer, jwtAudience: audience } = this.config;
    const accessToken = await mintToken(this.secret, dto.sub, dto.role, {
      lifetimeSeconds: LIFETIME_SECONDS,
      issuer,
      audience,
    });
    return { accessToken, tokenType: 'Bearer' };
  }
}
