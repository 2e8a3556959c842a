import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { OneTimeGrant } from './principal';

/**
 * Checks (and normally consumes) a one-time token. Returns the subject it was issued for, or
 * undefined when the token is unknown, used or expired.
 */
export type OneTimeTokenVerifier = (token: string, req: Request) => Promise<string | undefined>;

/** Modules that own one-time tokens register a verifier per purpose at start (onModuleInit). */
@Injectable()
export class OneTimeTokenVerifiers {
  private readonly verifiers = new Map<string, OneTimeTokenVerifier>();

  register(purpose: string, verifier: OneTimeTokenVerifier): void {
    if (this.verifiers.has(purpose)) throw new Error(`a one-time token verifier for "${purpose}" is already registered`);
    this.verifiers.set(purpose, verifier);
  }

  async verify(purpose: string, token: string, req: Request): Promise<OneTimeGrant | undefined> {
    const verifier = this.verifiers.get(purpose);
    if (!verifier) return undefined;
    const subject = await verifier(token, req);
    return subject === undefined ? undefined : { purpose, subject };
  }
}
