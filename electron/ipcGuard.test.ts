import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { emptyDesign } from '../shared/document/types';
import {
  designPayload,
  draftIdPayload,
  draftPayload,
  exportFilePayload,
  fileRefPayload,
  isAllowedExternalUrl,
  pngPayload,
  reportHtmlPayload,
  templateNamePayload,
} from '../shared/platform/payloads';
import { isInterviewerWindowUrl, isTrustedSenderFacts, parseIpcArguments } from './ipcGuard';

const APP = 'app://bundle';
const ours = { fromOurWindow: true, topFrame: true, frameUrl: 'app://bundle/index.html' };

describe('IPC sender check', () => {
  it("accepts only our window's top frame showing the app", () => {
    expect(isTrustedSenderFacts(ours, APP)).toBe(true);
    expect(isTrustedSenderFacts({ ...ours, fromOurWindow: false }, APP)).toBe(false);
    expect(isTrustedSenderFacts({ ...ours, topFrame: false }, APP)).toBe(false);
    expect(isTrustedSenderFacts({ ...ours, topFrame: null, frameUrl: null }, APP)).toBe(false);
    expect(isTrustedSenderFacts({ ...ours, frameUrl: 'https://example.com/' }, APP)).toBe(false);
    expect(isTrustedSenderFacts({ ...ours, frameUrl: 'app://bundle.evil/x' }, APP)).toBe(false);
    expect(isTrustedSenderFacts({ ...ours, frameUrl: 'file:///etc/index.html' }, APP)).toBe(false);
  });

  it('accepts the dev server only when it is the configured one', () => {
    const dev = { ...ours, frameUrl: 'http://localhost:5178/index.html' };
    expect(isTrustedSenderFacts(dev, APP)).toBe(false);
    expect(isTrustedSenderFacts(dev, APP, 'http://localhost:5178/')).toBe(true);
    expect(isTrustedSenderFacts(dev, APP, 'http://localhost:9999/')).toBe(false);
  });
});

describe('IPC payload check', () => {
  it('passes the parsed values on', () => {
    const [design, file] = parseIpcArguments(
      'design:save',
      [designPayload, fileRefPayload.nullable()],
      [emptyDesign('Checkout'), { path: '/d/checkout.bpd', name: 'checkout.bpd' }],
    );
    expect(design.meta.title).toBe('Checkout');
    expect(file).toEqual({ path: '/d/checkout.bpd', name: 'checkout.bpd' });
  });

  it('refuses a document with the same problems a file open reports', () => {
    const broken = emptyDesign() as any;
    broken.nodes = [{ id: 'a', kind: 'service', label: 'A', x: 0, y: 0, params: { workers: 0 } }];
    expect(() => parseIpcArguments('design:save', [designPayload], [broken])).toThrow(
      'design:save: argument 1: nodes[0].params.workers: must be an integer ≥ 1',
    );
  });

  it('refuses extra arguments, wrong types and missing arguments', () => {
    expect(() => parseIpcArguments('recent:list', [], ['/etc/passwd'])).toThrow(
      'recent:list: expected 0 argument(s), got 1',
    );
    expect(() => parseIpcArguments('recent:remove', [z.string().min(1)], [42])).toThrow(
      /^recent:remove: argument 1:/,
    );
    expect(() => parseIpcArguments('recent:remove', [z.string().min(1)], [])).toThrow(/argument 1/);
  });

  it('refuses draft ids and template names that could leave their folder', () => {
    for (const id of ['../../etc/passwd', 'a/b', '', 'x'.repeat(65)])
      expect(draftIdPayload.safeParse(id).success, id).toBe(false);
    expect(draftIdPayload.safeParse('3f1c-session_2').success).toBe(true);
    for (const name of ['../secret.bpd', '/abs.bpd', 'a/b.bpd', 'notes.txt', '.hidden.bpd'])
      expect(templateNamePayload.safeParse(name).success, name).toBe(false);
    expect(templateNamePayload.safeParse('three-tier.bpd').success).toBe(true);
  });

  it('validates the design inside a draft', () => {
    const draft = { id: 'd1', savedAt: 1, file: null, design: { ...emptyDesign(), version: 99 } };
    const result = draftPayload.safeParse(draft);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(/newer version of Backpressure/);
  });

  it('accepts only PNG bytes for an image export', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
    expect(pngPayload.safeParse(png).success).toBe(true);
    expect(pngPayload.safeParse(new TextEncoder().encode('<svg>not a png</svg>')).success).toBe(false);
    expect(pngPayload.safeParse('iVBORw0KGgo=').success).toBe(false);
  });

  it('accepts an exported file only when its content is what its format says', () => {
    const webm = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86]);
    const ok = (format: string, data: unknown) => exportFilePayload.safeParse({ format, data }).success;
    expect(ok('svg', '<svg xmlns="http://www.w3.org/2000/svg"></svg>')).toBe(true);
    expect(ok('svg', '<?xml version="1.0"?>\n<svg></svg>')).toBe(true);
    expect(ok('html', '<!doctype html><html></html>')).toBe(true);
    expect(ok('webm', webm)).toBe(true);
    // Wrong content for the name it would be saved under, or an unknown format.
    expect(ok('svg', '<script>alert(1)</script>')).toBe(false);
    expect(ok('html', '#!/bin/sh\nrm -rf ~')).toBe(false);
    expect(ok('webm', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0]))).toBe(false);
    expect(ok('webm', '1A45DFA3')).toBe(false);
    expect(ok('exe', webm)).toBe(false);
    expect(reportHtmlPayload.safeParse('<!DOCTYPE html><p>report').success).toBe(true);
    expect(reportHtmlPayload.safeParse('<p>not a document').success).toBe(false);
  });

  it('opens only https links to allowlisted hosts', () => {
    expect(isAllowedExternalUrl('https://github.com/backpressure')).toBe(true);
    for (const url of [
      'http://github.com/',
      'https://github.com.evil.example/',
      'https://evil.example/?https://github.com/',
      'https://user@github.com/',
      'https://github.com:444/',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ])
      expect(isAllowedExternalUrl(url), url).toBe(false);
  });
});

describe('isInterviewerWindowUrl: the one window.open the app allows', () => {
  const origin = 'app://bundle';
  it('allows the app page with only ?interviewer=<interview id>', () => {
    expect(isInterviewerWindowUrl('app://bundle/index.html?interviewer=interview-mihx2k', origin)).toBe(true);
    expect(
      isInterviewerWindowUrl('http://localhost:5173/?interviewer=iv1', origin, 'http://localhost:5173/'),
    ).toBe(true);
  });
  it('refuses other pages, other parameters and anything else', () => {
    for (const url of [
      'https://example.com/?interviewer=iv1',
      'app://bundle/index.html',
      'app://bundle/index.html?automation=1',
      'app://bundle/index.html?interviewer=iv1&automation=1',
      'app://bundle/index.html?interviewer=iv1#x',
      'app://bundle/index.html?interviewer=',
      'app://bundle/index.html?interviewer=%3Cscript%3E',
    ])
      expect(isInterviewerWindowUrl(url, origin)).toBe(false);
  });
});
