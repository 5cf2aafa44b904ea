import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ProfileStore } from '../client/profiles';
import { connect, serverUrl } from './connection';

describe('connect', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'docent-profiles-'));
    env = { DOCENT_CONFIG: path.join(dir, 'profiles.json') };
    await new ProfileStore(env['DOCENT_CONFIG'] as string).save('default', { url: 'http://docent.internal:4000', apiKey: 'dcnt_stored' });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the profile’s server and key', async () => {
    const client = await connect({}, env);
    expect(client.url).toBe('http://docent.internal:4000');
  });

  it('never sends a stored key to another server named by --url or DOCENT_URL', async () => {
    await expect(connect({ url: 'http://elsewhere.example' }, env)).rejects.toThrow('Not signed in to http://elsewhere.example');
    await expect(connect({}, { ...env, DOCENT_URL: 'http://elsewhere.example' })).rejects.toThrow('Not signed in');
    expect((await connect({ url: 'http://elsewhere.example' }, { ...env, DOCENT_API_KEY: 'dcnt_env' })).url).toBe('http://elsewhere.example');
  });

  it('names the profile it found nothing in', async () => {
    await expect(connect({ profile: 'staging' }, env)).rejects.toThrow('(profile "staging")');
  });
});

describe('serverUrl', () => {
  it.each([
    ['http://localhost:4000/graphql', 'http://localhost:4000'],
    ['http://localhost:4000/', 'http://localhost:4000'],
    ['https://example.com/docent/graphql/', 'https://example.com/docent'],
  ])('%s is %s', (given, expected) => expect(serverUrl(given)).toBe(expected));

  it('refuses what is not an http(s) URL', () => {
    expect(() => serverUrl('localhost:4000')).toThrow(/http\(s\)|Not a URL/);
    expect(() => serverUrl('ftp://example.com')).toThrow('must be http(s)');
  });
});
