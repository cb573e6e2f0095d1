import { badInput } from '../shared/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Relay global IDs are base64("Type:uuid"). Anything else is the client's mistake and must
 * never reach the database as a malformed uuid (which PostgreSQL reports as an error).
 */
export function decodeId(globalId: string): { typename: string; id: string } {
  const decoded = Buffer.from(globalId, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const typename = decoded.slice(0, colon);
  const id = decoded.slice(colon + 1);
  if (colon < 1 || !/^[A-Za-z]+$/.test(typename) || !UUID.test(id)) {
    throw badInput([], `"${globalId.slice(0, 100)}" is not a valid ID.`);
  }
  return { typename, id };
}

/**
 * The raw id inside a global ID of `typename`, or null when it is not one. For batch inputs, whose
 * validation names every bad field (`events.3.postId`) instead of failing at the first.
 */
export function rawIdOf(typename: string, globalId: string): string | null {
  const decoded = Buffer.from(globalId, 'base64').toString('utf8');
  const id = decoded.slice(typename.length + 1);
  return decoded.startsWith(`${typename}:`) && UUID.test(id) ? id : null;
}
