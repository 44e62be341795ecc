import { ClassType, Field, Int, ObjectType } from 'type-graphql';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadInputError } from '../errors/errors';

/** Relay page information. */
@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

/** A page of nodes, Relay style. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds the GraphQL `XConnection` and `XEdge` types for a node type. */
export function ConnectionType<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass implements Connection<T> {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Number of nodes matching the filters, across all pages.' })
    totalCount: number;
  }
  return ConnectionClass;
}

/** Largest page a list returns. */
export const MAX_PAGE_SIZE = 100;

/** Checks `first` (1..100, default 20). */
export function pageSize(first: number | undefined | null): number {
  const n = first ?? 20;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw new BadInputError(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  return n;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque cursor of a row in a keyset order: the sort value and the id. */
export function encodeCursor(value: unknown, id: string): string {
  const v = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify([v, id])).toString('base64url');
}

/** Reads a cursor made by {@link encodeCursor}; BAD_USER_INPUT when it is not one. */
export function decodeCursor(cursor: string): [unknown, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && UUID.test(String(parsed[1]))) {
      const [value] = parsed;
      if (typeof value === 'number' || (typeof value === 'string' && value.length < 500)) return [value, parsed[1]];
    }
  } catch {
    // fall through
  }
  throw new BadInputError('after is not a cursor returned by this list', 'after');
}

/** How to page a query: a keyset on (`column`, id). */
export interface KeysetOptions<T> {
  first?: number | null;
  after?: string | null;
  /** SQL expression of the sort column on alias `alias`, e.g. `a.updated_at`. */
  column: string;
  /** Property of the entity holding the sort value (for the cursor). */
  property: keyof T;
  direction: 'ASC' | 'DESC';
  alias: string;
  /** Cast applied to the cursor value in SQL, e.g. `timestamptz` or `text`. */
  cast: string;
}

/**
 * Pages a TypeORM query with a keyset (stable under concurrent inserts, unlike offsets) and counts the total.
 * Two statements: the page and the count.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  opts: KeysetOptions<T>,
): Promise<Connection<T>> {
  const size = pageSize(opts.first);
  const totalCount = await qb.clone().getCount();
  const page = qb.clone();
  if (opts.after) {
    const [value, id] = decodeCursor(opts.after);
    if (opts.cast === 'timestamptz' && Number.isNaN(Date.parse(String(value)))) {
      throw new BadInputError('after is not a cursor returned by this list', 'after');
    }
    const op = opts.direction === 'ASC' ? '>' : '<';
    page.andWhere(`(${opts.column}, ${opts.alias}.id) ${op} (CAST(:cursorValue AS ${opts.cast}), CAST(:cursorId AS uuid))`, {
      cursorValue: value,
      cursorId: id,
    });
  }
  page.orderBy(opts.column, opts.direction).addOrderBy(`${opts.alias}.id`, opts.direction).take(size + 1);
  const rows = await page.getMany();
  const hasNextPage = rows.length > size;
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(node[opts.property], node.id) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(opts.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
