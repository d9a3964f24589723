/// <reference types="vite/client" />
// Every lab in assets/labs passes headless: parsed by parseLab and run by runLab at its seed, each
// step's check holds. A change to the engine that breaks a lesson's claim fails here.
import { describe, expect, it } from 'vitest';
import { parseLab } from './schema';
import { runLab } from './runLab';

const labTexts = import.meta.glob('../../assets/labs/*.bplab', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const templateTexts = import.meta.glob('../../assets/templates/*.bpd', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const stem = (path: string) => path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
const templates = new Map(Object.entries(templateTexts).map(([path, text]) => [stem(path), text]));

describe('assets/labs', () => {
  it('has labs', () => {
    expect(Object.keys(labTexts).length).toBeGreaterThan(0);
  });

  for (const [path, text] of Object.entries(labTexts)) {
    it(`${stem(path)}: every step passes headless`, () => {
      const parsed = parseLab(text, (name) => templates.get(name));
      if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
      expect(parsed.lab.id).toBe(stem(path));
      const result = runLab(parsed.lab, parsed.design!);
      const failed = result.steps.filter((step) => step.state !== 'pass');
      expect(failed.map((step) => `${step.id}: ${step.detail}`)).toEqual([]);
    }, 120_000);
  }
});
