import { Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { decodeJwt } from 'jose';
import type { Actor } from '@kenpo/kernel';
import { CurrentActor, Roles } from '@kenpo/platform';
import { DASHBOARD_ROLES, DASHBOARD_ROUTE, QUEUES_COOKIE } from '@kenpo/payment-worker';
import { MEMBER_READERS } from '../members/members.controller.js';
import type { WhoAmIDto } from './console.dto.js';

/** Short enough that a forgotten browser tab does not keep the dashboard open for a day. */
const QUEUES_SESSION_SECONDS = 15 * 60;

function bearer(request: Request): string {
  return /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')![1]!;
}

@ApiTags('console')
@ApiBearerAuth()
@Controller('auth')
export class SessionController {
  /** Who the API takes the bearer of this token for: the console shows only what this role may do. */
  @Get('me')
  @Roles(...MEMBER_READERS)
  me(@CurrentActor() actor: Actor): WhoAmIDto {
    return { id: actor.id, role: actor.role };
  }

  /**
   * Opens the queue dashboard for a browser: a browser cannot send an Authorization header when it navigates, so the
   * verified token goes into a cookie that only /queues receives (HttpOnly, SameSite=Strict), for 15 minutes at most.
   */
  @Post('queues-session')
  @HttpCode(204)
  @Roles(...DASHBOARD_ROLES)
  openQueues(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    const token = bearer(request);
    const { exp } = decodeJwt(token);
    const tokenSeconds = exp ? exp - Math.floor(Date.now() / 1000) : QUEUES_SESSION_SECONDS;
    response.cookie(QUEUES_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.secure,
      path: DASHBOARD_ROUTE,
      maxAge: Math.max(0, Math.min(QUEUES_SESSION_SECONDS, tokenSeconds)) * 1000,
    });
  }

  /** Signing out of the console closes the dashboard too. */
  @Delete('queues-session')
  @HttpCode(204)
  @Roles(...MEMBER_READERS)
  closeQueues(@Res({ passthrough: true }) response: Response): void {
    response.clearCookie(QUEUES_COOKIE, { httpOnly: true, sameSite: 'strict', path: DASHBOARD_ROUTE });
  }
}
