// The configuration refuses what would make production unsafe, and `npm start`'s own secret.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { appSecretInDataDir, loadConfig } from './config.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('APP_SECRET', () => {
  it('production refuses to start without one, and says how to make one', () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('APP_SECRET', undefined);
    expect(() => loadConfig()).toThrow(/APP_SECRET is not set.*openssl rand -base64 32/);
    vi.stubEnv('APP_SECRET', '');
    expect(() => loadConfig()).toThrow(/APP_SECRET is not set/);
  });

  it('production refuses a short secret and the values published in the repository', () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('APP_SECRET', 'x'.repeat(31));
    expect(() => loadConfig()).toThrow(/APP_SECRET is too short \(31 characters/);
    for (const published of [
      'gongjian-development-secret-change-me',
      'change-me-to-a-long-random-string-too',
    ]) {
      vi.stubEnv('APP_SECRET', published);
      expect(() => loadConfig()).toThrow(/APP_SECRET is a value published/);
    }
    vi.stubEnv('APP_SECRET', 'x'.repeat(32));
    expect(loadConfig().appSecret).toBe('x'.repeat(32));
  });

  it('outside production the development value stands in', () => {
    vi.stubEnv('NODE_ENV', 'test');
    vi.stubEnv('APP_SECRET', undefined);
    expect(loadConfig().appSecret).toBe('gongjian-development-secret-change-me');
  });
});

describe("npm start's secret in DATA_DIR", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'gj-secret-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is made once, readable by its owner only, and reused on later starts', () => {
    const dataDir = path.join(root, 'data');
    const first = appSecretInDataDir(dataDir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dataDir, 'app-secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(appSecretInDataDir(dataDir)).toBe(first);
    expect(appSecretInDataDir(dataDir)).toBe(first);
    // Another data folder, another secret.
    expect(appSecretInDataDir(path.join(root, 'other'))).not.toBe(first);

    // Production accepts it.
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('APP_SECRET', first);
    expect(loadConfig().appSecret).toBe(first);
  });

  it('refuses a file that holds no usable secret, naming it', () => {
    const dataDir = path.join(root, 'broken');
    appSecretInDataDir(dataDir);
    writeFileSync(path.join(dataDir, 'app-secret'), 'short\n');
    expect(() => appSecretInDataDir(dataDir)).toThrow(/app-secret holds no usable secret/);
  });
});

describe('sign-in limits', () => {
  it('refuses the retired per-username lockout setting, naming its replacement', () => {
    vi.stubEnv('LOGIN_MAX_FAILURES_PER_USER', '50');
    expect(() => loadConfig()).toThrow(/LOGIN_SLOWDOWN_AFTER_FAILURES_PER_USER/);
  });
});

describe('public addresses (QR codes, calendar feeds)', () => {
  const unset = () => {
    for (const name of ['PUBLIC_WEB_URL', 'PUBLIC_API_URL', 'HOST', 'PORT', 'WEB_HOST', 'WEB_PORT'])
      vi.stubEnv(name, undefined);
  };

  it('default to the ports the platform listens on', () => {
    unset();
    expect(loadConfig()).toMatchObject({
      publicWebUrl: 'http://localhost:3000',
      publicApiUrl: 'http://localhost:4000',
    });
    vi.stubEnv('PORT', '4100');
    vi.stubEnv('WEB_PORT', '3100');
    expect(loadConfig()).toMatchObject({
      publicWebUrl: 'http://localhost:3100',
      publicApiUrl: 'http://localhost:4100',
    });
    // Listening on one address of the machine: that address; on all of them: localhost.
    vi.stubEnv('WEB_HOST', '192.168.1.20');
    vi.stubEnv('HOST', '0.0.0.0');
    expect(loadConfig()).toMatchObject({
      publicWebUrl: 'http://192.168.1.20:3100',
      publicApiUrl: 'http://localhost:4100',
    });
  });

  it('take PUBLIC_WEB_URL / PUBLIC_API_URL as given, without a trailing slash', () => {
    unset();
    vi.stubEnv('PUBLIC_WEB_URL', 'https://gongjian.example.org/');
    vi.stubEnv('PUBLIC_API_URL', 'https://api.gongjian.example.org/v1/');
    expect(loadConfig()).toMatchObject({
      publicWebUrl: 'https://gongjian.example.org',
      publicApiUrl: 'https://api.gongjian.example.org/v1',
    });
  });

  it('refuse what is not an absolute http(s) address', () => {
    unset();
    for (const bad of ['gongjian.example.org', 'ftp://example.org', 'https://x.org/?a=1']) {
      vi.stubEnv('PUBLIC_WEB_URL', bad);
      expect(() => loadConfig(), bad).toThrow(/PUBLIC_WEB_URL must be an/);
    }
  });
});
