/**
 * The embedded MQTT broker (aedes) used when no MQTT_URL is configured: one process is a whole fleet
 * server for development, tests and small towns. aedes speaks MQTT 3.1.1 and has no shared subscriptions
 * (see CONTEXT.md), which is why the ingest uses plain filters against it.
 *
 * Security (issue 11, SECURITY.md): anyone may reach this port, so
 *  - every client authenticates: a device with its own account (username = device id, the password provisioning
 *    gave it, checked against the stored `$7$` hash; its client id must be its username, so no other account can
 *    take its session over), the fleet server with its account (client ids `<username>-…`). Anonymous and unknown
 *    clients are refused;
 *  - publish and subscribe are authorised per topic (`brokerAcl`): a device publishes only its own `up` and
 *    `status` and subscribes only to its own `down`; only the server account publishes `down` and uses
 *    `sl/fleet/#`; nothing else is accepted, and no message is retained but a device's own presence;
 *  - a packet larger than MAX_PACKET_BYTES closes the connection before it is buffered (aedes' parser would hold
 *    up to the MQTT maximum, 256 MiB, in memory);
 *  - a revoked device is disconnected at once.
 */
import net from 'node:net';
import tls from 'node:tls';
import { Duplex } from 'node:stream';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { MAX_FRAME_BYTES, parseDeviceTopic } from '@streetlight/protocol';
import { PortInUseError } from '../config.js';
import type { DeviceIdentities } from '../devices/identity.js';

/** Largest MQTT packet accepted: a frame of the protocol's maximum with its topic and headers. */
export const MAX_PACKET_BYTES = MAX_FRAME_BYTES + 1024;

/** The server's own broker account on the embedded broker. */
export const SERVER_USERNAME = '_fleet';

export interface EmbeddedBroker {
  /** `mqtt://<host>:<actual port>`, what devices and the ingest connect to. */
  readonly url: string;
  readonly port: number;
  /** The server account (generated at start, in memory only). Client ids must start with `<username>-`. */
  readonly serverAccount: { username: string; password: string };
  /** Closes a device's connection (revocation). */
  disconnect(deviceId: string): void;
  /** Connections closed for a packet over MAX_PACKET_BYTES. */
  readonly oversized: number;
  close(): Promise<void>;
}

type Who = { kind: 'server' } | { kind: 'device'; deviceId: string; tenant: string };

/**
 * The access rules, shared by the embedded broker and the generated Mosquitto ACL (broker-config.ts): may `who`
 * publish (`retain` or not) on `topic`, or subscribe to the filter `topic`?
 */
export function brokerAcl(who: Who, action: 'publish' | 'subscribe', topic: string, retain = false): boolean {
  if (who.kind === 'server') {
    if (topic.startsWith('sl/fleet/')) return !retain && !topic.includes('#') && !topic.includes('+');
    if (action === 'publish') {
      const t = parseDeviceTopic(topic);
      return t !== undefined && t.channel === 'down' && !retain;
    }
    // The ingest's filters (every device's up and status) and the operator tools' (a town's traffic).
    return topic.startsWith('sl/v1/');
  }
  const t = parseDeviceTopic(topic);
  if (!t || t.tenant !== who.tenant || t.deviceId !== who.deviceId) return false;
  if (action === 'subscribe') return t.channel === 'down';
  if (t.channel === 'up') return !retain;
  return t.channel === 'status'; // presence: retained, the device's own
}

export interface EmbeddedBrokerOptions {
  host: string;
  port: number;
  /** TLS: certificate and key (PEM). Set: the broker speaks MQTT over TLS only (`mqtts://`). */
  tls?: { cert: Buffer; key: Buffer } | undefined;
  identities: DeviceIdentities;
  /** Counts refused connections and operations (metrics). */
  onRefused?: (what: 'connect' | 'publish' | 'subscribe' | 'oversized') => void;
}

