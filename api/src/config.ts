import { z } from 'zod';

/** Configuration parsed once at start-up; nothing else reads process.env. */
const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** postgres://… selects PostgreSQL through `pg`; absent selects embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATA_DIR: z.string().default('./data'),
  /** Keys the HMAC under which session tokens are stored. Required when NODE_ENV=production. */
  SESSION_SECRET: z.string().min(16).default('banso-development-secret-not-for-production'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** Set when the app is served over HTTPS so the session cookie is marked Secure. */
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Seed the demo program on start: `auto` into an empty embedded database, `if-empty` into any empty database, `never`. */
  SEED_DEMO: z
    .enum(['auto', 'if-empty', 'never'])
    .default('auto'),
  /** Date (YYYY-MM-DD) the seeded demo's story stands at; absent = today. Tests pin it to match their clock. */
  DEMO_DATE: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').optional(),
  WEB_DIST: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z.coerce.number().int().positive().default(1_048_576),
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
});

export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const config = { ...parsed.data, ...overrides };
  if (config.NODE_ENV === 'production' && env.SESSION_SECRET === undefined && overrides.SESSION_SECRET === undefined)
    throw new Error('Invalid configuration:\n  SESSION_SECRET: required when NODE_ENV=production (16+ characters)');
  return config;
}
