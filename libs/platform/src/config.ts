import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER } from './auth/mint-token.js';

const roles = z.enum(['api', 'projector', 'worker']);

/** Every environment variable the apps read. Nothing else reads process.env (conventions.md). */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./var'),
  EVENT_STORE: z.enum(['sqlite', 'eventstoredb']).default('sqlite'),
  /** SQLite: commit appends on a thread of their own (default) or on the process's event loop. */
  SQLITE_EVENT_WRITER: z.enum(['thread', 'inline']).default('thread'),
  READ_STORE: z.enum(['sqlite', 'mongodb']).default('sqlite'),
  EVENTSTORE_CONNECTION_STRING: z
    .string()
    .startsWith('esdb', 'must be an esdb:// or esdb+discover:// connection string')
    .optional(),
  MONGODB_URI: z.string().startsWith('mongodb', 'must be a mongodb:// or mongodb+srv:// URI').optional(),
  MONGODB_DATABASE: z.string().min(1).default('kenpo'),
  REDIS_URL: z.string().startsWith('redis', 'must be a redis:// or rediss:// URL').optional(),
  REDIS_SERVER_BIN: z.string().default('redis-server'),
  /** Which parts run in this process; the embedded default runs all three. */
  PROCESS_ROLES: z
    .string()
    .default('api,projector,worker')
    .transform((value) =>
      value
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    )
    .pipe(z.array(roles).min(1)),
  /**
   * How a process given several roles runs them. `separate` (default): the first role here (the API when it is one,
   * as it owns the port), every other in a child process of its own, so that each has its own event loop and core, as
   * in production. `single`: all in this process (debugging, one profile). `part`: set by the parent on those
   * children (run here without listening, and end with the parent).
   */
  PROCESS_LAYOUT: z.enum(['separate', 'single', 'part']).default('separate'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The society's insurer number (保険者番号, 8 digits, law code 06); checked at boot (domain.md 2.2). */
  INSURER_NUMBER: z
    .string()
    .regex(/^06\d{6}$/, 'must be 8 digits starting with 06 (組合管掌健康保険)')
    .default('06139992'),
  /** Payout runs: cron in Asia/Tokyo (default business days 09:00). */
  PAYOUT_CRON: z.string().min(9).default('0 9 * * 1-5'),
  /** The society as 振込依頼人 on Zengin files (domain.md 8.1), as agreed with its bank; development defaults. */
  ZENGIN_CLIENT_CODE: z
    .string()
    .regex(/^\d{10}$/, 'must be the 10-digit 振込依頼人コード')
    .default('1234567890'),
  ZENGIN_CLIENT_NAME: z
    .string()
    .regex(/^[0-9A-Z ()\-.\uFF66-\uFF9F]{1,40}$/, 'must be 1-40 half-width kana, digits, A-Z, space or ( ) - .')
    .default('ｹﾝｺｳﾎｹﾝｸﾐｱｲ'),
  ZENGIN_BANK_CODE: z
    .string()
    .regex(/^\d{4}$/, 'must be 4 digits')
    .default('0001'),
  ZENGIN_BRANCH_CODE: z
    .string()
    .regex(/^\d{3}$/, 'must be 3 digits')
    .default('001'),
  ZENGIN_ACCOUNT_TYPE: z.enum(['ordinary', 'current', 'other']).default('ordinary'),
  ZENGIN_ACCOUNT_NUMBER: z
    .string()
    .regex(/^\d{1,7}$/, 'must be 1-7 digits')
    .default('1234567'),
  /** How long a payout-run job's lock lives (ms): a crashed worker's run is retried after it expires. */
  /** PayoutInstructed events appended per transaction during a run. */
  PAYOUT_INSTRUCT_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
  PAYOUT_LOCK_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** TEST ONLY: the worker SIGKILLs itself at this point of a run (`after-plan`, `after-file`, `after-instruct:<n>`). */
  PAYOUT_FAULT: z
    .string()
    .regex(/^(after-plan|after-file|after-instruct:\d+)$/, 'must be after-plan, after-file or after-instruct:<n>')
    .optional(),
  /** Automatic benefits (medical cost records) above this many yen wait for an approver (four-eyes, issue 13.4). */
  AUTOMATIC_BENEFIT_APPROVAL_THRESHOLD: z.coerce.number().int().min(0).max(1_000_000_000).default(500_000),
  /** Largest total medical cost of one receipt accepted by POST /medical-cost-records (400 beyond it). */
  MEDICAL_COST_MAX_PER_RECEIPT: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).default(500_000_000),
  LIFECYCLE_CRON: z.string().min(9).default('30 0 * * *'),
  LIFECYCLE_DOCUMENT_RENEWAL_DAYS: z.coerce.number().int().min(0).max(365).default(60),
  LIFECYCLE_DEPENDANT_REVIEW_DAY: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])$/, 'must be MM-DD with a day from 01 to 28')
    .default('06-01'),
  LIFECYCLE_FAULT: z
    .string()
    .regex(/^after-actions:\d+$/, 'must be after-actions:<n>')
    .optional(),
  MASTER_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters (a 256-bit key)')
    .optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWKS_URL: z.url('must be a URL').optional(),
  /** The `iss` and `aud` every token must carry (the identity provider's, for this application); required in production. */
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  /** Longest accepted token lifetime (`exp` − `iat`), in seconds. */
  JWT_MAX_LIFETIME_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(8 * 3600),
  /** Tolerated clock difference with the token issuer for `exp`, `nbf` and `iat`, in seconds. */
  JWT_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /** HMAC key of the paging cursors handed to clients; the same in every API process (generated when unset). */
  CURSOR_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Requests per client address and minute before 429 (0 = no limit, e.g. for benchmarks). */
  /** The OpenAPI page (/docs) is served without a token; production turns it off unless asked (only /health is public). */
  API_DOCS: z.enum(['on', 'off']).optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  /** The console's OpenID Connect sign-in (authorization code + PKCE): the issuer whose tokens the API trusts. */
  CONSOLE_OIDC_ISSUER: z.url("must be the identity provider's issuer URL").optional(),
  CONSOLE_OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  CONSOLE_OIDC_SCOPE: z.string().min(1).max(500).default('openid profile'),
  /** A client must send all request headers within this many ms, and the whole request (body included) within REQUEST_TIMEOUT_MS (408). */
  /** Idempotency-Key: the lease of a running request (renewed while it runs), and how long a duplicate waits for its answer. */
  IDEMPOTENCY_LEASE_MS: z.coerce.number().int().min(300).max(600_000).default(10_000),
  IDEMPOTENCY_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
});

