// The handler for `run.record` (descriptor in shared/commands/reportCommandDescriptors.ts): starts
// a recording of the canvas and dock, or stops and saves the one under way.
import { registerCommands } from '../commands/registry';
import { refreshCommandState } from '../commands/useCommandState';
import { toggleRecording } from './recorder';
import { useRecordingStore } from './recordingStore';

export function registerRecordingCommands(): () => void {
  const unregister = registerCommands({
    'run.record': {
      run: () => toggleRecording(),
      // While the video is being handed over, another press must not start a new one.
      enabled: () => useRecordingStore.getState().status !== 'saving',
    },
  });
  const unsubscribe = useRecordingStore.subscribe((state, before) => {
    if (state.status !== before.status) refreshCommandState();
  });
  return () => {
    unregister();
    unsubscribe();
  };
}
