/**
 * Live revocation on Mosquitto (issue 15; SECURITY.md): the dynamic-security plugin's control API
 * (`$CONTROL/dynamic-security/v1`, JSON commands answered on `…/response`). `disableClient` stops the account
 * from logging in and disconnects every client connected with it at once, so a retired controller is off the
 * broker without waiting for `device broker-config` and a restart. The servers' account may send these commands
 * (its role in broker-config.ts).
 */
import mqtt from 'mqtt';

export const DYNSEC_TOPIC = '$CONTROL/dynamic-security/v1';
const RESPONSE_TOPIC = `${DYNSEC_TOPIC}/response`;

export interface BrokerAccount { url: string; username: string; password: string }

/**
 * Disables a device's broker account (its username is its device id) and disconnects it. Resolves with
 * undefined when the plugin confirmed, else with why not (unreachable broker, refused, no answer in time): the
 * caller says so, and the next `broker-config` and restart leaves the device out anyway.
 */
export async function disableBrokerClient(account: BrokerAccount, deviceId: string, timeoutMs = 10_000): Promise<string | undefined> {
  let client: mqtt.MqttClient | undefined;
  try {
    client = await mqtt.connectAsync(account.url, {
      username: account.username, password: account.password, clientId: `${account.username}-dynsec-${process.pid}`,
      protocolVersion: 4, reconnectPeriod: 0, connectTimeout: timeoutMs, clean: true,
    });
    const c = client;
    const answer = new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(`no answer from the dynamic-security plugin within ${timeoutMs} ms`), timeoutMs);
      c.on('message', (topic, payload) => {
        if (topic !== RESPONSE_TOPIC) return;
        try {
          const r = (JSON.parse(payload.toString('utf8')) as { responses?: Array<{ command?: string; error?: string }> }).responses?.find((x) => x.command === 'disableClient');
          if (!r) return;
          clearTimeout(timer);
          resolve(r.error ? `the plugin refused: ${r.error}` : undefined);
        } catch {
          // not an answer of ours
        }
      });
    });
    await c.subscribeAsync(RESPONSE_TOPIC, { qos: 1 });
    await c.publishAsync(DYNSEC_TOPIC, JSON.stringify({ commands: [{ command: 'disableClient', username: deviceId }] }), { qos: 1 });
    return await answer;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client?.endAsync(true).catch(() => undefined);
  }
}
