import { isIP } from 'node:net';
import { z } from 'zod';

/** The words an operator may write for a yes/no setting. */
export const BOOLEAN_WORDS = ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'] as const;
const TRUE_WORDS: readonly string[] = ['true', '1', 'yes', 'on'];

export const isTrueWord = (value: string) => TRUE_WORDS.includes(value);

export const bool = (fallback: boolean) =>
  z
    .enum(BOOLEAN_WORDS, { message: 'expected true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : isTrueWord(v)));

export const optionalInt = (min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

export const int = (fallback: number, min: number, max: number) => optionalInt(min, max).transform((v) => v ?? fallback);

export const url = (protocols: string[]) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      try {
        const parsed = new URL(v);
        if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
        return v;
      } catch {
        ctx.addIssue({ code: 'custom', message: `expected a ${protocols.join(' or ')} URL` });
        return z.NEVER;
      }
    });

/** "10.0.0.1", "::1", "10.0.0.0/8", "fd00::/8" */
export function isIpOrCidr(range: string): boolean {
  const [address = '', bits, ...rest] = range.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return Number.isInteger(n) && n >= 0 && n <= (family === 4 ? 32 : 128) && /^\d+$/.test(bits);
}

export const list = z
  .string()
  .optional()
  .transform((v) =>
    v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  );

export function isLoopbackUrl(url: string): boolean {
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** What every area needs to know about where it runs, decided before the areas are read. */
export interface RunMode {
  production: boolean;
  test: boolean;
}

/** An area's variables once parsed. */
export type ParsedEnv<Shape extends z.ZodRawShape> = z.infer<z.ZodObject<Shape>>;
