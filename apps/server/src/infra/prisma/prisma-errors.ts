import { Prisma } from '../../generated/prisma/client';

/** A unique constraint refused the write (a name taken, a row another process inserted first). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
