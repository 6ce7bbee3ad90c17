import { afterEach, describe, expect, it, vi } from 'vitest';
import { commitSession, getSession, isHttps } from './session.server';

afterEach(() => {
  vi.unstubAllEnvs();
});

const behindProxy = (proto: string) =>
  new Request('http://web:3000/login', { headers: { 'X-Forwarded-Proto': proto } });

describe('the session cookie over HTTPS', () => {
  it('is Secure when the page was reached over HTTPS', async () => {
    const request = new Request('https://gongjian.example/login');
    expect(isHttps(request)).toBe(true);
    const session = await getSession(request);
    session.set('token', 't');
    expect(await commitSession(request, session)).toMatch(/; Secure/);
  });

  it('believes X-Forwarded-Proto only with TRUST_PROXY=true', async () => {
    expect(isHttps(behindProxy('https'))).toBe(false);
    vi.stubEnv('TRUST_PROXY', 'true');
    expect(isHttps(behindProxy('https, http'))).toBe(true);
    expect(isHttps(behindProxy('http'))).toBe(false);
    const request = behindProxy('https');
    const session = await getSession(request);
    session.set('token', 't');
    expect(await commitSession(request, session)).toMatch(/; Secure/);
  });

  it('is not Secure over plain HTTP (a phone on the office network can still sign in)', async () => {
    const request = new Request('http://192.168.1.10:3000/login');
    const session = await getSession(request);
    session.set('token', 't');
    expect(await commitSession(request, session)).not.toMatch(/Secure/);
  });
});
