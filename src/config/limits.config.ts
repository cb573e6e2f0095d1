import { int, type ParsedEnv } from './parsers.js';

/** Requests per window: per caller, and per field group (a field declares its group in `extensions.rateLimit`). */
export const limitsEnv = {
  RATE_LIMIT_WINDOW_SECONDS: int(60, 1, 3600),
  RATE_LIMIT_USER: int(1200, 1, 10_000_000),
  RATE_LIMIT_ANONYMOUS: int(300, 1, 10_000_000),
  RATE_LIMIT_AUTH: int(30, 1, 10_000_000),
  RATE_LIMIT_SEARCH: int(120, 1, 10_000_000),
  RATE_LIMIT_ANALYSIS: int(120, 1, 10_000_000),
  RATE_LIMIT_GENERATION: int(20, 1, 10_000_000),
  RATE_LIMIT_INGEST: int(60, 1, 10_000_000),
  RATE_LIMIT_ANALYTICS: int(120, 1, 10_000_000),
  RATE_LIMIT_UPLOAD: int(30, 1, 10_000_000),
};

export function limitsConfig(e: ParsedEnv<typeof limitsEnv>) {
  return {
    windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
    user: e.RATE_LIMIT_USER,
    anonymous: e.RATE_LIMIT_ANONYMOUS,
    /** Per-field limits, by the name a field declares in `extensions.rateLimit`. */
    fields: {
      auth: e.RATE_LIMIT_AUTH,
      search: e.RATE_LIMIT_SEARCH,
      analysis: e.RATE_LIMIT_ANALYSIS,
      generation: e.RATE_LIMIT_GENERATION,
      ingest: e.RATE_LIMIT_INGEST,
      analytics: e.RATE_LIMIT_ANALYTICS,
      upload: e.RATE_LIMIT_UPLOAD,
    },
  };
}
