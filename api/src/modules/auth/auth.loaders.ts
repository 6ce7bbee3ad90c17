// DataLoaders of the auth capability.
import type { EntityManager } from '@mikro-orm/postgresql';
import { rowLoader } from '../../graphql/read-rows.js';
import { User } from './user.entity.js';

export function createAuthLoaders(em: EntityManager) {
  return {
    user: rowLoader(em, User),
  };
}
