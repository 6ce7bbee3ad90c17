import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoAccounts } from '../seeds/demo-accounts.js';
import { seedDemoIfEmpty } from '../seeds/seed.js';
import { useTestApp } from './support/test-app.js';

const t = useTestApp();

describe('the Qingshan demo seed', () => {
  it('loads the six communities with the report’s totals, once', async () => {
    expect(await seedDemoIfEmpty(t.orm)).toEqual({
      communities: 6,
      grids: 75,
      units: 288,
      users: demoAccounts.length,
    });
    expect(await seedDemoIfEmpty(t.orm)).toBeNull();

    const res = await t.gql(
      '{ communities(first: 10) { totalCount edges { node { name households residents unitCount } } } }',
    );
    const nodes = res.data!.communities.edges.map((e: { node: Record<string, number> }) => e.node);
    expect(res.data!.communities.totalCount).toBe(6);
    expect(nodes.map((n: { name: string }) => n.name)).toEqual([
      '建安社区',
      '阳光社区',
      '福康社区',
      '天鹅社区',
      '联通社区',
      '国土资源社区',
    ]);
    const sum = (key: string) =>
      nodes.reduce((total: number, n: Record<string, number>) => total + n[key]!, 0);
    expect([sum('households'), sum('residents'), sum('unitCount')]).toEqual([22606, 54425, 288]);
  });

  it('lets every demo account sign in with the documented password', async () => {
    for (const account of demoAccounts) {
      const token = await t.login(account.username, DEMO_PASSWORD);
      const res = await t.gql('{ viewer { role community { code } unit { name } } }', {}, token);
      expect(res.data!.viewer.role).toBe(account.role);
      expect(res.data!.viewer.community?.code ?? null).toBe(account.communityCode);
      if (account.role === 'UNIT_LIAISON') expect(res.data!.viewer.unit.name).toBeTruthy();
    }
  });

  it('shows the office grids above 400 households and the staffing shortfall', async () => {
    const token = await t.login('admin', DEMO_PASSWORD);
    const res = await t.gql(
      '{ staffingReport { totals { households actualWorkers workerShortfall gridCount gridsOver300 gridsOver400 } } }',
      {},
      token,
    );
    expect(res.data!.staffingReport.totals).toEqual({
      households: 22606,
      actualWorkers: 45,
      workerShortfall: 14,
      gridCount: 75,
      gridsOver300: 26,
      gridsOver400: 7,
    });
  });
});
