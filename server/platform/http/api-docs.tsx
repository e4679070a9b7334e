import { existsSync, readFileSync } from 'node:fs';
import type { OpenAPIV3 } from 'openapi-types';
import { resolveFromRoot } from '../config.js';
import type { App } from '../deps.js';
import { AppError } from '../errors.js';
import type { Language } from '../i18n.js';
import { pageContext } from '../views/context.js';
import { Layout } from '../views/layout.js';
import { sendHtml } from '../views/render.js';
import { pageQuerySchema, single } from './page-schemas.js';

type Doc = OpenAPIV3.Document;
type Operation = OpenAPIV3.OperationObject & { method: string; path: string };
type Parameter = OpenAPIV3.ParameterObject;
const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

function operations(doc: Doc): Operation[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    methods.flatMap((method) => {
      const op = item?.[method];
      return op ? [{ ...op, method, path }] : [];
    }),
  );
}

const opId = (op: Operation) => `${op.method}-${op.path}`.replace(/[^a-zA-Z0-9]+/g, '-').replace(/-$/, '');
const typeOf = (s?: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject) =>
  !s ? '' : '$ref' in s ? s.$ref.split('/').at(-1) : [s.type, s.format].filter(Boolean).join(', ');

/** A text of the OpenAPI document in the page's language, and its lang attribute when it is not. */
type Translate = (text: string) => { text: string; lang: string | undefined };

const textCatalogues = new Map<Language, Record<string, string>>();

/**
 * The operations' own texts (summaries, descriptions, parameters) are written in English in the route schemas, and
 * translated in `server/locales/<lang>/openapi/texts.json`, keyed by the English text: a changed English text has no
 * translation until someone writes one (`api-docs.test.ts` finds it). Until then it is shown in English with
 * lang="en", so that screen readers pronounce it right.
 */
export function apiTextTranslator(lang: Language): Translate {
  if (lang === 'en') return (text) => ({ text, lang: undefined });
  let catalogue = textCatalogues.get(lang);
  if (!catalogue) {
    const file = resolveFromRoot('server', 'locales', lang, 'openapi', 'texts.json');
    catalogue = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
    textCatalogues.set(lang, catalogue);
  }
  const known = catalogue;
  return (text) => {
    const translated = known[text];
    return translated ? { text: translated, lang: undefined } : { text, lang: 'en' };
  };
}

