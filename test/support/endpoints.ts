import 'reflect-metadata';
import { type INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { Role } from '@kenpo/kernel';
import { PUBLIC_KEY, ROLES_KEY } from '@kenpo/platform';
import { ROLES_CHECKED_IN_HANDLER_KEY } from '../../apps/back-office-api/src/individual-number/reveal-roles.js';

export interface Endpoint {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Nest form, e.g. `/members/:memberId/job-changes`. */
  path: string;
  public: boolean;
  /** Roles in @Roles (what the guard lets through). */
  declared: Role[];
  /** Roles that get past the handler's own check too (@RolesCheckedInHandler), else `declared`. */
  allowed: Role[];
  /** The controller class and method name (to read the request DTOs from their metadata). */
  controller: new (...args: never[]) => object;
  handler: string;
}

function paths(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value ?? ''];
  return list.map((p) => String(p).replace(/^\/+|\/+$/g, ''));
}

function metadata<T>(key: string, handler: object, controller: object): T | undefined {
  return (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as T | undefined;
}

/** Every route of every controller the application registered, read from Nest's own metadata. */
export function discoverEndpoints(app: INestApplication): Endpoint[] {
  const found = new Map<string, Endpoint>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (
          name === 'constructor' ||
          typeof handler !== 'function' ||
          Reflect.getMetadata(PATH_METADATA, handler) === undefined
        )
          continue;
        const method = RequestMethod[
          Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod
        ].toLowerCase() as Endpoint['method'];
        const declared = metadata<Role[]>(ROLES_KEY, handler, controller) ?? [];
        const allowed = metadata<Role[]>(ROLES_CHECKED_IN_HANDLER_KEY, handler, controller) ?? declared;
        for (const base of paths(Reflect.getMetadata(PATH_METADATA, controller))) {
          for (const own of paths(Reflect.getMetadata(PATH_METADATA, handler))) {
            const path = `/${[base, own].filter(Boolean).join('/')}`;
            found.set(`${method} ${path}`, {
              method,
              path,
              public: metadata<boolean>(PUBLIC_KEY, handler, controller) === true,
              declared,
              allowed,
              controller,
              handler: name,
            });
          }
        }
      }
    }
  }
  return [...found.values()].sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}
