// A file uploaded as evidence of fulfilment; the bytes live on disk under their SHA-256.
import { Check, Entity, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Node } from '../../graphql/node.js';
import { User } from '../auth/user.entity.js';
import { Fulfilment } from './fulfilment.entity.js';

@Entity({ tableName: 'evidence_file' })
@Index({ properties: ['fulfilment'] })
// The daily upload quota sums a user's recent uploads.
@Index({ properties: ['uploadedBy', 'createdAt'] })
@Check({ name: 'evidence_file_size_non_negative', expression: 'size >= 0' })
@Check({ name: 'evidence_file_sha256_hex', expression: `sha256 ~ '^[0-9a-f]{64}$'` })
@ObjectType('EvidenceFile', {
  implements: Node,
  description: 'A photo or document proving a fulfilment.',
})
export class EvidenceFile extends BaseEntity<'fulfilment'> {
  /** Hex SHA-256 of the content; also its path under DATA_DIR/evidence. */
  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  fileName!: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String)
  mimeType!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Size in bytes.' })
  size!: number;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  uploadedBy!: Rel<User>;

  /** Set when the file is attached to a fulfilment record. */
  @ManyToOne(() => Fulfilment, { nullable: true, deleteRule: 'set null' })
  fulfilment: Rel<Fulfilment> | null = null;
}
