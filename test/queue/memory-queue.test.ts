import { describe } from 'vitest';
import { queueContract } from './queue-contract.js';

describe('in-process queue', () => {
  queueContract(() => undefined);
});
