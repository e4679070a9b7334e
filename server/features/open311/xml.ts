import { XMLBuilder } from 'fast-xml-parser';

/**
 * XML as GeoReport v2 wants it: UTF-8 declaration, no namespace, list containers with one repeated child element
 * (`<services><service>…`), empty elements for absent values. fast-xml-parser escapes &, <, >, ' and ".
 */
const builder = new XMLBuilder({
  format: false,
  suppressEmptyNode: true,
  ignoreAttributes: true,
  processEntities: true,
});

export const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8"?>';

// Everything XML 1.0 allows (tab, LF, CR and the ranges of Char); the rest (other C0 controls, lone surrogates,
// U+FFFE/U+FFFF) cannot appear even escaped, so it is dropped.
const forbidden = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue };

/** The element name of one item in each list container (the JSON arrays of the answers). */
export const listItems: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
  status_history: 'status_change',
};

/** Maps a JSON answer to the XML tree: each array becomes its container holding one element per item. */
function toXml(value: unknown, key: string): XmlValue {
  if (typeof value === 'string') return value.replace(forbidden, '');
  if (Array.isArray(value)) {
    const item = listItems[key];
    if (!item) throw new Error(`No XML element name for items of ${key}`);
    return { [item]: value.map((v) => toXml(v, item)) };
  }
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toXml(v, k)]));
  }
  return value as XmlValue;
}

/** One XML document whose root element is `root`: a list (array) or a single object such as a definition. */
export function xmlDocument(root: string, body: unknown): string {
  return `${xmlDeclaration}${builder.build({ [root]: toXml(body, root) })}`;
}
