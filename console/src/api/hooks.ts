import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './client';

const asApiError = (error: unknown) =>
  error instanceof ApiError ? error : new ApiError(0, error instanceof Error ? error.message : String(error));

export interface Query<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Loads again (after a change, or to retry). */
  reload: () => void;
}

/**
 * Data a screen shows: loaded when `key` changes (say, the selected account). An answer that
 * arrives after a newer request started is dropped, so a slow old answer never wins.
 */
export function useQuery<T>(load: () => Promise<T>, key: unknown[]): Query<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const request = ++latest.current;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => request === latest.current && setState({ data, loading: false }),
      (error: unknown) => request === latest.current && setState({ error: asApiError(error), loading: false }),
    );
    // `load` is a new closure every render; `key` says when it means something else.
  }, [...key, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export interface Action<A extends unknown[], T> {
  run: (...args: A) => Promise<T | undefined>;
  pending: boolean;
  error: ApiError | undefined;
  result: T | undefined;
}

/** Something the user starts (save, send): `pending` drives the progress indicator, `error` its message. */
export function useAction<A extends unknown[], T>(perform: (...args: A) => Promise<T>): Action<A, T> {
  const [state, setState] = useState<{ pending: boolean; error?: ApiError; result?: T }>({ pending: false });
  const run = async (...args: A) => {
    setState({ pending: true });
    try {
      const result = await perform(...args);
      setState({ pending: false, result });
      return result;
    } catch (error) {
      setState({ pending: false, error: asApiError(error) });
      return undefined;
    }
  };
  return { run, pending: state.pending, error: state.error, result: state.result };
}

/**
 * Calls `refresh` every `intervalMs` while the tab is visible (live screens: the inbox, a
 * conversation), and once more when it becomes visible again.
 */
export function usePolling(refresh: () => void, intervalMs: number): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === 'visible') latest.current();
    };
    const timer = setInterval(tick, intervalMs);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [intervalMs]);
}
