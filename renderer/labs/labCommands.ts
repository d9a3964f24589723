// Binds the labs.* commands (declared in shared/commands/labCommandDescriptors.ts) and installs
// the live check and the canvas highlights; adds the lab to the automation API for tests.
import { extendAutomation } from '../automation';
import { registerCommands } from '../commands/registry';
import { refreshCommandState } from '../commands/useCommandState';
import { useFilesStore } from '../files/filesStore';
import { installLabChecks } from './labChecks';
import { installLabHighlights, labHighlightState } from './labHighlights';
import { closeLab, nextStep, previousStep } from './labSession';
import { currentStep, useLabStore } from './labStore';

export function registerLabCommands(): () => void {
  const lab = () => useLabStore.getState();
  const unregister = registerCommands({
    'labs.open': {
      run: () => {
        useFilesStore.setState({ startScreen: false });
        useLabStore.setState({ galleryOpen: true });
      },
    },
    'labs.nextStep': {
      run: nextStep,
      enabled: () => Boolean(lab().open && lab().stepIndex < lab().open!.lab.steps.length - 1),
    },
    'labs.previousStep': { run: previousStep, enabled: () => Boolean(lab().open && lab().stepIndex > 0) },
    'labs.close': { run: closeLab, enabled: () => Boolean(lab().open) },
  });
  const unsubscribe = useLabStore.subscribe((state, before) => {
    if (state.open !== before.open || state.stepIndex !== before.stepIndex) refreshCommandState();
  });
  const uninstallChecks = installLabChecks();
  const uninstallHighlights = installLabHighlights();
  extendAutomation({
    lab: () => {
      const state = lab();
      return {
        id: state.open?.lab.id ?? null,
        stepIndex: state.stepIndex,
        stepId: currentStep(state)?.id ?? null,
        check: state.check,
        progress: state.progress,
        highlighted: labHighlightState().nodes,
      };
    },
  });
  return () => {
    unregister();
    unsubscribe();
    uninstallChecks();
    uninstallHighlights();
  };
}
