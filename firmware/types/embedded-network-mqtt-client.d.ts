/**
 * `embedded:network/mqtt/client`, replacing the declaration of @moddable/typings 5.6.0 (excluded in
 * tsconfig.json), whose `onControl(opcode, message)` takes two arguments and whose `write()` requires a
 * topic. Follows the Moddable SDK's client, examples/io/tcp/mqttclient/mqttclient.js: `onControl(msg)`
 * receives one object `{operation, id, payload?}` (examples/io/tcp/mqttclient/main.js reads
 * `msg.operation`), `write(null, {operation: SUBSCRIBE, items})` subscribes, `keepalive` is in ms, and the
 * platform options `dns` and `socket` come from `device.network.mqtt` (examples/io/tcp/mqttclient/config.js).
 */
declare module 'embedded:network/mqtt/client' {
  export interface MQTTControlMessage {
    operation: number;
    id?: number;
    payload?: ArrayBuffer;
  }
  export interface MQTTReadableOptions {
    more: boolean;
    topic?: string;
    QoS?: number;
    byteLength?: number;
  }
  export interface MQTTClientOptions {
    host: string;
    port?: number;
    id: string;
    user?: string;
    password?: string;
    clean?: boolean;
    /** Milliseconds. */
    keepalive?: number;
    will?: { topic: string; message: ArrayBuffer; QoS?: number; retain?: boolean };
    onControl?: (this: MQTTClient, msg: MQTTControlMessage) => void;
    onReadable?: (this: MQTTClient, count: number, options: MQTTReadableOptions) => void;
    onWritable?: (this: MQTTClient, count: number) => void;
    onClose?: (this: MQTTClient) => void;
    onError?: (this: MQTTClient, error?: unknown) => void;
    dns?: Record<string, unknown>;
    socket?: Record<string, unknown>;
    [key: string]: unknown;
  }
  export interface MQTTWriteOptions {
    operation?: number;
    id?: number;
    topic?: string;
    QoS?: number;
    retain?: boolean;
    duplicate?: boolean;
    byteLength?: number;
    items?: { topic: string; QoS?: number }[];
  }
  export default class MQTTClient {
    constructor(options: MQTTClientOptions);
    read(count: number): ArrayBuffer;
    write(data: ArrayBuffer | Uint8Array | null, options?: MQTTWriteOptions): number;
    close(): void;
    static readonly CONNECT: 1;
    static readonly CONNACK: 2;
    static readonly PUBLISH: 3;
    static readonly PUBACK: 4;
    static readonly PUBREC: 5;
    static readonly PUBREL: 6;
    static readonly PUBCOMP: 7;
    static readonly SUBSCRIBE: 8;
    static readonly SUBACK: 9;
    static readonly UNSUBSCRIBE: 10;
    static readonly UNSUBACK: 11;
    static readonly PINGREQ: 12;
    static readonly PINGRESP: 13;
    static readonly DISCONNECT: 14;
  }
}
