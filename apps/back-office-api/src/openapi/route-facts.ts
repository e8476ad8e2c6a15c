import { type INestApplication, RequestMethod } from '@nestjs/common';
import {
  INTERCEPTORS_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { Role } from '@kenpo/kernel';
import { PUBLIC_KEY, ROLES_KEY } from '@kenpo/platform';
import { commandContextParam } from '../commands/command-context.js';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { LOCATION_METADATA, REVISION_ETAG_METADATA } from '../http/http-shape.js';
import { ROLES_CHECKED_IN_HANDLER_KEY } from '../individual-number/reveal-roles.js';
import { minPositionParam } from '../queries/read-consistency.js';

/** What the code says about one route, beyond what @nestjs/swagger reads: roles, headers, conventions. */
export interface RouteFacts {
  public: boolean;
  /** Roles the route lets through (after a handler's own check, where it has one). */
  roles: readonly Role[];
  /** Takes the command headers (Idempotency-Key replay, X-Correlation-Id, If-Match). */
  command: boolean;
  idempotent: boolean;
  /** Answers `ETag: "<revision>"`, and If-Match applies to its commands. */
  revisionETag: boolean;
  location: boolean;
  /** Reads a read model: minPosition / X-Min-Position, freshness headers. */
  readYourWrites: boolean;
}

type Metatype = (new (...args: never[]) => object) & { name: string };

function own<T>(key: string, handler: object, controller: object): T | undefined {
  return (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as T | undefined;
}

function usesParam(controller: Metatype, method: string, factory: unknown): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
    string,
    { factory?: unknown }
  >;
  return Object.values(args).some((arg) => arg.factory === factory);
}

function interceptedBy(controller: Metatype, handler: object, interceptor: unknown): boolean {
  const list = [
    ...((Reflect.getMetadata(INTERCEPTORS_METADATA, controller) as unknown[] | undefined) ?? []),
    ...((Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? []),
  ];
  return list.includes(interceptor);
}

/** The facts of every route by its operationId (`Controller_method`, @nestjs/swagger's default). */
export function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Metatype | null;
      if (!controller) continue;
      const proto = controller.prototype as Record<string, object>;
      for (const method of Object.getOwnPropertyNames(proto)) {
        const handler = proto[method]!;
        if (method === 'constructor' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const declared = own<Role[]>(ROLES_KEY, handler, controller) ?? [];
        facts.set(`${controller.name}_${method}`, {
          public: own<boolean>(PUBLIC_KEY, handler, controller) === true,
          roles: own<Role[]>(ROLES_CHECKED_IN_HANDLER_KEY, handler, controller) ?? declared,
          command: usesParam(controller, method, commandContextParam),
          // The interceptor lets reads through (IdempotencyInterceptor): a GET takes no Idempotency-Key.
          idempotent:
            interceptedBy(controller, handler, IdempotencyInterceptor) &&
            Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.GET,
          revisionETag: own<boolean>(REVISION_ETAG_METADATA, handler, controller) === true,
          location: own<unknown>(LOCATION_METADATA, handler, controller) !== undefined,
          readYourWrites: usesParam(controller, method, minPositionParam),
        });
      }
    }
  }
  return facts;
}
