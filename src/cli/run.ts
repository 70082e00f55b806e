import { InputError, RunError } from '../util/errors.js';

/**
 * Wraps a command so that every failure ends with one readable message and a fixed exit code:
 * 2 for bad input or usage, 1 for a failure while running. No stack traces unless IRREADY_DEBUG is set.
 */
export function runAction<A extends unknown[]>(action: (...args: A) => Promise<void>) {
  return async (...args: A): Promise<void> => {
    try {
      await action(...args);
    } catch (err) {
      if (process.env.IRREADY_DEBUG) console.error(err);
      if (err instanceof InputError) {
        for (const line of err.message.split('\n')) console.error(`error: ${line}`);
        process.exitCode = 2;
      } else if (err instanceof RunError) {
        console.error(`error: ${err.message}`);
        process.exitCode = 1;
      } else {
        console.error(`error: unexpected failure: ${(err as Error)?.message ?? String(err)} (set IRREADY_DEBUG=1 for details)`);
        process.exitCode = 1;
      }
    }
  };
}
