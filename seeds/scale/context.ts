// What every domain generator shares: the options, the anchor day, ids, and the COPY sink.
import type pg from 'pg';
import type { ScalePreset } from './presets.js';
import type { Cell } from './copy.js';
import type { CategoryCode } from './vocabulary.js';

export interface GenerationContext {
  preset: ScalePreset;
  seed: number;
  /** The anchor day (Asia/Shanghai): data describes the year up to it and a few weeks after. */
  today: string;
  /** Midnight at the start of `today`, Asia/Shanghai, in ms: "now" for the generated data. */
  now: number;
  year: number;
  client: pg.ClientBase;
  /** The one argon2 hash of the shared password, reused for every account. */
  passwordHash: string;
  categories: ReadonlyMap<CategoryCode, number>;
  /** COPYs rows into a table, reporting progress; returns the row count. */
  copy(table: string, columns: readonly string[], rows: Iterable<readonly Cell[]>): Promise<number>;
}

/** Communities, grids, units and their accounts, as later generators need them. */
export interface Directory {
  communities: {
    id: number;
    code: string;
    name: string;
    /** "建安" of "建安社区". */
    short: string;
    streets: string[];
    staffUserIds: number[];
    gridIds: number[];
    unitIndexes: number[];
  }[];
  units: {
    id: number;
    communityIndex: number;
    name: string;
    kind: string;
    staffCount: number;
    liaisonUserId: number;
  }[];
  nextUserId: number;
}

/** Formats hundredths as numeric(14,2) text: 1250 → "12.50". */
export const amount = (hundredths: number): string =>
  `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