/** Checked on the raw values so they are reported together with every other problem. */
function crossFieldProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (env.EVENT_STORE === 'eventstoredb' && !env.EVENTSTORE_CONNECTION_STRING) {
    problems.push('EVENTSTORE_CONNECTION_STRING: is required when EVENT_STORE=eventstoredb');
  }
  if (env.READ_STORE === 'mongodb' && !env.MONGODB_URI)
    problems.push('MONGODB_URI: is required when READ_STORE=mongodb');
  for (const name of ['JWT_ISSUER', 'JWT_AUDIENCE']) {
    if (env.NODE_ENV === 'production' && !env[name]) problems.push(`${name}: is required when NODE_ENV=production`);
  }
  // Production never generates keys next to the data they protect (issue 14.3): whoever copies DATA_DIR would hold them.
  if (env.NODE_ENV === 'production' && !env.MASTER_KEY)
    problems.push('MASTER_KEY: is required when NODE_ENV=production (64 hex characters, e.g. `openssl rand -hex 32`)');
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET && !env.JWKS_URL)
    problems.push('JWT_SECRET: is required when NODE_ENV=production, unless JWKS_URL names the identity provider');
  if (Boolean(env.CONSOLE_OIDC_ISSUER) !== Boolean(env.CONSOLE_OIDC_CLIENT_ID))
    problems.push('CONSOLE_OIDC_ISSUER, CONSOLE_OIDC_CLIENT_ID: set both or neither');
  return problems;
}

export type AppConfigValues = z.infer<typeof schema>;

/** Validated configuration; also the Nest injection token. */
export class AppConfig {
  constructor(readonly values: AppConfigValues) {}
  get dataDir(): string {
    return resolve(this.values.DATA_DIR);
  }
  get apiDocs(): boolean {
    return this.values.API_DOCS ? this.values.API_DOCS === 'on' : this.values.NODE_ENV !== 'production';
  }
  /** Development and tests accept the tokens `npm run token` mints; production names its identity provider's. */
  get jwtIssuer(): string {
    return this.values.JWT_ISSUER ?? DEFAULT_JWT_ISSUER;
  }
  get jwtAudience(): string {
    return this.values.JWT_AUDIENCE ?? DEFAULT_JWT_AUDIENCE;
  }
  /** The console's development sign-in (pick a user and role) exists only outside production, with our own secret. */
  get devSignIn(): boolean {
    return this.values.NODE_ENV !== 'production' && !this.values.JWKS_URL;
  }
  runs(role: 'api' | 'projector' | 'worker'): boolean {
    return this.values.PROCESS_ROLES.includes(role);
  }
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/** Validates the environment once; the message names each bad variable and why (never its value). */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const relevant = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(relevant);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`)),
    ...crossFieldProblems(relevant),
  ];
  if (!result.success || problems.length > 0) throw new ConfigurationError(problems);
  return new AppConfig(result.data);
}
