import { z } from 'zod';
import { BOOLEAN_WORDS, bool, int, isTrueWord, list, type ParsedEnv, type RunMode } from './parsers.js';

/** Where the service runs, what it logs, who may call it from a browser, and which features are on. */
export const runtimeEnv = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  APP_ENV: z.enum(['development', 'test', 'staging', 'production']).optional(),
  HOST: z.string().default('0.0.0.0'),
  PORT: int(4000, 0, 65535),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  CORS_ORIGINS: list,
  FEATURE_GENERATION: bool(true),
  FEATURE_ANALYTICS: bool(true),
  FEATURE_RESPONSE_CACHE: bool(true),
  FEATURE_RATE_LIMIT: bool(true),
  FEATURE_INTROSPECTION: z.string().optional(),
  FEATURE_TRACING: bool(false),
};

type RuntimeEnv = ParsedEnv<typeof runtimeEnv>;

export function runMode(e: RuntimeEnv): RunMode & { env: string } {
  const env = e.APP_ENV ?? e.NODE_ENV;
  return { env, production: env === 'production' || env === 'staging', test: e.NODE_ENV === 'test' };
}

export function runtimeConfig(e: RuntimeEnv, mode: RunMode, problems: string[]) {
  if (e.FEATURE_INTROSPECTION !== undefined && !(BOOLEAN_WORDS as readonly string[]).includes(e.FEATURE_INTROSPECTION)) {
    problems.push('FEATURE_INTROSPECTION: expected true or false');
  }
  // Unset, it follows the environment: on while developing, off in production.
  const introspection = e.FEATURE_INTROSPECTION === undefined ? !mode.production : isTrueWord(e.FEATURE_INTROSPECTION);
  return {
    host: e.HOST,
    port: e.PORT,
    log: {
      // Development too defaults to info: one line per request; debug adds Yoga's steps of every request.
      level: e.LOG_LEVEL ?? (mode.test ? 'silent' : 'info'),
      pretty: !mode.production && !mode.test,
    },
    cors: { origins: e.CORS_ORIGINS },
    features: {
      generation: e.FEATURE_GENERATION,
      analytics: e.FEATURE_ANALYTICS,
      responseCache: e.FEATURE_RESPONSE_CACHE,
      rateLimit: e.FEATURE_RATE_LIMIT,
      introspection,
      tracing: e.FEATURE_TRACING,
    },
  };
}
