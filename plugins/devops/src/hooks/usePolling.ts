import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Loads `fn` now and again every `intervalMs` while mounted, backing off
 * (doubling, up to five minutes) while it fails. Only the component using it
 * re-renders, and a refresh keeps showing the last value while it runs.
 */
export function usePolling<T>(
  fn: () => Promise<T>,
  intervalMs: number,
  deps: unknown[],
): { value?: T; error?: Error; loading: boolean } {
  const [state, setState] = useState<{
    value?: T;
    error?: Error;
    loading: boolean;
  }>({
    loading: true,
  });
  const delay = useRef(intervalMs);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const load = useCallback(fn, deps);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState({ loading: true });
    const tick = async () => {
      try {
        const value = await load();
        delay.current = intervalMs;
        if (!cancelled) {
          setState({ value, loading: false });
        }
      } catch (error) {
        delay.current = Math.min(delay.current * 2, 300_000);
        if (!cancelled) {
          setState(previous => ({
            ...previous,
            error: error as Error,
            loading: false,
          }));
        }
      }
      if (!cancelled) {
        timer = setTimeout(tick, delay.current);
      }
    };
    tick();
    return () => {
      cancelled = true;
      if (timer) {
        clearTimeout(timer);
      }
    };
  }, [load, intervalMs]);

  return state;
}
