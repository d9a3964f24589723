// Binds `analysis.sweep`: opens the sweep panel on the open design, the form filled with the first
// client's load from a quarter to twice its value (the previous form while a sweep runs).
import { registerCommands } from '../commands/registry';
import { useDesignStore } from '../store/designStore';
import { defaultRange, defaultSweepParam, sweepableParams } from './sweepModel';
import { openSweepPanel, useSweepStore } from './sweepStore';

/** Points, seeds and seconds a first sweep uses: quick enough to watch live in an interview. */
export const SWEEP_DEFAULTS = { steps: 10, seeds: 1, maxDurationS: 30 };

export function registerSweepCommands(): () => void {
  return registerCommands({
    'analysis.sweep': {
      run: () => {
        const design = useDesignStore.getState().design;
        const { form } = useSweepStore.getState();
        const params = sweepableParams(design);
        const known = form && params.some((param) => param.path === form.param);
        if (known) return openSweepPanel(form);
        const param = defaultSweepParam(design, params);
        if (!param) return;
        const range = defaultRange(param);
        openSweepPanel({
          param: param.path,
          from: String(range.from),
          to: String(range.to),
          steps: String(SWEEP_DEFAULTS.steps),
          seeds: String(SWEEP_DEFAULTS.seeds),
          durationS: String(Math.min(design.scenario.durationS, SWEEP_DEFAULTS.maxDurationS)),
        });
      },
      enabled: () => useDesignStore.getState().design.nodes.length > 0,
    },
  });
}
