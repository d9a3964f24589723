import { describe, expect, it } from 'vitest';
import { cardKindLine } from './cardText';

describe('the kind line under a card label', () => {
  it('is left out when it would repeat the label', () => {
    expect(cardKindLine({ kind: 'service', label: 'Service', params: {} })).toBe('');
    expect(cardKindLine({ kind: 'service', label: 'Service 2', params: {} })).toBe('');
    expect(cardKindLine({ kind: 'cache', label: 'Cache', params: {} })).toBe('');
  });
  it('is shown when the label differs from the kind or there is scale to show', () => {
    expect(cardKindLine({ kind: 'service', label: 'Checkout API', params: {} })).toBe('Service');
    expect(cardKindLine({ kind: 'service', label: 'Service', params: { instances: 3 } })).toBe('Service ×3');
    expect(cardKindLine({ kind: 'database', label: 'Database', params: { replicas: 2 } })).toBe(
      'Database · 2 replicas',
    );
  });
});
