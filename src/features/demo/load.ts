/**
 * npm run demo: loads the demo data set (src/features/demo/dataset.ts: the network's activities 2018–2022
 * with their published figures, synthetic people) into the configured store, so every question
 * and chart can be tried at once. Refuses a store that holds any activity of its own.
 */
import pino from 'pino';
import { loadConfig } from '../../config';
import { openStore } from '../../platform/cosmos/client';
import { DirectoryRepository, defaultOrganizations } from '../people';
import { buildDemo } from './build';
import { realActivityIds, writeDemo } from './write';

async function main(): Promise<number> {
  const config = loadConfig();
  if (config.NODE_ENV === 'production') {
    process.stderr.write('npm run demo: refused with NODE_ENV=production.\n');
    return 2;
  }
  const logger = pino({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL });
  const store = await openStore(config, logger);
  try {
    await new DirectoryRepository(store.container('directory')).seedOrganizations(defaultOrganizations());
    const real = await realActivityIds(store.container('activities'));
    if (real.length > 0) {
      process.stderr.write(
        `npm run demo: refused. The store (${store.kind === 'embedded' ? config.DATA_DIR : store.endpoint}) already holds ${real.length} activities that are not the demo's; ` +
          'the demo never mixes with real data. Use an empty store, e.g. DATA_DIR=.data-demo npm run demo, then DATA_DIR=.data-demo npm start.\n',
      );
      return 1;
    }
    const n = await writeDemo({ activities: store.container('activities'), directory: store.container('directory') }, buildDemo());
    process.stdout.write(
      `Demo loaded: ${n.activities} activities, ${n.seats} seat lists, ${n.attendance} attendance records, ${n.people} people` +
        `${store.kind === 'embedded' ? ` (saved in ${config.DATA_DIR})` : ''}.\n` +
        'Start the bot (npm start, or npm run playground with COORDINATORS set) and ask, in a 1:1 chat:\n' +
        '  vilka deltog i Att leda en likvärdig skola\n  vilka är anmälda till RUN-konferens\n  statistik Att leda lärande och utveckling\n' +
        '  statistik RUN-riksdag 2018\n  statistik IKT-nätverket\n  årsrapport 2020-2022\n  exportera årsrapport 2022\n',
    );
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`npm run demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
