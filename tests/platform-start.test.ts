// `npm start` with NODE_ENV=development (issue 15): the platform builds the web app and serves the
// build in production mode whatever NODE_ENV says, and when the web app dies the platform stops
// with a message that says so, rather than leave the API running without it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../api/src/config.js';
import { freePort } from './support/api-process.js';
import { useTestApp } from './support/test-app.js';

const t = useTestApp();

/** The processes whose parent is `pid` (Linux: /proc), with their command lines. */
function childrenOf(pid: number): { pid: number; cmd: string }[] {
  if (!existsSync('/proc')) return [];
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid !== pid) return [];
        const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return [{ pid: Number(name), cmd }];
      } catch {
        return []; // gone meanwhile
      }
    });
}

const answers = (url: string) =>
  fetch(url, { redirect: 'manual' }).then(
    async (r) => ({ status: r.status, body: await r.text() }),
    () => null,
  );

describe('npm start (bin/platform.ts --build)', () => {
  let platform: ChildProcess | undefined;
  let tmp: string | undefined;

  afterAll(async () => {
    if (platform && platform.exitCode === null && platform.signalCode === null) {
      platform.kill('SIGKILL');
    }
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('serves the built web app under NODE_ENV=development, and stops clearly when it dies', async () => {
    // Inside the repository (tmp/ is ignored): the server bundle finds its packages from there.
    await fs.mkdir(path.join(repoRoot, 'tmp'), { recursive: true });
    tmp = await fs.mkdtemp(path.join(repoRoot, 'tmp', 'platform-test-'));
    const [port, webPort] = [await freePort(), await freePort()];
    let output = '';
    platform = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'api/src/bin/platform.ts'), '--build'],
      {
        cwd: repoRoot,
        env: {
          // Without vitest's variables: with VITEST set, web/vite.config.ts builds no Remix app.
          ...Object.fromEntries(
            Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')),
          ),
          NODE_ENV: 'development',
          DATABASE_URL: t.databaseUrl,
          DATA_DIR: path.join(tmp, 'data'),
          WEB_BUILD_DIR: path.join(tmp, 'build'),
          HOST: '127.0.0.1',
          PORT: String(port),
          WEB_PORT: String(webPort),
          JOBS_ENABLED: 'false',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    platform.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    platform.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => platform!.once('exit', resolve));

    // The build, then the database, the API and the web app.
    let page: Awaited<ReturnType<typeof answers>> = null;
    const deadline = Date.now() + 75_000;
    while (Date.now() < deadline && platform.exitCode === null) {
      page = await answers(`http://127.0.0.1:${webPort}/login`);
      if (page?.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // The last of the output says why, should it not answer.
    expect(page?.status, output.slice(-1500).replaceAll('sourceMappingURL', 'source-map')).toBe(
      200,
    );
    expect(page!.body).toContain('<html');
    expect(output).not.toContain('Dev server origin not set');
    // QR codes and calendar feeds point at the ports it runs on, not at 3000 / 4000.
    expect(output).toContain(`"web":"http://localhost:${webPort}"`);
    expect(output).toContain(`"api":"http://localhost:${port}"`);
    // The client was built for production (no React development build).
    const assets = await fs.readdir(path.join(tmp, 'build/client/assets'));
    const scripts = await Promise.all(
      assets
        .filter((name) => name.endsWith('.js'))
        .map((name) => fs.readFile(path.join(tmp!, 'build/client/assets', name), 'utf8')),
    );
    expect(scripts.some((source) => source.includes('jsxDEV'))).toBe(false);
    expect((await answers(`http://127.0.0.1:${port}/healthz`))?.status).toBe(200);

    // The web app dies: the platform says so and stops the API too, with a failing status.
    const web = childrenOf(platform.pid!).find((p) => p.cmd.includes('web-child'));
    if (web) process.kill(web.pid, 'SIGKILL');
    else platform.kill('SIGTERM'); // no /proc: at least check the platform stops cleanly
    const code = await exited;
    if (web) {
      expect(code).not.toBe(0);
      expect(output).toContain('The web app stopped unexpectedly (SIGKILL)');
      expect(output).toContain('Stopping the API too.');
    }
    expect(await answers(`http://127.0.0.1:${port}/healthz`)).toBeNull();
  }, 100_000);
});
