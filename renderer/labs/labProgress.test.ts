import { describe, expect, it } from 'vitest';
import {
  cleanProgress,
  doneStepCount,
  PROGRESS_KEY,
  readProgress,
  withStepDone,
  writeProgress,
} from './labProgress';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('lab progress', () => {
  it('round-trips done steps per lab through storage', () => {
    const storage = memoryStorage();
    writeProgress(withStepDone(withStepDone({}, 'caching', 'warm'), 'caching', 'ttl'), storage);
    expect(readProgress(storage)).toEqual({ caching: ['warm', 'ttl'] });
  });

  it('counts a step done twice once', () => {
    const once = withStepDone({}, 'lab', 'a');
    expect(withStepDone(once, 'lab', 'a')).toBe(once);
  });

  it('drops broken entries instead of failing: not JSON, wrong shapes, non-string ids', () => {
    expect(readProgress(memoryStorage({ [PROGRESS_KEY]: '{oops' }))).toEqual({});
    expect(cleanProgress([1, 2])).toEqual({});
    expect(cleanProgress({ a: 'x', b: ['s1', 3, 's1'], c: [] })).toEqual({ b: ['s1'] });
  });

  it('counts only steps the lab still has', () => {
    expect(doneStepCount({ lab: ['a', 'gone', 'c'] }, 'lab', ['a', 'b', 'c'])).toBe(2);
    expect(doneStepCount({}, 'lab', ['a'])).toBe(0);
  });
});
