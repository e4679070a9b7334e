import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { Config } from '../../platform/config.js';

export interface SpKeys {
  privateKey: string;
  cert: string;
}

const pemBlock = (text: string, label: string) =>
  text.match(new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----`))?.[0];

/**
 * The SP's signing key and certificate: from CITIZEN_SAML_SP_KEY_FILE/CERT_FILE, else (development and tests; the
 * config refuses it in production) a key pair and self-signed certificate generated once and kept in DATA_DIR.
 */
export async function loadSpKeys(config: Config): Promise<SpKeys> {
  const { spKeyFile, spCertFile } = config.citizenLogin.saml;
  if (spKeyFile && spCertFile)
    return { privateKey: readFileSync(spKeyFile, 'utf8'), cert: readFileSync(spCertFile, 'utf8') };
  const file = join(config.dataDir, 'citizen-saml-sp.pem');
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    const privateKey = pemBlock(text, 'PRIVATE KEY');
    const cert = pemBlock(text, 'CERTIFICATE');
    if (privateKey && cert) return { privateKey, cert };
  }
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: new URL(config.publicUrl).hostname }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + 10 * 365 * 86_400_000),
  });
  mkdirSync(config.dataDir, { recursive: true });
  // Written aside and renamed, so a second process never reads half a file.
  const temp = `${file}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temp, `${pems.private.trim()}\n${pems.cert.trim()}\n`, { mode: 0o600 });
  renameSync(temp, file);
  return { privateKey: pems.private, cert: pems.cert };
}
