import { writeSync } from 'node:fs';
import { z } from 'zod';
import { authConfig, authEnv } from './config/auth.config.js';
import { generationConfig, generationEnv } from './config/generation.config.js';
import { httpConfig, httpEnv } from './config/http.config.js';
import { limitsConfig, limitsEnv } from './config/limits.config.js';
import { mediaConfig, mediaEnv } from './config/media.config.js';
import { publishingConfig, publishingEnv } from './config/publishing.config.js';
import { runMode, runtimeConfig, runtimeEnv } from './config/runtime.config.js';
import { storageConfig, storageEnv } from './config/storage.config.js';

export { OWASP_SCRYPT_MIN_COST } from './config/auth.config.js';

/**
 * Every environment variable the service reads, parsed and validated in one place: each area of
 * src/config/ declares its variables and turns them into its part of the configuration.
 * `loadConfig` throws a ConfigError listing every problem at once, so a bad deploy fails
 * with one readable message instead of a crash deep inside start-up.
 */
export const EnvSchema = z.object({
  ...runtimeEnv,
  ...storageEnv,
  ...authEnv,
  ...httpEnv,
  ...limitsEnv,
  ...generationEnv,
  ...publishingEnv,
  ...mediaEnv,
});

/** Variables that no longer do anything: set, they stop the start rather than be silently ignored. */
const RETIRED: Record<string, string> = {
  JWT_TTL_SECONDS: 'replaced by ACCESS_TOKEN_TTL_SECONDS (access tokens now last minutes) and REFRESH_TOKEN_TTL_SECONDS (how long a session lasts unused)',
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = EnvSchema.safeParse(env);
  const problems = Object.entries(RETIRED)
    .filter(([name]) => env[name] !== undefined)
    .map(([name, why]) => `${name}: no longer read, ${why}`);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const mode = runMode(e);
  const config = {
    env: mode.env,
    production: mode.production,
    test: mode.test,
    auth: authConfig(e, mode, problems),
    ...runtimeConfig(e, mode, problems),
    ...storageConfig(e),
    ...generationConfig(e),
    ...publishingConfig(e, mode, problems),
    ...httpConfig(e, mode, problems),
    rateLimit: limitsConfig(e),
    media: mediaConfig(e, problems),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

export type Config = ReturnType<typeof loadConfig>;

/**
 * Features an operator can switch off (FEATURE_GENERATION, FEATURE_ANALYTICS): their fields declare
 * `extensions: { feature }` and answer FEATURE_DISABLED, and their modules' background work does not start.
 */
export type SwitchableFeature = 'generation' | 'analytics';

/** loadConfig for entry points: prints every problem and exits with EX_CONFIG (78) instead of a stack trace. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      // Written synchronously: process.exit would cut off an asynchronous write to a piped stderr.
      writeSync(2, `${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
