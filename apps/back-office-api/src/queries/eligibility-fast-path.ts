import type { IncomingMessage, ServerResponse } from 'node:http';
import { getMetadataStorage } from 'class-validator';
import { type Actor, isBusinessDate } from '@kenpo/kernel';
import { MEMBER_READERS } from '../members/members.controller.js';
import { EligibilityQuery } from './eligibility.dto.js';
import { EligibilityLookup, type EligibilityQuestion } from './eligibility.service.js';
import { consistencyHeaders, MIN_POSITION_HEADER, parseMinPosition } from './read-consistency.js';

const FIELDS = ['insurerNumber', 'symbol', 'number', 'branch', 'date'] as const;
const readers: readonly string[] = MEMBER_READERS;

/**
 * GET /eligibility is what clinics' terminals call all day (issue 16.2): a well-formed request from a member reader
 * is answered here, right after the HTTP edge (request log, security headers, rate limit, token check), without Nest's
 * router, guard, pipes and interceptors, which the profile showed costing more than the lookup itself. Anything else
 * (a malformed or unknown parameter, a role that may not read, identifiers that designate nobody, a failure) goes on
 * to the Nest route, which answers it with the same lookup and its usual problem details: this path only ever
 * answers 200, exactly as the route would.
 */
export function eligibilityFastPath(lookup: EligibilityLookup) {
  const patterns = identifierPatterns();
  return (
    request: IncomingMessage & { actor?: Actor },
    response: ServerResponse,
    next: (error?: unknown) => void,
  ): void => {
    const url = request.url ?? '';
    const mark = url.indexOf('?');
    if (request.method !== 'GET' || url.slice(0, mark < 0 ? url.length : mark) !== '/eligibility') return next();
    if (!request.actor || !readers.includes(request.actor.role)) return next();
    const question = questionOf(new URLSearchParams(mark < 0 ? '' : url.slice(mark + 1)), patterns);
    const minPosition = question && minPositionOf(question.minPosition, request.headers[MIN_POSITION_HEADER]);
    if (!question || minPosition === null) return next();
    lookup.answer(question, minPosition).then(
      ({ answer, consistency }) => {
        if (response.headersSent || response.destroyed) return;
        const body = JSON.stringify(answer);
        response.statusCode = 200;
        for (const [name, value] of Object.entries(consistencyHeaders(consistency))) response.setHeader(name, value);
        response.setHeader('Content-Type', 'application/json; charset=utf-8');
        response.setHeader('Content-Length', Buffer.byteLength(body));
        response.end(body);
      },
      // Not found, a wrong check digit, a failing store: the route answers it (and logs it) as it always does.
      () => next(),
    );
  };
}

type Patterns = Record<'insurerNumber' | 'symbol' | 'number' | 'branch', RegExp>;

/** The DTO's own @Matches patterns (one source: the fast path must accept nothing the route refuses). */
export function identifierPatterns(): Patterns {
  const rules = getMetadataStorage().getTargetValidationMetadatas(EligibilityQuery, '', true, false);
  const pattern = (field: keyof Patterns) => {
    const rule = rules.find((r) => r.propertyName === field && r.constraints?.[0] instanceof RegExp);
    if (!rule) throw new Error(`EligibilityQuery.${field} has no @Matches pattern`);
    return rule.constraints[0] as RegExp;
  };
  return {
    insurerNumber: pattern('insurerNumber'),
    symbol: pattern('symbol'),
    number: pattern('number'),
    branch: pattern('branch'),
  };
}

/** The question when every parameter is there once, well-formed, and nothing else is: else null. */
function questionOf(params: URLSearchParams, ids: Patterns): (EligibilityQuestion & { minPosition?: string }) | null {
  const question: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in question) return null;
    question[key] = value;
  }
  const keys = Object.keys(question);
  const extra = keys.filter((k) => k !== 'minPosition' && !(FIELDS as readonly string[]).includes(k));
  if (extra.length > 0 || FIELDS.some((f) => question[f] === undefined)) return null;
  const { insurerNumber, symbol, number, branch, date } = question as unknown as EligibilityQuestion;
  if (
    !ids.insurerNumber.test(insurerNumber) ||
    !ids.symbol.test(symbol) ||
    !ids.number.test(number) ||
    !ids.branch.test(branch) ||
    !isBusinessDate(date)
  )
    return null;
  return question as unknown as EligibilityQuestion & { minPosition?: string };
}

/** The position to wait for (undefined: none asked), or null when it is malformed (the route refuses it). */
function minPositionOf(query: string | undefined, header: unknown): number | undefined | null {
  try {
    return parseMinPosition(query, header);
  } catch {
    return null;
  }
}
