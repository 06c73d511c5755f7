import mqtt from 'mqtt';

/**
 * Clears retained messages (an empty retained payload deletes them [MQTT-3.3.1-10]), so a test leaves a
 * shared broker as it found it.
 */
export async function clearRetained(url: string, topics: string[]): Promise<void> {
  const client = await mqtt.connectAsync(url, { clean: true, reconnectPeriod: 0 });
  try {
    for (const topic of topics) await client.publishAsync(topic, '', { qos: 1, retain: true });
  } finally {
    await client.endAsync();
  }
}
