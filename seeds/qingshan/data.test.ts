import { describe, it, expect } from 'vitest';
import { communities, grids, totals, units } from './index.js';
import type { UnitKind } from './types.js';

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const MOBILE = /^1[358]\d{9}$/;
const KINDS: readonly UnitKind[] = [
  'ENTERPRISE',
  'INSTITUTION',
  'SCHOOL',
  'HOSPITAL',
  'GOVERNMENT_DEPARTMENT',
  'SOCIAL_ORGANISATION',
];

describe('Qingshan demo data', () => {
  it('has the six communities with the report totals', () => {
    expect(communities.map((c) => c.code)).toEqual([
      'jianan',
      'yangguang',
      'fukang',
      'tiane',
      'liantong',
      'guotuziyuan',
    ]);
    expect(sum(communities.map((c) => c.households))).toBe(22606);
    expect(sum(communities.map((c) => c.households))).toBe(totals.households);
    expect(sum(communities.map((c) => c.residents))).toBe(54425);
    expect(sum(communities.map((c) => c.residents))).toBe(totals.residents);
    expect(sum(communities.map((c) => c.fullTimeWorkers))).toBe(45);
    expect(sum(communities.map((c) => c.secondedWorkers))).toBe(18);
    expect(sum(communities.map((c) => c.fullTimeWorkers + c.secondedWorkers))).toBe(63);
    expect(sum(communities.map((c) => c.partyBranches))).toBe(31);
    expect(sum(communities.map((c) => c.partyMembers))).toBe(755);
  });

  it("sums each community's grid households to its households", () => {
    for (const community of communities) {
      const own = grids.filter((g) => g.communityCode === community.code);
      expect(own.length, community.code).toBeGreaterThan(0);
      expect(sum(own.map((g) => g.households)), community.code).toBe(community.households);
    }
    expect(grids.every((g) => communities.some((c) => c.code === g.communityCode))).toBe(true);
  });

  it('has realistic grid sizes, including overcrowded grids and a few vacant leader posts', () => {
    expect(grids.length).toBeGreaterThanOrEqual(70);
    expect(grids.length).toBeLessThanOrEqual(85);
    expect(grids.filter((g) => g.households > 400).length).toBeGreaterThanOrEqual(3);
    expect(grids.every((g) => g.households >= 200 && g.households <= 520)).toBe(true);
    const vacant = grids.filter((g) => g.leaderName === null);
    expect(vacant.length).toBeGreaterThanOrEqual(3);
    expect(vacant.length).toBeLessThanOrEqual(6);
    expect(vacant.every((g) => g.leaderPhone === null)).toBe(true);
  });

  it('has 288 units with unique names in existing communities', () => {
    expect(units).toHaveLength(288);
    expect(units).toHaveLength(totals.units);
    expect(new Set(units.map((u) => u.name)).size).toBe(288);
    const codes = new Set(communities.map((c) => c.code));
    for (const unit of units) expect(codes.has(unit.communityCode), unit.name).toBe(true);
    for (const kind of KINDS)
      expect(
        units.some((u) => u.kind === kind),
        kind,
      ).toBe(true);
    expect(units.every((u) => Number.isInteger(u.staffCount) && u.staffCount > 0)).toBe(true);
    expect(units.every((u) => u.address.length > 0 && u.liaisonName.length >= 2)).toBe(true);
  });

  it('uses 11-digit mobile numbers, distinct per person', () => {
    const phones = [
      ...grids.flatMap((g) => (g.leaderPhone === null ? [] : [g.leaderPhone])),
      ...units.map((u) => u.liaisonPhone),
    ];
    for (const phone of phones) expect(phone).toMatch(MOBILE);
    expect(new Set(phones).size).toBe(phones.length);
  });

  it('has unique codes', () => {
    expect(new Set(communities.map((c) => c.code)).size).toBe(communities.length);
    expect(new Set(grids.map((g) => g.code)).size).toBe(grids.length);
    expect(new Set(grids.map((g) => g.name)).size).toBe(grids.length);
  });
});
