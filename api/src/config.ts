import { z } from 'zod';

/** Configuration parsed once at start-up; nothing else reads process.env. */
const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** postgres://… selects PostgreSQL through `pg`; absent selects embedded PGlite in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().default('./data'),
  /** Keys the HMAC under which session tokens are stored. Required when NODE_ENV=production. */
  SESSION_SECRET: z.string().min(16).default('banso-development-secret-not-for-production'),
  /**
   * Seals the TOTP secrets in the database (AES-256-GCM): 32 bytes as 64 hex digits or base64. Absent: a key
   * derived from SESSION_SECRET (HKDF), so a copy of the database alone still opens nothing in production.
   */
  TOTP_KEY: z
    .union([
      z.literal('').transform(() => undefined),
      z.string().regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/, 'must be 32 bytes as 64 hex digits or base64'),
    ])
    .optional(),
  /** The issuer authenticator apps show beside the account. */
  TOTP_ISSUER: z.string().min(1).max(60).default('Bansō'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** Set when the app is served over HTTPS so the session cookie is marked Secure; default true when NODE_ENV=production. */
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  /**
   * Which proxies' X-Forwarded-For to believe (Fastify `trustProxy`): `false` (default: the socket's address is the
   * client), `true` (any: only behind a proxy that overwrites the header), a hop count, or a comma-separated list of
   * addresses/CIDRs of the load balancers.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | number | string[] => {
      const t = v.trim();
      if (t === '' || t === 'false') return false;
      if (t === 'true') return true;
      if (/^\d+$/.test(t)) return Number(t);
      return t
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
    }),
  /** Origins (scheme://host[:port]) besides the app's own that may send state-changing requests. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim().replace(/\/+$/, ''))
        .filter(Boolean),
    ),
  /** Seed the demo program on start: `auto` into an empty embedded database, `if-empty` into any empty database, `never`. */
  SEED_DEMO: z.enum(['auto', 'if-empty', 'never']).default('auto'),
  /** Date (YYYY-MM-DD) the seeded demo's story stands at; absent = today. Tests pin it to match their clock. */
  DEMO_DATE: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
    .optional(),
  WEB_DIST: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z.coerce.number().int().positive().default(1_048_576),
  /** Failed sign-ins per account within LOGIN_WINDOW_MINUTES before 429 (counted in the database, for every replica). */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  /** Failed sign-ins per client address within the window before 429 (high: a whole office may share one proxy). */
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(100),
  LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  /** How often expired sessions and old login attempts are purged (also once at start). */
  PURGE_INTERVAL_MINUTES: z.coerce.number().positive().default(60),
  /** PostgreSQL pool: wait at most this long for a connection. */
  DB_CONNECTION_TIMEOUT_MS: z.coerce.number().int().positive().default(3_000),
  /** PostgreSQL pool: client-side limit on one query (the socket may hang). */
  DB_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** PostgreSQL server-side statement_timeout. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(8_000),
  /** PostgreSQL server-side idle_in_transaction_session_timeout. */
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /** Seconds sent in Retry-After when the database is unavailable. */
  DB_RETRY_AFTER_SECONDS: z.coerce.number().int().positive().default(5),
  /** Live updates: how often open event streams get a keep-alive line and their reader's access is checked again. */
  EVENTS_HEARTBEAT_MS: z.coerce.number().int().positive().default(25_000),
  /** Live updates: how long events are kept for readers that reconnect with Last-Event-ID. */
  EVENTS_RETENTION_HOURS: z.coerce.number().positive().default(72),
  /** Chromium for PDF export (Debian's package by default). */
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  /** Exports one replica runs at once (one Chromium, reused); 0: this replica queues exports but runs none. */
  EXPORT_CONCURRENCY: z.coerce.number().int().min(0).max(4).default(1),
  /** Longest a single export may run. */
  EXPORT_TIMEOUT_MS: z.coerce.number().int().positive().default(90_000),
  /** A running export's heartbeat (pg-boss, seconds, at least 10): when it lapses (the replica died) the job is retried elsewhere. */
  EXPORT_HEARTBEAT_SECONDS: z.coerce.number().int().min(10).default(30),
  /** Attempts before a job whose worker keeps dying is failed. */
  EXPORT_MAX_ATTEMPTS: z.coerce.number().int().positive().default(3),
  /** Queued or running exports one user may have at once (429 beyond). */
  EXPORT_QUOTA_PER_USER: z.coerce.number().int().positive().default(10),
  /** Nodes one logic tree may hold (413 on a batch beyond). */
  MAX_TREE_NODES: z.coerce.number().int().positive().default(10_000),
  // ── Mail (issue 13) ──
  /** smtp://user:pass@host:587 or smtps://…; absent keeps every message in the outbox (read by the program office). */
  SMTP_URL: z
    .union([z.literal('').transform(() => undefined), z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')])
    .optional(),
  MAIL_FROM: z.string().min(3).default('Bansō <no-reply@banso.invalid>'),
  /** How often the dispatcher looks for undelivered messages, and how many times it tries one. */
  MAIL_POLL_MS: z.coerce.number().int().positive().default(10_000),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  // ── Jobs and notifications (issue 15) ──
  /** How often a replica's job workers look for due jobs (pg-boss polling, at least 500 ms). */
  JOBS_POLL_MS: z.coerce.number().int().min(500).default(2_000),
  /** How often the queue's supervisor fails (and retries) jobs past their expiry or whose heartbeat lapsed. */
  JOBS_SUPERVISE_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
  /** How long after an event its notification waits, re-checking then that it still holds (an assignment undone sends nothing). */
  NOTIFY_GRACE_MS: z.coerce.number().int().min(0).default(300_000),
  /** When the daily reminders (homework due in 3 days, overdue; delayed milestones) and the digest go out, cron in Japan time. */
  NOTIFY_DAILY_CRON: z.string().min(9).default('0 8 * * *'),
  // ── Attachments and reference materials (issue 横展開 part 4) ──
  /** Where attachment bytes live when no S3 bucket is set: default <DATA_DIR>/files (objects by attachment id). */
  FILES_DIR: z.string().optional(),
  /** Largest attachment accepted, bytes (413 file_too_large beyond). */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  /** Bytes an engagement's files together, or a program's reference and event materials together, may hold (413 attachment_quota_exceeded beyond). */
  ATTACHMENT_QUOTA_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024 * 1024),
  /** S3-compatible object storage (production): set S3_BUCKET to use it instead of FILES_DIR. */
  S3_BUCKET: z.union([z.literal('').transform(() => undefined), z.string().min(3).max(63)]).optional(),
  S3_REGION: z.string().min(1).default('ap-northeast-1'),
  /** Endpoint of a non-AWS store (MinIO, Ceph, a cloud's S3 API): https://s3.example.jp; absent: AWS. */
  S3_ENDPOINT: z.union([z.literal('').transform(() => undefined), z.url()]).optional(),
  /** Path-style addressing (bucket in the path), which most non-AWS stores need. */
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Static credentials; absent: the SDK's default chain (instance role, AWS_* variables, profile). */
  S3_ACCESS_KEY_ID: z.union([z.literal('').transform(() => undefined), z.string()]).optional(),
  S3_SECRET_ACCESS_KEY: z.union([z.literal('').transform(() => undefined), z.string()]).optional(),
  /** Key prefix inside the bucket (several deployments may share one). */
  S3_PREFIX: z.string().default(''),
  // ── Accounts (issue 13) ──
  /** The address users open the app at, for links in e-mails (https://banso.example.jp); absent: the request's origin. */
  PUBLIC_URL: z.union([z.literal('').transform(() => undefined), z.url().transform((u) => u.replace(/\/+$/, ''))]).optional(),
  /** How long an invitation link stays valid. */
  /** Reads of public report links per client address per minute before 429 (per replica). */
  PUBLIC_LINK_RATE_PER_MINUTE: z.coerce.number().int().positive().default(60),
  INVITATION_TTL_DAYS: z.coerce.number().positive().default(7),
  /** How long a password-reset link stays valid. */
  RESET_TTL_HOURS: z.coerce.number().positive().default(24),
});

export type Config = Omit<z.infer<typeof ConfigSchema>, 'COOKIE_SECURE'> & { COOKIE_SECURE: boolean };

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const { COOKIE_SECURE, ...rest } = parsed.data;
  const cookieSecure = COOKIE_SECURE === undefined ? rest.NODE_ENV === 'production' : COOKIE_SECURE === 'true';
  const config: Config = { ...rest, COOKIE_SECURE: cookieSecure, ...overrides };
  if (config.NODE_ENV === 'production' && env.SESSION_SECRET === undefined && overrides.SESSION_SECRET === undefined)
    throw new Error('Invalid configuration:\n  SESSION_SECRET: required when NODE_ENV=production (16+ characters)');
  return config;
}
