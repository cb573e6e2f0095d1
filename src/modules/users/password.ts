import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { OWASP_SCRYPT_MIN_COST } from '../../config.js';

const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
/** Stored hashes claiming more are refused unchecked: computing one would take seconds and a gigabyte. */
const MAX_COST = 20;
/**
 * A hash at N=2^17, r=8 holds 128 MiB while it runs: two at a time (the rest wait their turn) keep a
 * 512 MiB container clear of the OOM killer and leave libuv's other threads to file and DNS work.
 */
const CONCURRENT_HASHES = 2;

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** scrypt needs 128·r·(N + p + 2) bytes; node refuses more than `maxmem`, 32 MiB unless told. */
const maxmemOf = ({ N, r, p }: ScryptParams) => 128 * r * (N + p + 2) + 1024 * 1024;

function createGate(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

const gate = createGate(CONCURRENT_HASHES);

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: maxmemOf(params) };
  return gate(
    () =>
      new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)))),
  );
}

/** The parts of `scrypt$N$r$p$salt$key`, or undefined for anything this hasher should not compute. */
function parse(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key || rest.length) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const cost = Math.log2(params.N);
  if (!Number.isInteger(cost) || cost < 1 || cost > MAX_COST) return undefined;
  if (!Number.isInteger(params.r) || params.r < 1 || params.r > 32 || !Number.isInteger(params.p) || params.p < 1 || params.p > 16) return undefined;
  return { params, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

const format = (params: ScryptParams, salt: Buffer, key: Buffer) =>
  ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');

async function hashWith(params: ScryptParams, password: string): Promise<string> {
  const salt = randomBytes(16);
  return format(params, salt, await derive(password, salt, params));
}

async function verify(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.params);
  return actual.length === parsed.key.length && timingSafeEqual(actual, parsed.key);
}

const paramsOf = (cost: number): ScryptParams => ({ N: 2 ** cost, r: BLOCK_SIZE, p: PARALLELISM });

/**
 * Password hashes as `scrypt$N$r$p$salt$key` (base64url): each names its own parameters, so hashes
 * made before a raise still verify, and `needsRehash` says which to replace at their next login.
 * `cost` is log2 N.
 */
export function createPasswordHasher(cost: number) {
  const params = paramsOf(cost);
  // Compared against when the email is unknown, so timing does not reveal it: at the current cost, with a random
  // key no password derives. Not hashed at start: that took 128 MiB and half a second of CPU in every process.
  const dummyHash = format(params, randomBytes(16), randomBytes(KEY_LENGTH));

  return {
    hash: (password: string) => hashWith(params, password),
    verify,

    /** The same work as `verify`, for a login whose email matches no account. */
    async verifyNobody(password: string): Promise<false> {
      await verify(password, dummyHash);
      return false;
    },

    /** True for a hash made with other parameters than the current ones. */
    needsRehash(stored: string): boolean {
      const parsed = parse(stored)?.params;
      return !parsed || parsed.N !== params.N || parsed.r !== params.r || parsed.p !== params.p;
    },
  };
}

export type PasswordHasher = ReturnType<typeof createPasswordHasher>;

/** For seed scripts: a hash at OWASP's minimum. */
export const hashPassword = (password: string) => hashWith(paramsOf(OWASP_SCRYPT_MIN_COST), password);