function Params({ op, t, tr }: { op: Operation; t: (k: string) => string; tr: Translate }) {
  const params = (op.parameters ?? []) as Parameter[];
  if (params.length === 0) return null;
  return (
    <table class="kern-table bs-table">
      <caption class="kern-title">{t('api.docs.parameters')}</caption>
      <thead class="kern-table__head">
        <tr class="kern-table__row">
          <th scope="col" class="kern-table__header">
            {t('api.docs.name')}
          </th>
          <th scope="col" class="kern-table__header">
            {t('api.docs.in')}
          </th>
          <th scope="col" class="kern-table__header">
            {t('api.docs.type')}
          </th>
          <th scope="col" class="kern-table__header">
            {t('api.docs.required')}
          </th>
          <th scope="col" class="kern-table__header">
            {t('api.docs.description')}
          </th>
        </tr>
      </thead>
      <tbody class="kern-table__body">
        {params.map((p) => (
          <tr class="kern-table__row" key={`${p.in}-${p.name}`}>
            <th scope="row" class="kern-table__cell">
              <code>{p.name}</code>
            </th>
            <td class="kern-table__cell">{t(`api.docs.places.${p.in}`)}</td>
            <td class="kern-table__cell">{typeOf(p.schema)}</td>
            <td class="kern-table__cell">{p.required ? t('api.docs.yes') : t('api.docs.no')}</td>
            <td class="kern-table__cell" lang={p.description ? tr(p.description).lang : undefined}>
              {p.description ? tr(p.description).text : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A plain form that calls a GET operation: works without JavaScript (the server fills in path parameters). */
function TryIt({ op, t }: { op: Operation; t: (k: string) => string }) {
  const params = ((op.parameters ?? []) as Parameter[]).filter((p) => p.in === 'query' || p.in === 'path');
  const id = opId(op);
  return (
    <form method="get" action="/api/docs/try" class="bs-try">
      <input type="hidden" name="operation" value={`${op.method.toUpperCase()} ${op.path}`} />
      {params.map((p) => (
        <div class="kern-form-input" key={p.name}>
          <label class="kern-label" for={`${id}-${p.name}`}>
            {p.name}
            {p.required ? ` (${t('api.docs.required')})` : ''}
          </label>
          <input class="kern-form-input__input" id={`${id}-${p.name}`} name={`p.${p.name}`} required={p.required} />
        </div>
      ))}
      <button type="submit" class="kern-btn kern-btn--secondary">
        <span class="kern-label">{t('api.docs.tryIt')}</span>
      </button>
    </form>
  );
}

/** Accessible, server-rendered API documentation from the OpenAPI document, with plain try-it forms for GETs. */
export function registerApiDocs(app: App): void {
  app.get('/api/docs', { schema: { hide: true } }, async (request, reply) => {
    const doc = app.swagger() as Doc;
    const ctx = pageContext(request, reply);
    const { t } = ctx.i18n;
    const ops = operations(doc);
    const tags = [...new Set(ops.flatMap((op) => op.tags ?? ['other']))].sort();
    const tr = apiTextTranslator(ctx.i18n.lang);
    const tagName = (tag: string) => t(`api.docs.tags.${tag}`, { defaultValue: tag });
    return sendHtml(
      reply,
      <Layout ctx={ctx} title={t('api.docs.title')}>
        <h1 class="kern-heading-large">{t('api.docs.title')}</h1>
        <p class="kern-body">{t('api.docs.intro')}</p>
        <p class="kern-body">
          <a class="kern-link" href="/api/openapi.json">
            {t('api.docs.openapiLink')}
          </a>
        </p>
        <nav aria-label={t('api.docs.toc')}>
          <ul class="kern-list">
            {tags.map((tag) => (
              <li key={tag}>
                <a class="kern-link" href={`#tag-${tag}`}>
                  {tagName(tag)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {tags.map((tag) => (
          <section key={tag} aria-labelledby={`tag-${tag}`}>
            <h2 class="kern-heading-medium" id={`tag-${tag}`}>
              {tagName(tag)}
            </h2>
            {ops
              .filter((op) => (op.tags ?? ['other']).includes(tag))
              .map((op) => (
                <article key={opId(op)} class="bs-api-op" aria-labelledby={opId(op)}>
                  <h3 class="kern-heading-small" id={opId(op)}>
                    <code>
                      {op.method.toUpperCase()} {op.path}
                    </code>
                  </h3>
                  {op.summary && (
                    <p class="kern-body" lang={tr(op.summary).lang}>
                      {tr(op.summary).text}
                    </p>
                  )}
                  {op.description && (
                    <p class="kern-body" lang={tr(op.description).lang}>
                      {tr(op.description).text}
                    </p>
                  )}
                  <Params op={op} t={t} tr={tr} />
                  {op.requestBody && (
                    <details class="bs-details">
                      <summary>{t('api.docs.requestBody')}</summary>
                      <pre>{JSON.stringify((op.requestBody as OpenAPIV3.RequestBodyObject).content, null, 2)}</pre>
                    </details>
                  )}
                  <details class="bs-details">
                    <summary>{t('api.docs.responses')}</summary>
                    <pre>{JSON.stringify(op.responses, null, 2)}</pre>
                  </details>
                  {op.method === 'get' && <TryIt op={op} t={t} />}
                </article>
              ))}
          </section>
        ))}
      </Layout>,
    );
  });

  app.get('/api/docs/try', { schema: { hide: true, querystring: pageQuerySchema } }, async (request, reply) => {
    const query = request.query;
    const [method, path] = (single(query.operation) ?? '').split(' ');
    const op = operations(app.swagger() as Doc).find((o) => o.method === method?.toLowerCase() && o.path === path);
    if (op?.method !== 'get') throw new AppError('not_found', 'Unknown operation');
    const params = (op.parameters ?? []) as Parameter[];
    let url = op.path;
    const search = new URLSearchParams();
    for (const p of params) {
      const value = single(query[`p.${p.name}`]);
      if (value === undefined || value === '') continue;
      if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(value));
      else if (p.in === 'query') search.set(p.name, value);
    }
    if (/\{[^}]+\}/.test(url)) throw new AppError('validation_failed', 'A path parameter is missing');
    return reply.redirect(`${url}${search.size ? `?${search}` : ''}`, 303);
  });
}
