/**
 * The embedded MQTT broker (aedes) used when no MQTT_URL is configured: one process is a whole fleet
 * server for development, tests and small towns. aedes speaks MQTT 3.1.1 and has no shared subscriptions
 * (see CONTEXT.md), which is why the ingest uses plain filters against it.
 *
 * No packet size limit is set: aedes' parser (mqtt-packet) then accepts anything up to the MQTT maximum
 * (256 MiB), so an oversized frame reaches the device service and is counted there as `too_large`
 * instead of silently closing the device's connection.
 */
import net from 'node:net';
import { Aedes } from 'aedes';
import { PortInUseError } from '../config.js';

export interface EmbeddedBroker {
  /** `mqtt://<host>:<actual port>`, what devices and the ingest connect to. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startEmbeddedBroker(opts: { host: string; port: number }): Promise<EmbeddedBroker> {
  const aedes = await Aedes.createBroker();
  const server = net.createServer(aedes.handle);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port, opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await new Promise<void>((resolve) => aedes.close(() => resolve()));
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError('mqttPort', opts.port, opts.host);
    throw err;
  }
  const port = (server.address() as net.AddressInfo).port;
  const host = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
  return {
    url: `mqtt://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: async () => {
      // Closing aedes disconnects its clients, which lets the TCP server finish closing.
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
