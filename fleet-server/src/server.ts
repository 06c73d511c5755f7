/**
 * Starts the fleet server: reads the environment and the command line, builds, listens, prints the URLs
 * and shuts down gracefully on SIGINT/SIGTERM. Everything else lives in app.ts.
 *
 *   node --conditions=@streetlight/source --import tsx src/server.ts [--http-port N] [--mqtt-port N]
 *        [--data-dir DIR] [--mqtt-url URL] [--database-url URL]
 */
import { parseArgs } from 'node:util';
import { build } from './app.js';
import { ConfigError, PortInUseError, type ConfigInput } from './config.js';

function cliOptions(argv: string[]): Partial<ConfigInput> {
  const { values } = parseArgs({
    // `pnpm start -- --http-port 8080` hands the script the `--` too: parseArgs would take what follows for positionals.
    args: argv.filter((arg, i) => !(i === 0 && arg === '--')),
    options: {
      'http-port': { type: 'string' },
      'mqtt-port': { type: 'string' },
      'data-dir': { type: 'string' },
      'mqtt-url': { type: 'string' },
      'database-url': { type: 'string' },
    },
    strict: true,
  });
  const out: Record<string, string> = {};
  if (values['http-port'] !== undefined) out.httpPort = values['http-port'];
  if (values['mqtt-port'] !== undefined) out.mqttPort = values['mqtt-port'];
  if (values['data-dir'] !== undefined) out.dataDir = values['data-dir'];
  if (values['mqtt-url'] !== undefined) out.mqttUrl = values['mqtt-url'];
  if (values['database-url'] !== undefined) out.databaseUrl = values['database-url'];
  return out as Partial<ConfigInput>;
}

async function main(): Promise<void> {
  let options: Partial<ConfigInput>;
  try {
    options = cliOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  const app = await build({ config: options, env: process.env });
  const httpUrl = await app.fleet.listen();
  process.stdout.write(`fleet server: ${httpUrl}  (status page ${httpUrl}/, API ${httpUrl}/api/openapi.json)\n`);
  process.stdout.write(`MQTT broker for devices: ${app.fleet.brokerUrl}\n`);

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(() => process.exit(0), (err: unknown) => {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  // Configuration and port problems are the operator's to fix: a clear line, no stack trace.
  if (err instanceof ConfigError || err instanceof PortInUseError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  if (err instanceof Error && /cannot connect to the MQTT broker/.test(err.message)) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
