import type {
  HeaderObject,
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import type { RouteFacts } from './route-facts.js';

const PROBLEM = 'application/problem+json';
const problemContent = { [PROBLEM]: { schema: { $ref: '#/components/schemas/Problem' } } };

const SCHEMAS: Record<string, SchemaObject> = {
  Violation: {
    type: 'object',
    description: 'One broken rule on one field (never its value)',
    required: ['field', 'rule', 'message'],
    properties: {
      field: { type: 'string', description: 'path of the field in the request', example: 'payment.account.bankCode' },
      rule: { type: 'string', description: 'the rule it breaks', example: 'required' },
      message: { type: 'string', example: 'payment.account.bankCode is required' },
    },
  },
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details: every error answers this, as application/problem+json',
    required: ['type', 'title', 'status', 'detail'],
    properties: {
      type: {
        type: 'string',
        description: '`urn:kenpo:problem:<code>`, or about:blank',
        example: 'urn:kenpo:problem:validation_failed',
      },
      title: { type: 'string', example: 'Bad Request' },
      status: { type: 'integer', example: 400 },
      detail: { type: 'string', example: 'acquisitionDate: acquisitionDate must be a date in the form YYYY-MM-DD' },
      code: { type: 'string', description: 'stable machine-readable code', example: 'validation_failed' },
      violations: { type: 'array', items: { $ref: '#/components/schemas/Violation' } },
      instance: { type: 'string', description: 'the request path', example: '/members' },
      dependency: {
        type: 'string',
        description: 'on a 503: the part that is down or full, as /health names it',
        example: 'storage',
      },
    },
  },
};

const HEADERS: Record<string, HeaderObject> = {
  ETag: {
    description: 'The resource\'s revision, `"<revision>"`: send it back as If-Match',
    schema: { type: 'string', example: '"3"' },
  },
  Location: {
    description: 'Where the created resource (201) or the work to poll (202) is',
    schema: { type: 'string', example: '/members/0196a000-0000-7000-8000-000000000001' },
  },
  RetryAfter: { description: 'Seconds to wait before retrying', schema: { type: 'integer', example: 30 } },
  ReadModelPosition: {
    description: 'The event position the read model had reached when it answered',
    schema: { type: 'integer', example: 42 },
  },
  ReadModelStale: {
    description: '`true` when the read model had not reached the minPosition asked for within 2 s',
    schema: { type: 'string', enum: ['true'] },
  },
  IdempotentReplayed: {
    description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
};

const PARAMETERS: Record<string, ParameterObject> = {
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes a retry safe: the first answer is kept 24 h and replayed; the same key with another request is 422',
    schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$', example: 'enroll-2025-04-0001' },
  },
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: false,
    description: 'The revision last seen (the ETag): the command is refused with 409 if the resource changed since',
    schema: { type: 'string', pattern: '^(W/)?"?\\d+"?$', example: '"3"' },
  },
  CorrelationId: {
    name: 'X-Correlation-Id',
    in: 'header',
    required: false,
    description: 'Ties the recorded events to a business process (a UUID; defaults to the command id)',
    schema: { type: 'string', format: 'uuid' },
  },
  MinPositionHeader: {
    name: 'X-Min-Position',
    in: 'header',
    required: false,
    description:
      "Read your own write: wait (up to 2 s) until the read model has the event at this position (a command answer's `position`)",
    schema: { type: 'string', pattern: '^-?\\d+$', example: '42' },
  },
};

const minPositionQuery: ParameterObject = {
  name: 'minPosition',
  in: 'query',
  required: false,
  description: 'Same as X-Min-Position',
  schema: { type: 'string', pattern: '^-?\\d+$', example: '42' },
};

const ref = (kind: 'headers' | 'parameters', name: string): ReferenceObject => ({
  $ref: `#/components/${kind}/${name}`,
});

function problem(description: string, headers?: ResponseObject['headers']): ResponseObject {
  return { description, content: problemContent, ...(headers ? { headers } : {}) };
}

function responsesOf(operation: OperationObject): [string, ResponseObject | ReferenceObject][] {
  return Object.entries(operation.responses ?? {}).filter(
    (entry): entry is [string, ResponseObject | ReferenceObject] => entry[1] !== undefined,
  );
}

function hasParameter(operation: OperationObject, document: OpenAPIObject, name: string, where: string): boolean {
  return (operation.parameters ?? []).some((p: ParameterObject | ReferenceObject) => {
    const param = '$ref' in p ? (document.components!.parameters![p.$ref.split('/').pop()!]! as ParameterObject) : p;
    return param.in === where && param.name.toLowerCase() === name.toLowerCase();
  });
}

