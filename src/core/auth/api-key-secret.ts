import crypto from 'node:crypto';

/** Shape of a secret: `hs_<8-char prefix>_<random>`. The prefix finds the row, the whole secret is hashed. */
const SECRET_PATTERN = /^hs_([a-z0-9]{8})_([A-Za-z0-9_-]{24,})$/;

/** A newly generated key secret and the parts stored for it. */
export interface GeneratedSecret {
  secret: string;
  prefix: string;
  hash: string;
}

/** SHA-256 of the full secret, hex. Secrets are 192-bit random, so a fast hash is enough (no password stretching). */
export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}

/** Makes a fresh random key secret. */
export function generateSecret(): GeneratedSecret {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.randomBytes(8);
  const prefix = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  const secret = `hs_${prefix}_${crypto.randomBytes(24).toString('base64url')}`;
  return { secret, prefix, hash: hashSecret(secret) };
}

/** Splits a presented secret; undefined when it does not have the shape of a Helpscope key. */
export function parseSecret(secret: string): { prefix: string; hash: string } | undefined {
  const m = SECRET_PATTERN.exec(secret);
  return m ? { prefix: m[1], hash: hashSecret(secret) } : undefined;
}

/** Constant-time comparison of two hex hashes. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
