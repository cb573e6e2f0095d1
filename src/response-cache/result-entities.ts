import { type GraphQLSchema, type GraphQLType, isCompositeType, isListType, isNonNullType, isObjectType, isUnionType } from 'graphql';
import type { CacheEntity } from './invalidator.js';

/** The fields @envelop/response-cache adds to every selection set of a cached query. */
const TYPENAME_FIELD = '__responseCacheTypeName';
const ID_FIELD = '__responseCacheId';

/** For each object type, the composite types each field may hold: what an empty answer there waits for. */
export type FieldTypes = Map<string, Map<string, string[]>>;

export interface ResultEntities {
  /** Entities with ids, and the bare types of fields that came back null or empty. */
  entities: CacheEntity[];
  /** The shortest TTL of the types met; undefined when none has one. */
  ttlMs: number | undefined;
}

function compositeTypesOf(type: GraphQLType): string[] {
  if (isListType(type) || isNonNullType(type)) return compositeTypesOf(type.ofType);
  if (isUnionType(type)) return type.getTypes().map((member) => member.name);
  return isCompositeType(type) ? [type.name] : [];
}

export function fieldTypesOf(schema: GraphQLSchema): FieldTypes {
  const byType: FieldTypes = new Map();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const fields = new Map<string, string[]>();
    for (const field of Object.values(type.getFields())) {
      const held = compositeTypesOf(field.type);
      if (held.length) fields.set(field.name, held);
    }
    byType.set(type.name, fields);
  }
  return byType;
}

/** True when the result still carries the cache's metadata fields (an executed query, not a cached answer). */
export function carriesCacheMetadata(data: unknown): data is Record<string, unknown> {
  return data !== null && typeof data === 'object' && TYPENAME_FIELD in data;
}

/**
 * Takes the cache's metadata fields out of an executed result, in place and in one pass, and lists
 * the entities it holds with the shortest TTL among their types: what @envelop/response-cache's own
 * walk does, which in 9.x visits every list twice and copies every object on the way.
 * Metadata fields are the last ones of each object, so deleting them (last first) keeps V8's fast
 * object layout for serialisation.
 */
export function collectResultEntities(data: Record<string, unknown>, fieldTypes: FieldTypes, ttlByType: Readonly<Record<string, number>>): ResultEntities {
  const entities = new Map<string, CacheEntity>();
  let ttlMs: number | undefined;
  const meetType = (typename: string) => {
    const ttl = ttlByType[typename];
    if (ttl !== undefined && (ttlMs === undefined || ttl < ttlMs)) ttlMs = ttl;
  };

  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return;
    const record = value as Record<string, unknown>;
    const typename = record[TYPENAME_FIELD] ?? record.__typename;
    if (typeof typename === 'string') {
      let id = record.id;
      if (ID_FIELD in record) {
        id = record[ID_FIELD];
        delete record[ID_FIELD];
      }
      delete record[TYPENAME_FIELD];
      meetType(typename);
      if (typeof id === 'string' || typeof id === 'number') entities.set(`${typename}:${id}`, { typename, id });
      const fields = fieldTypes.get(typename);
      for (const field in record) {
        const fieldValue = record[field];
        if (fieldValue === null || (Array.isArray(fieldValue) && fieldValue.length === 0)) {
          for (const held of fields?.get(field) ?? []) {
            meetType(held);
            entities.set(held, { typename: held });
          }
        } else visit(fieldValue);
      }
      return;
    }
    for (const field in record) visit(record[field]);
  };

  visit(data);
  return { entities: [...entities.values()], ttlMs };
}

/**
 * Data @envelop/response-cache leaves as it is: its walk stops at objects whose prototype is not
 * Object's. Serialises like the plain object it copies.
 */
class CollectedData {}

export function withoutLibraryWalk(data: Record<string, unknown>): Record<string, unknown> {
  return Object.assign(new CollectedData(), data);
}
