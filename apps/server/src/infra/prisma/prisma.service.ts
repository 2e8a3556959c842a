import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { PrismaPg } from '@prisma/adapter-pg';
import type { RuntimeDataModel } from '@prisma/client/runtime/client';
import pg from 'pg';
import { Prisma, PrismaClient } from '../../generated/prisma/client';

export const DATABASE_URL = Symbol('DATABASE_URL');

/**
 * The one PrismaClient of the process; only repositories use it.
 *
 * Cost note: this Prisma runs without a native engine (offline set-up), so every query goes through Prisma's Wasm
 * query compiler: about 2 ms of CPU for a model query here, 0.5 ms for `$queryRaw`, against 0.1 ms for the same
 * statement sent by node-postgres. Hot paths (every request, every host refresh, every list page) therefore use
 * `query()` (or `$queryRaw` inside a transaction) with typed rows, built with `columns()` and `assignments()` from
 * the schema's own field list; everything else uses the model API.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  private readonly columnLists = new Map<string, Prisma.Sql>();
  private readonly rowClasses = new Map<string, new (values: unknown[]) => object>();
  private readonly fieldsByModel = new Map<string, Map<string, FieldInfo>>();
  private readonly pool: pg.Pool;

  constructor(@Inject(DATABASE_URL) databaseUrl: string, @Inject(APP_CONFIG) config: AppConfig) {
    // One pool for both paths: Prisma's adapter and query() share the connections (and the pool size).
    const pool = new pg.Pool({ connectionString: databaseUrl, max: config.dbPoolSize });
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    this.pool = pool;
  }

  /**
   * One raw statement straight through node-postgres, outside any transaction, for hot paths. Rows come as
   * node-postgres parses them (jsonb as values, arrays as arrays, int4 as numbers; int8 and numeric as strings),
   * except `timestamp` columns, Prisma's DateTime, which hold UTC and are read as such whatever the process's zone.
   *
   * `prepared` names a statement that runs on every request and whose best plan does not depend on its values (a
   * lookup by a unique key): PostgreSQL then parses and plans it once per connection, not on every run. Planning such
   * a lookup costs it 0.1 ms of CPU here, three times running it. One name, one text: a name reused for another
   * statement fails.
   */
  async query<Row>(sql: Prisma.Sql, prepared?: string): Promise<Row[]> {
    const result = await this.pool.query<unknown[]>({ name: prepared, text: sql.text, values: sql.values, types: ROW_TYPES, rowMode: 'array' });
    if (result.rows.length === 0) return [];
    const Row = this.rowClass(result.fields.map((f) => f.name));
    return result.rows.map((values) => new Row(values) as Row);
  }

  /**
   * A constructor of rows with these columns, made once per column list. node-postgres builds each row by copying an
   * empty object and setting the columns by name one after the other (1 µs and more a row of 30 columns, the largest
   * cost of reading a page of hosts); objects from one constructor setting every column at once are built faster,
   * and share one shape where they are read.
   */
  private rowClass(columns: string[]): new (values: unknown[]) => object {
    const key = columns.join('\0');
    let Row = this.rowClasses.get(key);
    if (!Row) {
      // Column names are quoted with JSON.stringify: the generated code holds no name as code.
      Row = new Function('values', columns.map((name, i) => `this[${JSON.stringify(name)}] = values[${i}];`).join('\n')) as new (values: unknown[]) => object;
      this.rowClasses.set(key, Row);
    }
    return Row;
  }

  /**
   * `"db_column" AS "field"` for the given scalar fields of a model (all of them by default), from the schema's
   * `@map`s: a raw SELECT with it returns rows shaped like the model's type, with nothing mapped by hand.
   */
  columns<M extends Prisma.ModelName>(model: M, fields?: readonly string[]): Prisma.Sql {
    const key = `${model}:${fields?.join(',') ?? '*'}`;
    let sql = this.columnLists.get(key);
    if (!sql) {
      const scalars = this.scalarFields(model);
      const wanted = fields ? fields.map((name) => scalars.get(name) ?? missingField(model, name)) : [...scalars.values()];
      sql = Prisma.raw(wanted.map((f) => `${columnOf(f)} AS "${f.name}"`).join(', '));
      this.columnLists.set(key, sql);
    }
    return sql;
  }

  /** `"db_column"` of one scalar field, for raw WHERE and ORDER BY clauses. */
  column<M extends Prisma.ModelName>(model: M, field: string): Prisma.Sql {
    return Prisma.raw(columnOf(this.scalarFields(model).get(field) ?? missingField(model, field)));
  }

  /**
   * `"db_column" = value, ...` for a raw UPDATE from a model's field values (undefined ones skipped). Parameters go
   * untyped, so PostgreSQL takes each as its column's type; Json fields go as JSON text, `Prisma.DbNull` as NULL.
   * Plain values only: Prisma's update operations (`{ increment: 1 }`) are refused. `@updatedAt` is the caller's.
   */
  assignments<M extends Prisma.ModelName>(model: M, data: Record<string, unknown>): Prisma.Sql {
    const scalars = this.scalarFields(model);
    const parts = Object.entries(data)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => {
        const field = scalars.get(name) ?? missingField(model, name);
        return Prisma.sql`${Prisma.raw(columnOf(field))} = ${parameterOf(field, value)}`;
      });
    if (parts.length === 0) throw new Error(`nothing to update on ${model}`);
    return Prisma.join(parts, ', ');
  }

  private scalarFields(model: Prisma.ModelName): Map<string, FieldInfo> {
    let fields = this.fieldsByModel.get(model);
    if (!fields) {
      // The generated client's data model (field names, kinds, types, `@map`s); typed by the runtime, not by the client class.
      const { _runtimeDataModel: dataModel } = this as unknown as { _runtimeDataModel: RuntimeDataModel };
      const scalars = dataModel.models[model]?.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum') ?? [];
      if (scalars.length === 0) throw new Error(`no data model for ${model}`);
      fields = new Map(scalars.map((f) => [f.name, { name: f.name, dbName: f.dbName ?? null, type: f.type }]));
      this.fieldsByModel.set(model, fields);
    }
    return fields;
  }

  // Last of all: job handlers still finishing during shutdown need the database.
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}

const TIMESTAMP_OID = 1114;
const ROW_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID ? (text: string) => new Date(`${text.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

interface FieldInfo {
  name: string;
  dbName: string | null;
  type: string;
}

const columnOf = (f: FieldInfo) => `"${f.dbName ?? f.name}"`;

function parameterOf(field: FieldInfo, value: unknown): unknown {
  if (value === Prisma.DbNull || value === null) return null;
  if (value === Prisma.JsonNull) return 'null';
  if (field.type === 'Json') return JSON.stringify(value);
  if (typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value)) {
    throw new Error(`${field.name}: only plain values can be assigned in a raw update`);
  }
  return value;
}

function missingField(model: string, name: string): never {
  throw new Error(`${model} has no scalar field ${name}`);
}