function addParameters(operation: OperationObject, document: OpenAPIObject, facts: RouteFacts): void {
  const wanted: [string, ParameterObject | ReferenceObject, string, string][] = [];
  if (facts.idempotent)
    wanted.push(['Idempotency-Key', ref('parameters', 'IdempotencyKey'), 'header', 'IdempotencyKey']);
  if (facts.command && facts.revisionETag) wanted.push(['If-Match', ref('parameters', 'IfMatch'), 'header', 'IfMatch']);
  // Optional everywhere: a handler that reads it itself (@Headers, e.g. the reveal) gets the shared definition too.
  const readsCorrelation = (operation.parameters ?? []).some(
    (p: ParameterObject | ReferenceObject) =>
      'in' in p && p.in === 'header' && p.name.toLowerCase() === 'x-correlation-id',
  );
  if (facts.command || readsCorrelation)
    wanted.push(['X-Correlation-Id', ref('parameters', 'CorrelationId'), 'header', 'CorrelationId']);
  if (facts.readYourWrites) {
    wanted.push(['minPosition', minPositionQuery, 'query', '']);
    wanted.push(['X-Min-Position', ref('parameters', 'MinPositionHeader'), 'header', 'MinPositionHeader']);
  }
  // A header a handler reads itself (@Headers) is described once, by the shared definition.
  operation.parameters = (operation.parameters ?? []).filter(
    (p: ParameterObject | ReferenceObject) =>
      !('in' in p && p.in === 'header' && wanted.some(([name]) => name.toLowerCase() === p.name.toLowerCase())),
  );
  for (const [name, parameter, where] of wanted) {
    if (!hasParameter(operation, document, name, where)) operation.parameters.push(parameter);
  }
}

function addSuccessHeaders(operation: OperationObject, facts: RouteFacts): void {
  for (const [status, response] of responsesOf(operation)) {
    if (!/^2\d\d$/.test(status) || '$ref' in response) continue;
    const headers: Record<string, ReferenceObject> = {};
    if (facts.revisionETag) headers.ETag = ref('headers', 'ETag');
    if (facts.location && (status === '201' || status === '202')) headers.Location = ref('headers', 'Location');
    if (facts.readYourWrites) {
      headers['X-Read-Model-Position'] = ref('headers', 'ReadModelPosition');
      headers['X-Read-Model-Stale'] = ref('headers', 'ReadModelStale');
    }
    if (facts.idempotent) headers['Idempotent-Replayed'] = ref('headers', 'IdempotentReplayed');
    if (Object.keys(headers).length > 0) response.headers = { ...response.headers, ...headers };
  }
}

function addProblems(operation: OperationObject, path: string, method: string, facts: RouteFacts): void {
  const responses = (operation.responses ??= {});
  const roles = facts.roles.join(', ');
  const defaults: [string, () => ResponseObject, boolean][] = [
    [
      '400',
      () => problem('Bad request: the violations name each field and rule'),
      (operation.parameters?.length ?? 0) > 0 || operation.requestBody !== undefined,
    ],
    ['401', () => problem('No valid bearer token'), !facts.public],
    ['403', () => problem(`Forbidden: this needs one of the roles ${roles}`), !facts.public],
    ['404', () => problem('Not found: nothing has the id in the path'), path.includes('{')],
    [
      '409',
      () =>
        problem(
          'Conflict: a stale If-Match, a duplicate, or a request still in progress with the same Idempotency-Key',
        ),
      method !== 'get',
    ],
    ['422', () => problem('A business rule refuses the command (the violations name the rule)'), facts.command],
    [
      '429',
      () => problem('Too many requests from this client', { 'Retry-After': ref('headers', 'RetryAfter') }),
      // Every route, /health included: its bucket is its own, so a client's flood does not fail the probes (14.7).
      true,
    ],
    [
      '503',
      () =>
        problem('A part the request needs (storage, Redis) is down or full: come back after Retry-After', {
          'Retry-After': ref('headers', 'RetryAfter'),
        }),
      // Every route but /health, which documents its own 503 (the health report, issue 18.5).
      true,
    ],
  ];
  for (const [status, response, applies] of defaults) if (applies && !responses[status]) responses[status] = response();
  for (const [status, response] of responsesOf(operation)) {
    if (/^[45]\d\d$/.test(status) && !('$ref' in response) && !response.content && status !== '503') {
      response.content = problemContent;
    }
  }
}

/**
 * Applies the API's conventions to the description @nestjs/swagger made from the decorators: problem+json errors,
 * roles, the command and read-your-writes headers, ETag and Location. They come from the same metadata the guards and
 * interceptors act on, so a new endpoint is described the way it behaves without decorating it twice.
 */
export function applyConventions(document: OpenAPIObject, facts: Map<string, RouteFacts>): OpenAPIObject {
  const components = (document.components ??= {});
  components.schemas = { ...components.schemas, ...SCHEMAS };
  components.headers = { ...components.headers, ...HEADERS };
  components.parameters = { ...components.parameters, ...PARAMETERS };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const route = facts.get(operation.operationId ?? '');
      if (!route) throw new Error(`no route facts for ${method.toUpperCase()} ${path} (${operation.operationId})`);
      operation.security = route.public ? [] : [{ bearer: [] }];
      if (!route.public) {
        (operation as OperationObject & { 'x-roles': string[] })['x-roles'] = [...route.roles];
        operation.description = [operation.description, `Roles: ${route.roles.join(', ')}.`]
          .filter(Boolean)
          .join('\n\n');
      }
      addParameters(operation, document, route);
      addSuccessHeaders(operation, route);
      addProblems(operation, path, method, route);
    }
  }
  return document;
}
