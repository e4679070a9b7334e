import { AppError } from '../../../platform/errors.js';

/**
 * The value of a lookup that throws `not_found` when there is nothing, or undefined then. Every other error (a
 * database that is down, a bug) is thrown on: only the "not found" the caller means is caught.
 */
export async function unlessNotFound<T>(lookup: Promise<T>): Promise<T | undefined> {
  try {
    return await lookup;
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return undefined;
    throw err;
  }
}
