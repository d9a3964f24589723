import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../shared/engine/index';
import { webDesign } from '../../shared/testing/designs';
import type { Design } from '../../shared/document/types';
import { formatMs, formatPercent, formatRps } from '../../shared/format';
import { buildRunReport, reasonsText, runVerdict, type RunReportInput } from './runReport';
import { buildReportHtml, escapeHtml } from './reportHtml';
import type { ReportBlock } from './report';

function headlessRun(doc: Design): RunReportInput {
  const sim = createSimulation(doc);
  sim.run();
  const results = sim.results();
  return {
    design: doc,
    results,
    latest: null,
    slowest: sim.explainSlowest(),
    charts: [
      {
        id: 'hitrate',
        title: 'Cache hit rate',
        unit: '%',
        image: null,
        emptyReason: 'No cache or CDN in this design.',
        legend: [],
      },
    ],
    designImage: null,
    run: {
      status: 'done',
      durationS: doc.scenario.durationS,
      warmupS: doc.scenario.warmupS,
      seed: doc.scenario.seed,
    },
    generatedAt: new Date(Date.UTC(2026, 0, 2, 3, 4)),
    appVersion: '0.1.0',
  };
}

const blocksOf = (input: RunReportInput, id: string): ReportBlock[] =>
  buildRunReport(input).sections.find((section) => section.id === id)!.blocks;

describe('the run report reads the run as the engine counted it', () => {
  // A killed API instance: failures, detections and a log worth reporting.
  const doc = webDesign([{ atS: 4, action: 'kill', target: 'api:0' }], 8);
  const input = headlessRun(doc);
  const { results } = input;

  it('its headline numbers are the run totals, written by the one formatter', () => {
    const report = buildRunReport(input);
    const meta = new Map(report.meta!.map((fact) => [fact.label, fact.value]));
    expect(meta.get('p99 end to end')).toBe(formatMs(results.global.latencyMs.p99));
    expect(meta.get('Throughput')).toBe(formatRps(results.global.throughputRps));
    expect(meta.get('Error rate')).toBe(formatPercent(results.global.errorRate));
    expect(meta.get('SLO verdict')).toBe(results.global.slo!.pass ? '✓ pass' : '✕ fail');
  });

  it('its verdict is the engine’s (the CLI’s), with each check named as the SLO badge names it', () => {
    const verdict = runVerdict(results, doc.slo, null, doc.scenario.warmupS);
    expect(verdict.state === 'pass').toBe(results.global.slo!.pass);
    const table = blocksOf(input, 'verdict').find((block) => block.type === 'table')!;
    expect(table.type === 'table' && table.rows.map((row) => row[1])).toEqual(
      verdict.checks.map((check) => check.text),
    );
    // p99 check text carries the measured p99 of the whole run.
    expect(verdict.checks[0].text).toContain(formatMs(results.global.latencyMs.p99));
  });

  it('has one traffic row and one load row per node, with its throughput, p99 and error reasons', () => {
    const [traffic, load] = blocksOf(input, 'nodes');
    if (traffic.type !== 'table' || load.type !== 'table') throw new Error('tables expected');
    expect(traffic.rows.map((row) => row[0])).toEqual(doc.nodes.map((n) => n.label));
    const api = results.nodes.api;
    const apiTraffic = traffic.rows[1].map((cell) => (typeof cell === 'string' ? cell : cell.text));
    expect(apiTraffic[5]).toBe(formatRps(api.throughputRps));
    expect(apiTraffic[8]).toBe(formatMs(api.latencyMs.p99));
    const apiLoad = load.rows[1].map((cell) => (typeof cell === 'string' ? cell : cell.text));
    expect(api.failed).toBeGreaterThan(0);
    expect(apiLoad[1]).toBe(formatPercent(api.failed / (api.completed + api.failed)));
    expect(apiLoad[2]).toBe(reasonsText(api.errors, api.completed + api.failed));
    // Two instances: the hottest one is named.
    expect(apiLoad[4]).toMatch(/^instance \d at /);
  });

  it('lists the event log entry by entry and the Why breakdown hop by hop', () => {
    const [log] = blocksOf(input, 'log');
    expect(log.type === 'table' && log.rows.length).toBe(results.log.length);
    expect(results.log.some((entry) => entry.type === 'kill')).toBe(true);
    const why = blocksOf(input, 'why');
    const bars = why.find((block) => block.type === 'bars');
    expect(bars && bars.type === 'bars' && bars.rows.length).toBe(
      input.slowest!.hops.filter((hop) => hop.queueingMs + hop.serviceMs + hop.networkMs > 0).length,
    );
  });

  it('says why an empty chart has no picture', () => {
    const [paragraph] = blocksOf(input, 'charts');
    expect(paragraph).toEqual({
      type: 'paragraph',
      tone: 'muted',
      text: 'Cache hit rate (%): No cache or CDN in this design.',
    });
  });

  it('escapes node labels everywhere they appear in the HTML', () => {
    const label = '<script>alert("db")</script>';
    const hostile = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'db' ? { ...n, label } : n)) };
    const html = buildReportHtml(buildRunReport(headlessRun(hostile)));
    expect(html).not.toContain('<script');
    expect(html).toContain(escapeHtml(label));
  });
});

describe('reasonsText', () => {
  it('lists reasons most frequent first with their share of departures', () => {
    expect(reasonsText({ timeout: 4, rejected: 40 }, 400)).toBe('40 rejected (10%), 4 timeout (1%)');
    expect(reasonsText({}, 10)).toBe('none');
  });
});
