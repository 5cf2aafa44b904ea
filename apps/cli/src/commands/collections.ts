import type { DocentClient } from '../client/docent-client';
import { Viewer } from '../client/operations';
import { CliError } from './cli-error';

export interface NamedCollection {
  id: string;
  name: string;
}

/** The collection `wanted` names (by id or name), or the caller's default one; writing to it needs EDITOR. */
export async function writableCollection(client: DocentClient, wanted: string | undefined): Promise<NamedCollection> {
  const { collections } = await client.query(Viewer, {});
  const collection = wanted === undefined ? collections.find((candidate) => candidate.isDefault) : collections.find((candidate) => candidate.id === wanted || candidate.name === wanted);
  if (!collection) throw new CliError(wanted === undefined ? 'You have no default collection; name one with --collection' : `No collection you can read is called or has the id ${JSON.stringify(wanted)}`);
  if (collection.role === 'VIEWER') throw new CliError(`You only view "${collection.name}": adding documents needs EDITOR`);
  return collection;
}

/** Ids for collection names or ids, as search takes them. */
export async function collectionIds(client: DocentClient, wanted: readonly string[]): Promise<string[]> {
  if (wanted.length === 0) return [];
  const { collections } = await client.query(Viewer, {});
  return wanted.map((name) => {
    const collection = collections.find((candidate) => candidate.id === name || candidate.name === name);
    if (!collection) throw new CliError(`No collection you can read is called or has the id ${JSON.stringify(name)}`);
    return collection.id;
  });
}
