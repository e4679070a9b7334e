import { describe, expect, it } from 'vitest';
import { AppError, notFound } from '../../../platform/errors.js';
import { unlessNotFound } from './not-found.js';

describe('unlessNotFound', () => {
  it('answers the value, undefined for not_found, and throws every other error', async () => {
    expect(await unlessNotFound(Promise.resolve(7))).toBe(7);
    expect(await unlessNotFound(Promise.reject(notFound('Address')))).toBeUndefined();
    await expect(unlessNotFound(Promise.reject(new AppError('internal', 'database down')))).rejects.toThrow(
      'database down',
    );
    await expect(unlessNotFound(Promise.reject(new Error('connection reset')))).rejects.toThrow('connection reset');
  });
});
