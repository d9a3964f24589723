// React views of the run that re-render at most a few times a second, however fast the run goes
// (at 100× the run store may publish a hundred samples per wall second).
import { useEffect, useRef, useState } from 'react';
import { useDockRun, type DockRunState } from './runSource';

export const DOCK_REFRESH_MS = 250;

export function useThrottledRun<T>(select: (state: DockRunState) => T, intervalMs = DOCK_REFRESH_MS): T {
  const selectRef = useRef(select);
  useEffect(() => {
    selectRef.current = select;
  });
  const [value, setValue] = useState(() => select(useDockRun.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      setValue(() => selectRef.current(useDockRun.getState()));
    };
    flush();
    const unsubscribe = useDockRun.subscribe(() => {
      if (timer === null) timer = setTimeout(flush, intervalMs);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [intervalMs]);
  return value;
}
