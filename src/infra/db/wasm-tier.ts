import { setFlagsFromString } from 'node:v8';

/**
 * On PostgreSQL the only WebAssembly in the process is Prisma's query compiler (3.4 MB). V8 would
 * tier its hot functions up with TurboFan on background threads, and glibc keeps those threads'
 * malloc peaks in its arenas for the life of the process: about 50 MB of RSS. With Liftoff's code
 * only, the feed benchmark ran at the same CPU per request (3.6-3.7 ms against 3.7-4.0 ms, RSS peak
 * 352 MB against 400 MB). Must run before the client is created: modules already compiled keep
 * their tier. Not for the embedded default, where PGlite is a whole database in WebAssembly and
 * needs the optimising tier.
 */
export function keepWebAssemblyOnBaselineTier(): void {
  setFlagsFromString('--liftoff-only');
}
