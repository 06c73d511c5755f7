/** Data hooks: polling the API while a page is shown. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

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

/** Poll interval for a fleet of `lights` (10,000 lights: 15 s). */
export const pollSeconds = (lights: number): number => (lights > 2000 ? 15 : 3);
