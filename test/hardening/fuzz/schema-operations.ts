import { getIntrospectionQuery, IntrospectionQuery } from 'graphql';
import { TypeRef, ValueContext } from './hostile-values';

/** One root field of the schema with its arguments. */
export interface RootField {
  operation: 'query' | 'mutation';
  name: string;
  args: { name: string; type: TypeRef }[];
  type: TypeRef;
}

/** Everything the fuzzer derives from the live schema. */
export interface SchemaModel extends Omit<ValueContext, 'foreignIds'> {
  roots: RootField[];
  /** Scalar (or enum) field names per object type, and object-typed fields. */
  objects: Map<string, { leaves: string[]; nested: { name: string; type: TypeRef }[] }>;
}

/** Fetches the schema by introspection, so every query and mutation added later is fuzzed too. */
export async function loadSchemaModel(url: string, key: string): Promise<SchemaModel> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  });
  const { data } = (await res.json()) as { data: IntrospectionQuery };
  const model: SchemaModel = { roots: [], objects: new Map(), inputFields: new Map(), enumValues: new Map() };
  for (const t of data.__schema.types) {
    if (t.name.startsWith('__')) continue;
    if (t.kind === 'INPUT_OBJECT') model.inputFields.set(t.name, t.inputFields.map((f) => ({ name: f.name, type: f.type as TypeRef })));
    if (t.kind === 'ENUM') model.enumValues.set(t.name, t.enumValues.map((v) => v.name));
    if (t.kind === 'OBJECT') {
      const leaves: string[] = [];
      const nested: { name: string; type: TypeRef }[] = [];
      for (const f of t.fields) {
        const named = namedType(f.type as TypeRef);
        const kind = data.__schema.types.find((x) => x.name === named)?.kind;
        if (f.args.some((a) => a.type.kind === 'NON_NULL')) continue;
        if (kind === 'SCALAR' || kind === 'ENUM') leaves.push(f.name);
        else nested.push({ name: f.name, type: f.type as TypeRef });
      }
      model.objects.set(t.name, { leaves, nested });
      const op = t.name === data.__schema.queryType.name ? 'query' : t.name === data.__schema.mutationType?.name ? 'mutation' : null;
      if (op) {
        for (const f of t.fields) {
          model.roots.push({ operation: op, name: f.name, type: f.type as TypeRef, args: f.args.map((a) => ({ name: a.name, type: a.type as TypeRef })) });
        }
      }
    }
  }
  return model;
}

export function namedType(t: TypeRef): string {
  return t.ofType ? namedType(t.ofType) : t.name!;
}

/** GraphQL type syntax of a reference, e.g. `[String!]!`. */
export function typeSyntax(t: TypeRef): string {
  if (t.kind === 'NON_NULL') return `${typeSyntax(t.ofType!)}!`;
  if (t.kind === 'LIST') return `[${typeSyntax(t.ofType!)}]`;
  return t.name!;
}

/** A selection of the type's scalar fields, two levels deep, or an empty string for scalars. */
export function selectionOf(model: SchemaModel, type: TypeRef, depth = 0): string {
  const obj = model.objects.get(namedType(type));
  if (!obj) return '';
  const parts = [...obj.leaves];
  if (depth < 2) {
    for (const n of obj.nested) {
      const inner = selectionOf(model, n.type, depth + 1);
      if (inner) parts.push(`${n.name} ${inner}`);
    }
  }
  return `{ ${parts.length ? parts.join(' ') : '__typename'} }`;
}
