// The SLO badge judges the whole run so far (after warm-up), as the CLI does, not the last second:
// a failover that dropped 5% of requests is a failed run even after the database recovered.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { createSimulation } from '../shared/engine/index';
import type { Design } from '../shared/document/types';
import { openDock, startRun, waitForSimTime } from './dock-helpers';

const failoverLab = JSON.parse(readFileSync('assets/templates/failover-lab.bpd', 'utf8')) as Design;

test('failover lab: after the kill and the recovery the badge says "SLO fail" naming errors, as the CLI does', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // The CLI's verdict for the same design and seed (the same engine the CLI runs).
  const cli = createSimulation(failoverLab);
  cli.run();
  const cliSlo = cli.results().global.slo!;
  expect(cliSlo.pass).toBe(false);

  await openDock(page, failoverLab);
  await startRun(page, 20);
  const badge = page.getByTestId('slo-badge');
  // Past the restart at 40 s: the database is back, the current second is healthy again.
  await waitForSimTime(page, 50_000, 60_000);
  await expect(badge).toHaveAttribute('data-state', 'fail');
  await expect(badge).toContainText(/SLO fail.*errors [\d.]+% > 1%/);
  await expect(page.getByTestId('slo-now')).toContainText('now: ok');
});
