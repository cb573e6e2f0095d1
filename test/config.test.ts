import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('has safe development defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', port: 4000, production: false, redis: undefined, openai: undefined });
    expect(config.database).toMatchObject({ url: undefined, dataDir: './.data' });
    expect(config.features.introspection).toBe(true);
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'nope', LOG_LEVEL: 'loud', FEATURE_GENERATION: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'LOG_LEVEL', 'FEATURE_GENERATION']) expect(message).toContain(name);
  });

  it('refuses the development secret in production, and introspection is off there by default', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SECRET_KEY/);
    const config = loadConfig({ NODE_ENV: 'production', SECRET_KEY: 'x'.repeat(40) });
    expect(config.features.introspection).toBe(false);
    expect(config.log.pretty).toBe(false);
  });

  it('runs several server processes only on shared services', () => {
    expect(loadConfig({}).http.processes).toBe(1);
    expect(() => loadConfig({ WEB_CONCURRENCY: '2' })).toThrow(/WEB_CONCURRENCY: more than one process needs DATABASE_URL and REDIS_URL/);
    expect(() => loadConfig({ WEB_CONCURRENCY: '2', DATABASE_URL: 'postgresql://db/app' })).toThrow(/WEB_CONCURRENCY/);
    const shared = loadConfig({ WEB_CONCURRENCY: '2', DATABASE_URL: 'postgresql://db/app', REDIS_URL: 'redis://cache:6379' });
    expect(shared.http.processes).toBe(2);
    expect(() => loadConfig({ WEB_CONCURRENCY: '0' })).toThrow(/WEB_CONCURRENCY/);
  });

  it("reads TRUST_PROXY as off, one hop, or the proxies' addresses, and names a bad range", () => {
    expect(loadConfig({}).http.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '172.30.0.10, 10.0.0.0/8,fd00::/8' }).http.trustProxy).toEqual(['172.30.0.10', '10.0.0.0/8', 'fd00::/8']);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33,nginx' })).toThrow(/TRUST_PROXY: .*"10\.0\.0\.0\/33", "nginx"/);
  });

  it("hashes passwords at OWASP's scrypt minimum in production and refuses less; tests may go cheaper", () => {
    const secret = { SECRET_KEY: 'x'.repeat(40) };
    expect(loadConfig({ NODE_ENV: 'production', ...secret }).auth.passwordHashCost).toBe(17);
    expect(loadConfig({}).auth.passwordHashCost).toBe(17);
    expect(loadConfig({ NODE_ENV: 'test' }).auth.passwordHashCost).toBeLessThan(17);
    expect(() => loadConfig({ NODE_ENV: 'production', ...secret, PASSWORD_HASH_COST: '16' })).toThrow(/PASSWORD_HASH_COST: must be at least 17/);
    expect(() => loadConfig({ APP_ENV: 'staging', ...secret, PASSWORD_HASH_COST: '12' })).toThrow(/PASSWORD_HASH_COST/);
    expect(loadConfig({ NODE_ENV: 'production', ...secret, PASSWORD_HASH_COST: '18' }).auth.passwordHashCost).toBe(18);
  });

  it('refuses JWT_TTL_SECONDS, which sessions replaced, naming what replaces it', () => {
    expect(() => loadConfig({ JWT_TTL_SECONDS: '604800' })).toThrow(/JWT_TTL_SECONDS: no longer read, replaced by ACCESS_TOKEN_TTL_SECONDS/);
    expect(loadConfig({}).auth).toMatchObject({ accessTokenTtlSeconds: 900, refreshTokenTtlSeconds: 30 * 86_400 });
  });

  it('needs an https LinkedIn callback in production (its cookie is Secure), and PKCE only when asked', () => {
    const linkedIn = { LINKEDIN_CLIENT_ID: 'id', LINKEDIN_CLIENT_SECRET: 'secret', TOKEN_ENCRYPTION_KEY: 'k'.repeat(44), SECRET_KEY: 'x'.repeat(40) };
    expect(() => loadConfig({ NODE_ENV: 'production', ...linkedIn, LINKEDIN_REDIRECT_URI: 'http://api.example.com/auth/linkedin/callback' })).toThrow(
      /LINKEDIN_REDIRECT_URI: must be https in production/,
    );
    // Loopback is a secure context: browsers send the Secure cookie there over http (a local production run, the bench).
    for (const local of ['http://127.0.0.1:4000/auth/linkedin/callback', 'http://localhost:4000/auth/linkedin/callback']) {
      expect(loadConfig({ NODE_ENV: 'production', ...linkedIn, LINKEDIN_REDIRECT_URI: local }).linkedIn.oauth?.redirectUri).toBe(local);
    }
    const config = loadConfig({ NODE_ENV: 'production', ...linkedIn, LINKEDIN_REDIRECT_URI: 'https://api.example.com/auth/linkedin/callback' });
    expect(config.linkedIn.pkce).toBe(false);
    expect(loadConfig({ LINKEDIN_PKCE: 'true' }).linkedIn.pkce).toBe(true);
  });
});
