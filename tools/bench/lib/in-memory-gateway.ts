import { IN_MEMORY, openDatabase } from '@docent/persistence';
import pino from 'pino';
import { type Docent, composeGateway } from '../../../apps/gateway/src/composition/gateway';
import { type Gateway, startGateway } from '../../../apps/gateway/src/server';
import { benchGatewayConfig } from './gateway-config';

/** A gateway as `npm start` composes it, over an in-memory PGlite database, with no logs; `processing` starts its document worker. */
export async function startInMemoryGateway(options: { processing: boolean }): Promise<{ docent: Docent; gateway: Gateway; close(): Promise<void> }> {
  const config = benchGatewayConfig({});
  const logger = pino({ level: 'silent' });
  const docent = await composeGateway(config, logger, { database: await openDatabase({ dataDir: IN_MEMORY }) });
  if (options.processing) docent.processor.start();
  const gateway = await startGateway({ ...config, docent, logger });
  return {
    docent,
    gateway,
    close: async () => {
      await gateway.stop();
      await docent.close();
    },
  };
}