export async function startEmbeddedBroker(opts: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const serverAccount = { username: SERVER_USERNAME, password: randomBytes(24).toString('base64url') };
  const serverPassword = Buffer.from(serverAccount.password);
  const who = new WeakMap<Client, Who>();
  const refused = (what: 'connect' | 'publish' | 'subscribe' | 'oversized'): void => opts.onRefused?.(what);
  const authError = (code: 4 | 5, message: string): AuthenticateError => Object.assign(new Error(message), { returnCode: code }) as AuthenticateError;

  const aedes = await Aedes.createBroker({
    maxClientsIdLength: 128,
    authenticate: (client, username, password, done) => {
      const pw = password ?? Buffer.alloc(0);
      if (username === SERVER_USERNAME) {
        const ok = pw.length === serverPassword.length && timingSafeEqual(pw, serverPassword) && client.id.startsWith(`${SERVER_USERNAME}-`);
        if (!ok) { refused('connect'); return done(authError(4, 'bad username or password'), false); }
        who.set(client, { kind: 'server' });
        return done(null, true);
      }
      if (!username || client.id !== username) {
        refused('connect');
        return done(authError(5, 'not authorized: the client id must be the username'), false);
      }
      opts.identities.checkBrokerPassword(username, pw.toString('utf8')).then((row) => {
        if (!row) { refused('connect'); return done(authError(4, 'bad username or password'), false); }
        who.set(client, { kind: 'device', deviceId: row.deviceId, tenant: row.tenantId });
        return done(null, true);
      }, (err: unknown) => done(Object.assign(err instanceof Error ? err : new Error(String(err)), { returnCode: 3 }) as AuthenticateError, false));
    },
    authorizePublish: (client, packet, callback) => {
      const w = client ? who.get(client) : undefined;
      if (w && brokerAcl(w, 'publish', packet.topic, packet.retain)) return callback(null);
      refused('publish');
      return callback(new Error(`publish to ${packet.topic} not authorized`));
    },
    authorizeSubscribe: (client, sub, callback) => {
      const w = who.get(client);
      if (w && brokerAcl(w, 'subscribe', sub.topic)) return callback(null, sub);
      refused('subscribe');
      return callback(null, null); // a negative SUBACK for this filter
    },
  });
  let oversized = 0;
  const accept = (socket: net.Socket): void => {
    socket.setNoDelay(true);
    aedes.handle(new PacketSizeGuard(socket, MAX_PACKET_BYTES, () => { oversized++; refused('oversized'); }));
  };
  const server: net.Server = opts.tls ? tls.createServer({ cert: opts.tls.cert, key: opts.tls.key }, accept) : net.createServer(accept);
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
    url: `${opts.tls ? 'mqtts' : 'mqtt'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    serverAccount,
    get oversized() { return oversized; },
    disconnect: (deviceId) => {
      const c = (aedes as unknown as { clients: Record<string, Client | undefined> }).clients[deviceId];
      c?.close();
    },
    close: async () => {
      // Closing aedes disconnects its clients, which lets the TCP server finish closing.
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The client's byte stream as aedes reads it, with every MQTT packet's length checked from its fixed header as it
 * arrives: a packet announcing more than `max` bytes closes the connection before its body is read.
 */
export class PacketSizeGuard extends Duplex {
  readonly #socket: net.Socket;
  readonly #max: number;
  /** Parser state: reading the type byte, the remaining-length varint, or skipping the body. */
  #state: 'type' | 'length' | 'body' = 'type';
  #length = 0;
  #multiplier = 1;
  #lengthBytes = 0;
  #remaining = 0;

  constructor(socket: net.Socket, max: number, onOversized: () => void) {
    super();
    this.#socket = socket;
    this.#max = max;
    socket.on('data', (chunk: Buffer) => {
      if (!this.#check(chunk)) {
        onOversized();
        socket.destroy();
        this.destroy();
        return;
      }
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => this.push(null));
    socket.on('close', () => this.destroy());
    socket.on('error', (err) => this.destroy(err));
  }

  get remoteAddress(): string | undefined { return this.#socket.remoteAddress; }

  override _read(): void { this.#socket.resume(); }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.#socket.destroyed) return cb();
    this.#socket.write(chunk, (err) => cb(err ?? null));
  }

  override _final(cb: (err?: Error | null) => void): void { this.#socket.end(() => cb()); }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.#socket.destroy();
    cb(err);
  }

  /** Follows the packet boundaries through `chunk`; false as soon as one packet is too large or malformed. */
  #check(chunk: Buffer): boolean {
    let i = 0;
    while (i < chunk.length) {
      if (this.#state === 'body') {
        const n = Math.min(this.#remaining, chunk.length - i);
        this.#remaining -= n;
        i += n;
        if (this.#remaining === 0) this.#state = 'type';
        continue;
      }
      const b = chunk[i++] as number;
      if (this.#state === 'type') {
        this.#state = 'length';
        this.#length = 0;
        this.#multiplier = 1;
        this.#lengthBytes = 0;
        continue;
      }
      this.#length += (b & 0x7f) * this.#multiplier;
      this.#multiplier *= 128;
      this.#lengthBytes++;
      if (this.#length > this.#max) return false;
      if (b & 0x80) {
        if (this.#lengthBytes >= 4) return false; // [MQTT-2.2.3]: at most 4 bytes
        continue;
      }
      this.#remaining = this.#length;
      this.#state = this.#remaining === 0 ? 'type' : 'body';
    }
    return true;
  }
}
