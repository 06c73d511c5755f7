/**
 * A protocol peer for board-level scenario tests: subscribes to every uplink of a tenant on a real broker,
 * decodes them with the server codec and publishes downlinks. It stands where the fleet server stands, so a
 * firmware behaviour can be driven precisely without the server's own policies in between.
 *
 * Like the server (issue 11) it holds the boards' device keys: uplinks without a valid MAC are counted in
 * `rejected` ('unauthenticated') and not kept; downlinks are sealed (`sendRaw` and `sendUnsealed` are the
 * attacker's ways). Keys default to the simulator's (`simDeviceKey`, boards provisioned by the simulator).
 */
import mqtt, { type MqttClient } from 'mqtt';
import {
  channelFilter, decodeUplinkFrame, downlinkTopic, encodeDownlink, parseDeviceTopic, PROTOCOL_VERSION, sealFrame, verifyFrame,
  type Downlink, type FrameMac, type Uplink,
} from '@streetlight/protocol';
import { nodeHmac, simDeviceKey, type SimBoard } from '@streetlight/hardware-sim';
import { FrameLedger } from '@streetlight/hardware-sim/testing';

const hmac: FrameMac = nodeHmac;

export interface ReceivedUplink {
  deviceId: string;
  message: Uplink;
}

export class ProtocolPeer {
  readonly uplinks: ReceivedUplink[] = [];
  readonly rejected: string[] = [];
  /** The frames between this peer and the boards it `watch`es, which their clock's `runUntil` waits for. */
  readonly ledger = new FrameLedger();
  #seq = 0;

  private constructor(readonly client: MqttClient, readonly tenant: string, readonly now: () => number, readonly keyOf: (deviceId: string) => Uint8Array) {}

  static async connect(url: string, tenant: string, now: () => number, keyOf: (deviceId: string) => Uint8Array = simDeviceKey): Promise<ProtocolPeer> {
    const client = await mqtt.connectAsync(url, { clean: true, reconnectPeriod: 0, protocolVersion: 4 });
    const peer = new ProtocolPeer(client, tenant, now, keyOf);
    client.on('message', (topic, payload) => {
      const t = parseDeviceTopic(topic);
      if (!t || t.channel !== 'up') return;
      peer.ledger.received(t.deviceId);
      const frame = new Uint8Array(payload);
      if (!verifyFrame(hmac, keyOf(t.deviceId), 'up', frame)) {
        peer.rejected.push('unauthenticated');
        return;
      }
      const d = decodeUplinkFrame(frame, t.deviceId);
      if (d.ok) {
        peer.uplinks.push({ deviceId: t.deviceId, message: d.message });
        // A device refuses downlink seqs at or below the one it last applied (persisted): continue above it.
        const floor = d.message.hello?.downlinkFloor ?? 0;
        if (floor > peer.#seq) peer.#seq = floor;
      } else {
        peer.rejected.push(d.reason);
      }
    });
    await client.subscribeAsync(channelFilter('up', tenant), { qos: 1 });
    return peer;
  }

  /** Sends a downlink body to a device; returns its seq. */
  async send(deviceId: string, body: Omit<Downlink, 'protocolVersion' | 'deviceId' | 'seq' | 'time'>, time = Math.floor(this.now() / 1000)): Promise<number> {
    const seq = ++this.#seq;
    await this.sendRaw(deviceId, this.seal(deviceId, { seq, time, ...body }));
    return seq;
  }

  /** A sealed downlink frame with the envelope as given (replays, chosen seqs). */
  seal(deviceId: string, m: Omit<Downlink, 'protocolVersion' | 'deviceId'>): Uint8Array {
    return sealFrame(hmac, this.keyOf(deviceId), 'down', encodeDownlink({ protocolVersion: PROTOCOL_VERSION, deviceId, ...m }));
  }

  /** What an attacker without the key sends: a well-formed downlink without (or with a wrong) MAC. */
  async sendUnsealed(deviceId: string, body: Omit<Downlink, 'protocolVersion' | 'deviceId' | 'seq' | 'time'>, seq = ++this.#seq): Promise<void> {
    const frame = encodeDownlink({ protocolVersion: PROTOCOL_VERSION, deviceId, seq, time: Math.floor(this.now() / 1000), ...body });
    await this.sendRaw(deviceId, frame);
  }

  async sendRaw(deviceId: string, bytes: Uint8Array): Promise<void> {
    if (bytes.byteLength > 0) this.ledger.sent(deviceId); // an empty PUBLISH never reaches the firmware (sim MQTT client)
    await this.client.publishAsync(downlinkTopic(this.tenant, deviceId), Buffer.from(bytes), { qos: 1 });
  }

  /**
   * Virtual time on this board's clock moves only once the frames between it and this peer have landed
   * (FrameLedger): an answer crosses the broker at the virtual instant of its question, however loaded the machine.
   */
  watch<B extends SimBoard>(board: B): B {
    this.ledger.watch(board);
    return board;
  }

  of(deviceId: string): Uplink[] {
    return this.uplinks.filter((u) => u.deviceId === deviceId).map((u) => u.message);
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}
