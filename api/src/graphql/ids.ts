// Global IDs: the opaque `Type:databaseId` every Node exposes, and the type name behind an object.
import { getMetadataStorage } from 'type-graphql';

export function toGlobalId(type: string, id: number | string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export function fromGlobalId(globalId: string): { type: string; id: number } | null {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator <= 0) return null;
  const id = Number(decoded.slice(separator + 1));
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return { type: decoded.slice(0, separator), id };
}

/** The database id behind a global ID of the expected type, or null when it is not one. */
export function idOf(globalId: string | null | undefined, type: string): number | null {
  if (!globalId) return null;
  const parsed = fromGlobalId(globalId);
  return parsed && parsed.type === type ? parsed.id : null;
}

const typeNames = new Map<object, string>();

/** The GraphQL object type name of an entity instance (the class's `@ObjectType` name). */
export function nodeTypeOf(value: object): string {
  const target = value.constructor;
  let name = typeNames.get(target);
  if (!name) {
    const meta = getMetadataStorage().objectTypes.find((t) => t.target === target);
    if (!meta) throw new Error(`${target.name} is not a GraphQL object type`);
    name = meta.name;
    typeNames.set(target, name);
  }
  return name;
}
