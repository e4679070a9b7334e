import type { CacheItem, CacheProvider } from '@node-saml/node-saml';
import type { Deps } from '../../platform/deps.js';
import { findOpenLoginRequest, insertLoginRequest, type LoginRequest, spendLoginRequest } from './request-queries.js';

/** How long a started login may take at the IdP (choosing a method, reading the ID card, ELSTER certificate). */
export const loginRequestTtlMs = 15 * 60_000;

/**
 * node-saml's InResponseTo cache over PostgreSQL (the ACS is a cross-site POST, so no cookie can carry it). One
 * instance per HTTP request: `pending` is what a login start records with the request ID node-saml saves; `spent`
 * is the request an ACS post consumed: node-saml removes the ID it validated, and only the first remover of an
 * unspent ID gets the row back, so two posts of one response cannot both log in.
 */
export class SamlRequestCache implements CacheProvider {
  spent: LoginRequest | undefined;

  constructor(
    private readonly deps: Deps,
    private readonly pending?: Omit<LoginRequest, 'id' | 'provider'>,
  ) {}

  async saveAsync(key: string, value: string): Promise<CacheItem | null> {
    if (!this.pending) throw new Error('SamlRequestCache: nothing pending to save');
    const now = this.deps.now();
    await insertLoginRequest(this.deps.db, this.deps.config.municipality.id, {
      ...this.pending,
      id: key,
      provider: 'saml',
      issuedAt: value,
      now,
      expiresAt: new Date(now.getTime() + loginRequestTtlMs),
    });
    return { value, createdAt: now.getTime() };
  }

  async getAsync(key: string): Promise<string | null> {
    const { db, config, now } = this.deps;
    return (await findOpenLoginRequest(db, config.municipality.id, key, now())) ?? null;
  }

  async removeAsync(key: string | null): Promise<string | null> {
    if (!key) return null;
    const { db, config, now } = this.deps;
    const spent = await spendLoginRequest(db, config.municipality.id, key, 'saml', now());
    if (spent) this.spent = spent;
    return spent ? key : null;
  }
}
