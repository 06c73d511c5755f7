/**
 * The broker pass-through's receiver for `bench:ingest` (issue 14): a plain mqtt.js client, subscribed at QoS 1
 * to BENCH_FILTER on BENCH_MQTT_URL, that counts frames and does nothing else (no decoding, no MAC check), so
 * that broker + client library + loopback is the limit every real receiver is compared with. Run as a child
 * process (its CPU measured apart from the load generator's); reports `{ count }` over IPC at most every 5 ms.
 */
import mqtt from 'mqtt';

const url = process.env.BENCH_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const filter = process.env.BENCH_FILTER ?? '#';
const client = mqtt.connect(url, { clientId: `bench-count-${process.pid}`, clean: true, protocolVersion: 4, reconnectPeriod: 0 });
let count = 0;
let reported = -1;
client.on('connect', () => { (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true); });
client.on('message', () => { count++; });
await new Promise<void>((resolve, reject) => { client.once('connect', () => resolve()); client.once('error', reject); });
await client.subscribeAsync(filter, { qos: 1 });
process.send?.({ ready: true });
const report = setInterval(() => {
  if (count !== reported) { reported = count; process.send?.({ count }); }
}, 5);
const stop = (): void => {
  clearInterval(report);
  void client.endAsync(true).finally(() => process.exit(0));
};
process.on('message', (m: unknown) => { if ((m as { stop?: boolean } | null)?.stop) stop(); });
process.on('disconnect', stop);
