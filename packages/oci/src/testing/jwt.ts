import { createSign, X509Certificate } from 'node:crypto';

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/**
 * An RS256 JWT whose header carries the signing certificate (x5c): Docker Distribution checks
 * that chain against its `rootcertbundle` and then the signature with the leaf's key.
 */
export function signJwtWithCertificate(claims: object, keyPem: string, certPem: string): string {
  const certDer = new X509Certificate(certPem).raw.toString('base64');
  const header = { alg: 'RS256', typ: 'JWT', x5c: [certDer] };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(keyPem);
  return `${signingInput}.${base64url(signature)}`;
}
