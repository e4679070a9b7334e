import { describe, expect, it } from 'vitest';
import { AppError, notFound } from '../errors.js';
import { list, submit, text } from './forms.js';

describe('form helpers', () => {
  it('read a field once (trimmed unless raw) and a repeated field as a list', () => {
    const body = { name: '  Ada ', password: ' secret ', ids: [' 1', '', '2 '], one: 'x' };
    expect(text(body, 'name')).toBe('Ada');
    expect(text(body, 'password', true)).toBe(' secret ');
    expect(text(body, 'ids')).toBe('1');
    expect(text(body, 'missing')).toBe('');
    expect(list(body, 'ids')).toEqual(['1', '2']);
    expect(list(body, 'one')).toEqual(['x']);
    expect(list(body, 'missing')).toEqual([]);
  });

  it('submit: the value, or the field messages with status and code; every other error goes on', async () => {
    expect(await submit(async () => 42)).toEqual({ ok: true, value: 42 });
    const conflict = new AppError('conflict', 'Taken', { email: 'users.errors.emailTaken' });
    expect(
      await submit(async () => {
        throw conflict;
      }),
    ).toEqual({ ok: false, errors: { email: 'users.errors.emailTaken' }, status: 409, code: 'conflict' });
    await expect(
      submit(async () => {
        throw notFound('User');
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      submit(async () => {
        throw new AppError('validation_failed', 'No fields', {});
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      submit(async () => {
        throw new Error('database down');
      }),
    ).rejects.toThrow('database down');
  });
});
