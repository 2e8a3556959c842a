import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
import { registerSealedField } from './sealed-fields';

export const storedSecretContext = (name: string): string => `secret:${name}`;

registerSealedField({ model: 'storedSecret', field: 'sealed', select: ['name'], context: (row) => storedSecretContext(String(row.name)) });

@Injectable()
export class StoredSecretRepository {
  constructor(private readonly prisma: PrismaService) {}

  async upsert(name: string, sealed: string): Promise<void> {
    await this.prisma.storedSecret.upsert({ where: { name }, create: { name, sealed }, update: { sealed } });
  }

  async find(name: string): Promise<string | undefined> {
    return (await this.prisma.storedSecret.findUnique({ where: { name }, select: { sealed: true } }))?.sealed;
  }

  async remove(name: string): Promise<void> {
    await this.prisma.storedSecret.deleteMany({ where: { name } });
  }
}
