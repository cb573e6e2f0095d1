import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/infra/db/unavailable.js';

const prismaError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('counts a transaction that got no pooled connection in time as the pool timing out, not other transaction errors', () => {
    expect(isDatabaseUnavailable(prismaError('P2028', 'Transaction API error: Unable to start a transaction in the given time.'))).toBe(true);
    expect(isDatabaseUnavailable(prismaError('P2028', 'Transaction API error: Transaction not found.'))).toBe(false);
  });
});
