// The Node interface and `node(id:)`: each capability registers how to fetch (and who may see)
// its node types.
import { Arg, Ctx, Field, ID, InterfaceType, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { fromGlobalId, nodeTypeOf } from './ids.js';

@InterfaceType('Node', {
  description: 'An object with a stable, opaque global ID that `node(id:)` can fetch again.',
  resolveType: (value: object) => nodeTypeOf(value),
})
export abstract class Node {
  @Field(() => ID, { name: 'id', description: 'Opaque global identifier.' })
  nodeId!: string;
}

type NodeFetcher = (ctx: Context, id: number) => Promise<object | null>;

const fetchers = new Map<string, NodeFetcher>();

/** Makes a type reachable through `node(id:)`; the fetcher returns null for what the viewer may not see. */
export function registerNode(type: string, fetch: NodeFetcher): void {
  fetchers.set(type, fetch);
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global ID; null if unknown or not visible to you.',
  })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<object | null> {
    const parsed = fromGlobalId(id);
    const fetch = parsed && fetchers.get(parsed.type);
    return fetch ? fetch(ctx, parsed.id) : null;
  }
}
