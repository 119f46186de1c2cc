// One eps-like process using the embedded server on a data folder: prints "ready <port>", stops on a line on stdin.
import { startEmbedded } from '../../src/infra/embedded.js';

const server = await startEmbedded({ dataDir: process.argv[2]!, persistent: true });
process.stdout.write(`ready ${server.port}\n`);
process.stdin.once('data', async () => {
  await server.stop();
  process.stdout.write('stopped\n');
  process.exit(0);
});
