/** The runner's `k6` module: check and fail, as the scripts use them. */
import { recordCheck } from './registry.js';

/** Runs each named assertion on `value`, records it in the `checks` rate, and tells whether all passed. */
export function check<T>(value: T, sets: Record<string, ((value: T) => unknown) | unknown>): boolean {
  let all = true;
  for (const [name, assertion] of Object.entries(sets)) {
    const passed = Boolean(typeof assertion === 'function' ? assertion(value) : assertion);
    recordCheck(name, passed);
    all &&= passed;
  }
  return all;
}

/** Aborts the current iteration (or setup, which aborts the run) with `message`. */
export function fail(message = ''): never {
  throw new Error(message);
}
