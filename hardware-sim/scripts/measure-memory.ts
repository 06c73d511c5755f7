/**
 * Memory per simulated board. Run from the repository root:
 *   node --expose-gc --conditions=@streetlight/source --import tsx hardware-sim/scripts/measure-memory.ts [count] [--mqtt host:port]
 * Without --mqtt: boards booted with a minimal firmware (PWM, relay, one timer), no network.
 * With --mqtt: each board also opens one MQTT connection (mqtt.js + a TCP socket) to the broker.
 */
import type { Host } from '../../firmware/src/host.js';
import { SimFleet, VirtualClock } from '../src/index.js';

const count = Number(process.argv[2] ?? 1000);
const mqttArg = process.argv.indexOf('--mqtt');
const broker = mqttArg > 0 ? process.argv[mqttArg + 1] : undefined;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

function heap(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

const firmware = (host: Host): { stop(): void } => {
  const D = host.device.io.Digital;
  const relay = D && host.device.pin.relay !== undefined ? new D({ pin: host.device.pin.relay, mode: D.Output }) : undefined;
  relay?.write(1);
  new host.device.io.PWM({ pin: host.device.pin.dim }).write(700);
  host.timers.repeat(() => {}, 60_000);
  if (broker) {
    const { io } = host.device.network.mqtt;
    // A bare connection per board (no firmware logic): what the broker and the simulator's sockets cost.
    const id = `mem-${++connections}`;
    new io({ host: brokerHost, port: Number(brokerPort), id, keepalive: 120_000 });
  }
  return { stop() {} };
};

const [host, port] = (broker ?? '127.0.0.1:1883').split(':');
const [brokerHost, brokerPort] = [host as string, port as string];
let connections = 0;
const clock = new VirtualClock();
const before = heap();
const rss0 = process.memoryUsage().rss;
const fleet = new SimFleet({ clock, firmware });
for (let i = 0; i < count; i++) {
  fleet.add({ deviceId: `MEM-${i}`, tenant: 'mem', mqtt: { host: host ?? '127.0.0.1', port: Number(port ?? 1883) }, nominalW: 36 });
}
await fleet.start();
if (broker) {
  const t0 = Date.now();
  while (fleet.stats().online < count && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 50));
  console.log(`online ${fleet.stats().online}/${count} after ${Date.now() - t0} ms`);
}
clock.advance(3_600_000);
const after = heap();
const rss1 = process.memoryUsage().rss;
console.log(`${count} boards${broker ? ' with MQTT' : ''}: heap +${((after - before) / 1024 / 1024).toFixed(1)} MiB` +
  ` = ${((after - before) / count / 1024).toFixed(1)} KiB/board (rss +${((rss1 - rss0) / count / 1024).toFixed(1)} KiB/board)`);
fleet.stop();
await new Promise((r) => setTimeout(r, 200));
