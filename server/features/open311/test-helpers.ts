import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from '../../test/app.js';
import { listItems, xmlDeclaration } from './xml.js';

/** HTTP helpers for the Open311 tests (imported by tests only). */

const itemNames = new Set(Object.values(listItems));
const parser = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, isArray: (name) => itemNames.has(name) });

/** The JSON answer, after checking status, content type and the schema. */
export function json<T = unknown>(res: LightMyRequestResponse, status: number, schema?: TSchema): T {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const body = JSON.parse(res.body) as T;
  if (schema) expect([...Value.Errors(schema, body)].map((e) => `${e.path}: ${e.message}`)).toEqual([]);
  return body;
}

/** The XML answer's root element content, after checking status, type, declaration, well-formedness and root. */
export function xml<T = Record<string, unknown>>(res: LightMyRequestResponse, status: number, root: string): T {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(res.body.startsWith(xmlDeclaration)).toBe(true);
  expect(XMLValidator.validate(res.body)).toBe(true);
  const doc = parser.parse(res.body) as Record<string, unknown>;
  expect(Object.keys(doc)).toEqual([root]);
  return (doc[root] === '' ? {} : doc[root]) as T;
}

/** The error descriptions of an answer, after checking the status and that each code is the HTTP status. */
export function errors(res: LightMyRequestResponse, status: number): string[] {
  if (String(res.headers['content-type']).startsWith('text/xml')) {
    const list = xml<{ error?: { code: string; description: string }[] }>(res, status, 'errors').error ?? [];
    expect(list.length).toBeGreaterThan(0);
    for (const e of list) expect(Object.keys(e)).toEqual(['code', 'description']);
    expect(new Set(list.map((e) => e.code))).toEqual(new Set([String(status)]));
    return list.map((e) => e.description);
  }
  const list = json<{ code: number; description: string }[]>(res, status);
  expect(list.length).toBeGreaterThan(0);
  for (const e of list) expect(Object.keys(e)).toEqual(['code', 'description']);
  expect(new Set(list.map((e) => e.code))).toEqual(new Set([status]));
  return list.map((e) => e.description);
}

export const get = (t: TestApp, url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

/** POSTs a form as Open311 clients do; values that are arrays repeat their name. */
export function post(
  t: TestApp,
  url: string,
  fields: Record<string, string | string[] | undefined>,
  headers: Record<string, string> = {},
) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  }
  return t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
    payload: body.toString(),
  });
}
