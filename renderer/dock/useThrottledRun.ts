// One clock for the whole dock: the charts' feed and every React view of the run refresh on the
// same tick, a few times a second however fast the run goes (at 100× the run store may publish a
// hundred samples per wall second), so the badge, the numbers and the charts always agree.
import { useEffect, useRef, useState } from 'react';
import { useDockRun, type DockRunState } from './runSource';

export const DOCK_REFRESH_MS = 250;

const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

/** Calls listener on every dock tick until the returned function is called. */
export function onDockTick(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => listeners.forEach((call) => call()), DOCK_REFRESH_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) =>
    Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** A view of the run that re-renders only on dock ticks, and only when what it selects changed. */
export function useThrottledRun<T>(select: (state: DockRunState) => T): T {
  const selectRef = useRef(select);
  useEffect(() => {
    selectRef.current = select;
  });
  const [value, setValue] = useState(() => select(useDockRun.getState()));
  useEffect(
    () =>
      onDockTick(() => {
        const next = selectRef.current(useDockRun.getState());
        setValue((previous) => (shallowEqual(previous, next) ? previous : next));
      }),
    [],
  );
  return value;
}
