/**
 * A protocol peer for board-level scenario tests: subscribes to every uplink of a tenant on a real broker,
 * decodes them with the server codec and publishes downlinks. It stands where the fleet server stands, so a
 * firmware behaviour can be driven precisely without the server's own policies in between.
 */
import mqtt, { type MqttClient } from 'mqtt';
import {
  channelFilter, decodeUplinkFrame, downlinkTopic, encodeDownlink, parseDeviceTopic, PROTOCOL_VERSION,
  type Downlink, type Uplink,
} from '@streetlight/protocol';

export interface ReceivedUplink {
  deviceId: string;
  message: Uplink;
}

export class ProtocolPeer {
  readonly uplinks: ReceivedUplink[] = [];
  readonly rejected: string[] = [];
  #seq = 0;

  private constructor(readonly client: MqttClient, readonly tenant: string, readonly now: () => number) {}

  static async connect(url: string, tenant: string, now: () => number): Promise<ProtocolPeer> {
    const client = await mqtt.connectAsync(url, { clean: true, reconnectPeriod: 0, protocolVersion: 4 });
    const peer = new ProtocolPeer(client, tenant, now);
    client.on('message', (topic, payload) => {
      const t = parseDeviceTopic(topic);
      if (!t || t.channel !== 'up') return;
      const d = decodeUplinkFrame(new Uint8Array(payload), t.deviceId);
      if (d.ok) peer.uplinks.push({ deviceId: t.deviceId, message: d.message });
      else peer.rejected.push(d.reason);
    });
    await client.subscribeAsync(channelFilter('up', tenant), { qos: 1 });
    return peer;
  }

  /** Sends a downlink body to a device; returns its seq. */
  async send(deviceId: string, body: Omit<Downlink, 'protocolVersion' | 'deviceId' | 'seq' | 'time'>, time = Math.floor(this.now() / 1000)): Promise<number> {
    const seq = ++this.#seq;
    const frame = encodeDownlink({ protocolVersion: PROTOCOL_VERSION, deviceId, seq, time, ...body });
    await this.client.publishAsync(downlinkTopic(this.tenant, deviceId), Buffer.from(frame), { qos: 1 });
    return seq;
  }

  async sendRaw(deviceId: string, bytes: Uint8Array): Promise<void> {
    await this.client.publishAsync(downlinkTopic(this.tenant, deviceId), Buffer.from(bytes), { qos: 1 });
  }

  of(deviceId: string): Uplink[] {
    return this.uplinks.filter((u) => u.deviceId === deviceId).map((u) => u.message);
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}
