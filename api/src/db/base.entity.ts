// Columns every table has, and the global ID every entity exposes through `Node.id`.
import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { nodeTypeOf, toGlobalId } from '../graphql/ids.js';

@Entity({ abstract: true })
export abstract class BaseEntity<Optional = never> {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'nodeId' | Optional;

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /** Resolves `Node.id`. */
  get nodeId(): string {
    return toGlobalId(nodeTypeOf(this), this.id);
  }
}
