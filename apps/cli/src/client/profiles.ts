import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';

/** A Docent server and the API key the CLI signs in to it with. */
export interface Profile {
  url: string;
  apiKey: string;
  /** Whose key it is, for `docent login`'s messages. */
  email?: string;
}

interface ProfilesFile {
  profiles: Record<string, Profile>;
}

export const DEFAULT_PROFILE = 'default';

/** DOCENT_CONFIG, else $XDG_CONFIG_HOME/docent/profiles.json, else ~/.config/docent/profiles.json. */
export function profilesPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env['DOCENT_CONFIG']) return env['DOCENT_CONFIG'];
  return path.join(env['XDG_CONFIG_HOME'] || path.join(homedir(), '.config'), 'docent', 'profiles.json');
}

/** The profiles file: readable and writable by its owner only, since it holds API keys. */
export class ProfileStore {
  constructor(readonly file: string) {}

  async get(name: string): Promise<Profile | undefined> {
    return (await this.read()).profiles[name];
  }

  async save(name: string, profile: Profile): Promise<void> {
    const contents = await this.read();
    contents.profiles[name] = profile;
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    // Written aside and renamed over: an interrupted write never leaves half a file.
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(contents, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, this.file);
  }

  private async read(): Promise<ProfilesFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
      throw error;
    }
    const parsed = JSON.parse(text) as Partial<ProfilesFile>;
    return { profiles: parsed.profiles ?? {} };
  }
}
