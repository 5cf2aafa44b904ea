import { hostname } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { DocentClient } from '../client/docent-client';
import { CreateApiKey, SignIn, SignOut, Viewer } from '../client/operations';
import { ProfileStore, profilesPath } from '../client/profiles';
import { CliError } from './cli-error';
import { type ConnectionOptions, profileName, serverUrl } from './connection';
import type { Terminal } from './ingest';

export interface LoginOptions extends ConnectionOptions {
  apiKey?: string;
  email?: string;
  passwordStdin: boolean;
}

/**
 * `docent login`: stores an API key for a server under a profile. Given an email and password,
 * it signs in and makes a key for this machine (revocable like any other: `apiKeys`,
 * `revokeApiKey`), so no password or short-lived token is ever stored.
 */
export async function login(options: LoginOptions, terminal: Terminal, stdin: NodeJS.ReadStream = process.stdin): Promise<number> {
  const url = serverUrl(options.url ?? process.env['DOCENT_URL'] ?? 'http://localhost:4000');
  const profile = profileName(options);
  let apiKey = options.apiKey ?? process.env['DOCENT_API_KEY'];
  let email: string;
  let keyName: string | undefined;
  if (apiKey) {
    ({ email } = (await new DocentClient(url, apiKey).query(Viewer, {})).me);
  } else {
    email = options.email ?? (await ask('Email: ', stdin, terminal.stderr));
    const password = options.passwordStdin ? (await readAll(stdin)).replace(/\r?\n$/, '') : (process.env['DOCENT_PASSWORD'] ?? (await askHidden('Password: ', stdin, terminal.stderr)));
    const { login: session } = await new DocentClient(url, undefined).mutate(SignIn, { input: { email, password } });
    const signedIn = new DocentClient(url, session.accessToken);
    const created = await signedIn.mutate(CreateApiKey, { name: `docent CLI on ${hostname()} (${profile})`, permissions: ['SEARCH', 'READ', 'INGEST', 'MANAGE'] });
    apiKey = created.createApiKey.secret;
    keyName = created.createApiKey.apiKey.name;
    // The key is what the CLI keeps; the password's session has no further use.
    await signedIn.mutate(SignOut, { refreshToken: session.refreshToken });
  }
  const store = new ProfileStore(profilesPath());
  await store.save(profile, { url, apiKey, email });
  terminal.stdout.write(`Signed in to ${url} as ${email}${keyName ? ` with a new API key, "${keyName}"` : ''}; saved as profile "${profile}" in ${store.file}\n`);
  return 0;
}

async function ask(question: string, stdin: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<string> {
  if (!stdin.isTTY) throw new CliError('No email: pass --email');
  const reader = createInterface({ input: stdin, output });
  try {
    return (await reader.question(question)).trim();
  } finally {
    reader.close();
  }
}

/** Reads a line from the terminal without echoing it. */
async function askHidden(question: string, stdin: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<string> {
  if (!stdin.isTTY) throw new CliError('No password: pass --password-stdin, or set DOCENT_PASSWORD');
  output.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (settle: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      output.write('\n');
      settle();
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n') return finish(() => resolve(typed));
        if (character === '\u0003') return finish(() => reject(new CliError('Cancelled', 130)));
        typed = character === '\u007f' ? typed.slice(0, -1) : typed + character;
      }
    };
    stdin.on('data', onData);
  });
}

async function readAll(stdin: NodeJS.ReadStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) text += String(chunk);
  return text;
}
