import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AppConfig, loadOrCreateJwtSecret, mintToken, Public } from '@kenpo/platform';
import { type DevTokenAnswerDto, DevTokenDto } from './console.dto.js';

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

  /** Development sign-in: a token for any user and role (absent in production and with an identity provider). */
  @Post('dev-token')
  @HttpCode(200)
  @Public()
  @Header('Cache-Control', 'no-store')
  async token(@Body() dto: DevTokenDto): Promise<DevTokenAnswerDto> {
    const { jwtIssuer: issuer, jwtAudience: audience } = this.config;
    const accessToken = await mintToken(this.secret, dto.sub, dto.role, {
      lifetimeSeconds: LIFETIME_SECONDS,
      issuer,
      audience,
    });
    return { accessToken, tokenType: 'Bearer' };
  }
}
