/** Data hooks: polling the API while a page is shown. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { get, hasRoute, tp, type Alarm, type Device } from './api.js';

export function usePoll<T>(load: (() => Promise<T>) | null, everyMs: number, deps: unknown[]): { data: T | undefined; error: Error | undefined; reload: () => void } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((x) => x + 1), []);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async (): Promise<void> => {
      if (!loadRef.current) return;
      try {
        const v = await loadRef.current();
        if (alive) { setData(v); setError(undefined); }
      } catch (e) {
        if (alive) setError(e as Error);
      }
      if (alive && everyMs > 0) timer = setTimeout(() => void run(), document.hidden ? everyMs * 4 : everyMs);
    };
    void run();
    return () => { alive = false; if (timer) clearTimeout(timer); };
  }, [...deps, tick, everyMs]);
  return { data, error, reload };
}

/** Devices of a tenant and the ids with an open alarm. Poll interval grows with the fleet (10,000 lights: 15 s). */
export function useFleet(tenant: string): { devices: Device[] | undefined; faulty: Set<string>; error: Error | undefined; reload: () => void; everyS: number } {
  const [size, setSize] = useState(0);
  const everyS = size > 2000 ? 15 : 3;
  const { data, error, reload } = usePoll(async () => {
    const [devices, alarms] = await Promise.all([
      get<Device[]>(tp(tenant, '/devices')),
      hasRoute('/api/tenants/{tenant}/alarms').then((ok) => (ok ? get<{ alarms: Alarm[] }>(tp(tenant, '/alarms?state=open&limit=1000')).catch(() => ({ alarms: [] })) : { alarms: [] as Alarm[] })),
    ]);
    return { devices, faulty: new Set(alarms.alarms.map((a) => a.deviceId)) };
  }, everyS * 1000, [tenant]);
  useEffect(() => { if (data) setSize(data.devices.length); }, [data]);
  return { devices: data?.devices, faulty: data?.faulty ?? new Set(), error, reload, everyS };
}
