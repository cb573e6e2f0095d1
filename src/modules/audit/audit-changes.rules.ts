import type { AuditChange } from './audit.types.js';

/** Longest text an entry keeps of a post's or comment's body: enough to recognise it, not to copy it. */
const EXCERPT_LENGTH = 80;
/** Longest any other value is kept. */
const VALUE_LENGTH = 200;

/** The start of a text, on one line, with "…" when it was cut; cut between characters, never inside an emoji's surrogate pair. */
function excerpt(text: string, length = EXCERPT_LENGTH): string {
  const characters = Array.from(text.replace(/\s+/g, ' ').trim());
  return characters.length <= length
    ? characters.join('')
    : `${characters
        .slice(0, length - 1)
        .join('')
        .trimEnd()}…`;
}

type Value = string | number | boolean | Date | readonly string[] | null | undefined;

/** Fields whose values are bodies: kept as an excerpt only. */
const BODIES = new Set(['content', 'body', 'reviewComment']);

function show(field: string, value: Value): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return excerpt(value.join(', '), VALUE_LENGTH);
  return excerpt(String(value), BODIES.has(field) ? EXCERPT_LENGTH : VALUE_LENGTH);
}

const same = (a: Value, b: Value) => show('', a) === show('', b);

/**
 * The fields of `after` whose value differs from `before`'s (a field `after` leaves undefined did not
 * change). Pass only the fields worth an entry: never secrets or tokens.
 */
export function changedFields(before: Record<string, Value>, after: Record<string, Value>): AuditChange[] {
  return Object.entries(after)
    .filter(([field, value]) => value !== undefined && !same(before[field], value))
    .map(([field, value]) => ({ field, before: show(field, before[field]), after: show(field, value) }));
}

/** The fields of something that came or went: every one set, on the side given. */
export function snapshot(side: 'before' | 'after', fields: Record<string, Value>): AuditChange[] {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([field, value]) => ({ field, before: side === 'before' ? show(field, value) : null, after: side === 'after' ? show(field, value) : null }));
}
