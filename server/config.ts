import { z } from 'zod';

/**
 * Environment parsed once at boot. A bad value fails fast with the variable's name and the reason
 * (Epic Stack `env.server.ts` habit), so an operator never has to guess.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  SEED_DEMO: booleanFlag,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Extra origins allowed to make state-changing requests (comma separated), e.g. a separate dev server. */
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    ),
  /** Set when served over HTTPS so session cookies carry `Secure`. */
  COOKIE_SECURE: booleanFlag,
  TRUST_PROXY: booleanFlag,
  /** OpenAI-compatible endpoint for 京小帮 and scenario role-play; without it everything runs offline. */
  LLM_BASE_URL: z.url({ error: 'must be an http(s) URL such as http://localhost:8000/v1' }).optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().min(1).optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(20_000),
  /** Questions one account may ask 京小帮 per minute (benchmarks raise it). */
  ASSISTANT_ASKS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(20),
  /** XYZ tile template for the map (e.g. https://tiles.example.cn/{z}/{x}/{y}.png); unset = offline district map. */
  MAP_TILE_URL: z
    .string()
    .regex(/^https?:\/\/.*\{z\}.*\{x\}.*\{y\}/, { error: 'must be an http(s) URL containing {z}, {x} and {y}' })
    .optional(),
  MAP_TILE_ATTRIBUTION: z.string().max(200).optional(),
  /** Holds, waiting-list promotion and slot horizon housekeeping interval (tests may shorten it). */
  BOOKING_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
});

export type AppConfig = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {}

/** Parses `env`; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误 (invalid configuration):\n${lines.join('\n')}`);
  }
  return parsed.data;
}
