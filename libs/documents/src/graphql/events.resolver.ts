import type { DocumentStatusEvent } from '@docent/persistence';
import { isUuid } from '@docent/persistence';
import { DocentError } from '@docent/common';
import { Args, ArgsType, Authorized, Field, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { IngestionProgress } from '../events/ingestion-progress';
import { IngestionProgressFeed } from '../events/ingestion-progress';
import type { DocumentsContext } from './documents-context';
import { DocumentStatusEventType, IngestionProgressType } from './events.types';
import { accessOf } from './viewer-access';

const MAX_WATCHED_DOCUMENTS = 1_000;

@ArgsType()
class DocumentStatusArgs {
  @Field(() => [ID], { nullable: true, description: 'Only these documents (at most 1,000)' })
  documentIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Only documents of this collection' })
  collection?: string | null;
}

/** Live events over GraphQL over WebSocket (graphql-ws), scoped like queries. */
@Resolver()
export class EventsResolver {
  @Authorized('read')
  @Subscription(() => DocumentStatusEventType, {
    description: 'Status changes of the documents you can read (or of these ids, or of one collection), as workers anywhere commit them',
    subscribe: async ({ args, context }: { args: DocumentStatusArgs; context: DocumentsContext }) => {
      const access = accessOf(context);
      const documentIds = args.documentIds ?? undefined;
      if (documentIds && (documentIds.length > MAX_WATCHED_DOCUMENTS || !documentIds.every(isUuid))) {
        throw new DocentError('BAD_USER_INPUT', `Watch at most ${MAX_WATCHED_DOCUMENTS} document ids`, { field: 'documentIds' });
      }
      const collectionId = args.collection ?? undefined;
      // A collection one cannot read is NOT_FOUND now, rather than a silent stream.
      if (collectionId !== undefined) await context.documents.collections.get(access, collectionId);
      return context.documents.statusFeed.subscribe(access, { documentIds, collectionId });
    },
  })
  // The arguments are declared here for the schema; `subscribe` above applies them.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  documentStatusChanged(@Root() event: DocumentStatusEvent, @Args(() => DocumentStatusArgs) _filter: DocumentStatusArgs): DocumentStatusEvent {
    return event;
  }

  @Authorized('read')
  @Subscription(() => IngestionProgressType, {
    description: 'Your documents by status (every collection you can read), sent when they change, with the pace they settle at',
    subscribe: ({ context }: { context: DocumentsContext }) => {
      const access = accessOf(context);
      return new IngestionProgressFeed(() => context.documents.library.countByStatus(access), context.documents.progressIntervalMs);
    },
  })
  ingestionProgress(@Root() progress: IngestionProgress): IngestionProgress {
    return progress;
  }

  @Authorized('ADMIN')
  @Subscription(() => IngestionProgressType, {
    description: "Admins only: the whole queue's documents by status, sent when they change, with the pace they settle at",
    subscribe: ({ context }: { context: DocumentsContext }) =>
      new IngestionProgressFeed(async () => (await context.documents.library.queueStats()).counts, context.documents.progressIntervalMs),
  })
  queueProgress(@Root() progress: IngestionProgress): IngestionProgress {
    return progress;
  }
}
