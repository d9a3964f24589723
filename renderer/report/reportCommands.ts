// Handlers for the run report commands (descriptors in shared/commands/reportCommandDescriptors.ts):
// available once a run of this document exists (Run, Step or a chaos action).
import { registerCommands } from '../commands/registry';
import { refreshCommandState } from '../commands/useCommandState';
import { useRunStore } from '../run/runStore';
import { exportRunReport, hasRunToReport } from './exportRunReport';

export function registerReportCommands(): () => void {
  const unregister = registerCommands({
    'file.exportReport': {
      run: () => exportRunReport('html').then(() => undefined),
      enabled: hasRunToReport,
    },
    'file.exportReportPdf': {
      run: () => exportRunReport('pdf').then(() => undefined),
      enabled: hasRunToReport,
    },
  });
  let previous = hasRunToReport();
  const unsubscribe = useRunStore.subscribe(() => {
    const next = hasRunToReport();
    if (next !== previous) {
      previous = next;
      refreshCommandState();
    }
  });
  return () => {
    unregister();
    unsubscribe();
  };
}
