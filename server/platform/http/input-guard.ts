import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type FieldErrors } from '../errors.js';
import { i18nFor } from '../i18n.js';

/** Nesting deeper than this is refused outright (no form or API of ours nests more than a few levels). */
const maxDepth = 32;
const english = i18nFor('en', 'UTC');

type Problem = 'nul' | 'number' | 'nesting';

/** Walks query, params or body (plain objects and arrays only) and notes the first problem per field. */
function inspect(root: unknown, found: Map<string, Problem>): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) found.set(path, 'nul');
    } else if (typeof value === 'number') {
      // Infinity, NaN and integers beyond 2^53 cannot be meant, and PostgreSQL refuses them as integers.
      if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) found.set(path, 'number');
    } else if (Array.isArray(value) || (value !== null && typeof value === 'object' && isPlain(value))) {
      if (depth >= maxDepth) {
        found.set(path, 'nesting');
        continue;
      }
      for (const [key, child] of Object.entries(value)) {
        const childPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) found.set(childPath.replaceAll('\u0000', '\\0'), 'nul');
        else stack.push({ value: child, path: childPath, depth: depth + 1 });
      }
    }
  }
}

/** Plain data: JSON objects, and parsed query strings (whose prototype has no prototype); not Buffers or streams. */
function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null;
}

const messageKeys: Record<Problem, string> = {
  nul: 'errors.input.nul',
  number: 'errors.input.number',
  nesting: 'errors.input.nesting',
};

/**
 * Refuses, for every route of every scope (pages, /api, /open311), input no handler means and PostgreSQL cannot
 * store: text with the character U+0000 and numbers that are not finite or not exact (beyond 2^53), anywhere in
 * the query, the path parameters or the body (nested, multipart fields included). Runs as the first preHandler,
 * after parsing, schema coercion and multipart reading, before any handler touches the database. Answers 400
 * with a message per field: in the page's language on pages, in English for APIs.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preHandler', (request, _reply, done) => {
    const found = new Map<string, Problem>();
    inspect(request.params, found);
    inspect(request.query, found);
    inspect(request.body, found);
    if (found.size === 0) return done();
    done(invalidInput(request, found));
  });
}

function invalidInput(request: FastifyRequest, found: Map<string, Problem>): AppError {
  const { t } = request.i18n ?? english;
  const details: FieldErrors = {};
  for (const [field, problem] of found) details[field || 'body'] = t(messageKeys[problem]);
  return new AppError('validation_failed', 'The request has invalid fields', details);
}
