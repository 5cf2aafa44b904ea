import { DocentClient } from '../client/docent-client';
import { DEFAULT_PROFILE, ProfileStore, profilesPath } from '../client/profiles';
import { CliError } from './cli-error';

/** The options every command that talks to a server takes. */
export interface ConnectionOptions {
  profile?: string;
  url?: string;
}

export function profileName(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env): string {
  return options.profile ?? env['DOCENT_PROFILE'] ?? DEFAULT_PROFILE;
}

/** http://host:port without a trailing slash or /graphql, however the user wrote it. */
export function serverUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`Not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new CliError(`The server URL must be http(s): ${url}`);
  return `${parsed.origin}${parsed.pathname.replace(/\/(graphql)?\/?$/, '')}`;
}

/**
 * A client for the server and key of the profile, unless DOCENT_URL / DOCENT_API_KEY or --url
 * say otherwise. A stored key is only ever sent to the server it was made for.
 */
export async function connect(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env): Promise<DocentClient> {
  const name = profileName(options, env);
  const stored = await new ProfileStore(profilesPath(env)).get(name);
  const url = serverUrl(options.url ?? env['DOCENT_URL'] ?? stored?.url ?? 'http://localhost:4000');
  const apiKey = env['DOCENT_API_KEY'] || (stored && serverUrl(stored.url) === url ? stored.apiKey : undefined);
  if (!apiKey) throw new CliError(`Not signed in to ${url} (profile "${name}"): run \`docent login\`, or set DOCENT_API_KEY`);
  return new DocentClient(url, apiKey);
}
