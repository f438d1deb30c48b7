/**
 * The embedded Cosmos-protocol server as a process of its own, so a test can stop (SIGSTOP),
 * resume or kill the store under a running bot. Prints `{"port":N}` once it listens.
 *   node --import tsx test/support/storeProcess.ts [port]
 */
import { startEmbeddedCosmos } from '../../src/platform/cosmos/embedded';

void startEmbeddedCosmos(Number(process.argv[2] ?? 0)).then((s) => {
  process.stdout.write(`${JSON.stringify({ port: Number(new URL(s.endpoint).port) })}\n`);
});
