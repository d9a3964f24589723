import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';

const html = readFileSync(new URL('../renderer/index.html', import.meta.url), 'utf8');
const metaPolicy = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1];
const directives = (policy: string) =>
  new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name, sources]),
  );

describe('Content-Security-Policy', () => {
  it('is the same in the Electron header and in the meta tag the browser build gets', () => {
    expect(metaPolicy).toBe(CONTENT_SECURITY_POLICY);
  });

  it('allows scripts and workers from the app only, no inline or eval code, no plugins or frames', () => {
    const policy = directives(CONTENT_SECURITY_POLICY);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('worker-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|https?:/);
    // Styles too come from the app only: nothing needs 'unsafe-inline' (e2e/security-csp.spec.ts).
    expect(policy.get('style-src')).toEqual(["'self'"]);
  });
});
