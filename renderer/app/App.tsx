// The window: toolbar (top), palette (left), canvas (centre), inspector (right), run dock (bottom),
// status line. Panels collapse through commands and their own buttons; the canvas takes the rest.
// Other features mount their UI here with one line each. Each region sits in its own error
// boundary (RegionBoundary): a render error there shows a fallback with Retry in its place, the
// rest keeps working. What outlives every region (commands, the live run, the file flows and
// autosave) is installed here, outside the boundaries.
import { useEffect, useLayoutEffect } from 'react';
import { registerCommands } from '../commands/registry';
import { useDesignStore } from '../store/designStore';
import { useUiStore } from '../store/uiStore';
import { Toolbar } from '../panels/Toolbar';
import { RunControls, useLiveRun } from '../run/RunControls';
import { Palette } from '../panels/Palette';
import { Inspector } from '../panels/Inspector';
import { CommandPalette } from '../panels/CommandPalette';
import { ShortcutSheet } from '../panels/ShortcutSheet';
import { Dock } from './Dock';
import { RunMetrics } from '../dock/RunMetrics';
import { StatusBar } from './StatusBar';
import { Toast } from './Toast';
import { closeAskDialog, DialogHost } from '../ui/Dialog';
import { FileDialogs, FileFlows } from '../files/FileFlows';
import { useFilesStore } from '../files/filesStore';
import { RegionBoundary } from './RegionBoundary';
import { DesignCanvas } from '../canvas/DesignCanvas';
import { registerReportCommands } from '../report/reportCommands';
import { registerRecordingCommands } from '../recording/recordingCommands';
import { RecordingIndicator } from '../recording/RecordingIndicator';
import { useResolvedTheme } from '../ui/themeColors';
import { SweepPanel } from '../sweep/SweepPanel';
import { registerSweepCommands } from '../sweep/sweepCommands';
import { ComparePanel } from '../compare/ComparePanel';
import { registerCompareCommands } from '../compare/compareCommands';
import { ReplicationsPanel } from '../dock/ReplicationsPanel';
import { registerReplicationCommands } from '../dock/replications';
import { PresentationBar } from '../presentation/PresentationBar';
import { usePresentation } from '../store/presentationStore';
import { restoreUiPreferences, saveUiPreferencesOnChange } from '../store/uiPreferences';
import { registerPresentationCommands } from '../presentation/presentationCommands';
import { installPresentationLayer } from '../presentation/presentationLayer';
import { InterviewBar } from '../interview/InterviewBar';
import { StartInterviewDialog } from '../interview/StartInterviewDialog';
import { registerInterviewCommands } from '../interview/interviewCommands';
import { installInterviewClock } from '../interview/interviewStore';
import { installInterviewerLink } from '../interview/interviewerLink';
import '../interview/interview.css';
import { LabPlayer } from '../labs/LabPlayer';
import { LabGallery, StartScreenLabs } from '../labs/LabGallery';
import { registerLabCommands } from '../labs/labCommands';
import { installPanelsAutomation, registerAppCommands } from './appCommands';

/** A dialog that keeps failing can be closed from its fallback: close every dialog there is. */
function closeDialogs(): void {
  useUiStore.getState().setOverlay(null);
  closeAskDialog();
  useFilesStore.setState({ startScreen: false, problems: null });
}

export function App() {
  useEffect(
    () =>
      registerCommands({
        'edit.undo': {
          run: () => useDesignStore.getState().undo(),
          enabled: () => useDesignStore.getState().past.length > 0,
        },
        'edit.redo': {
          run: () => useDesignStore.getState().redo(),
          enabled: () => useDesignStore.getState().future.length > 0,
        },
      }),
    [],
  );
  useEffect(() => registerAppCommands(), []);
  useEffect(() => registerSweepCommands(), []);
  useEffect(() => registerCompareCommands(), []);
  useEffect(() => registerReplicationCommands(), []);
  useEffect(() => installPanelsAutomation(), []);
  useEffect(() => registerReportCommands(), []);
  useEffect(() => registerRecordingCommands(), []);
  useEffect(() => registerPresentationCommands(), []);
  useEffect(() => installPresentationLayer(), []);
  useEffect(() => registerInterviewCommands(), []);
  useEffect(() => installInterviewClock(), []);
  useEffect(() => registerLabCommands(), []);
  useEffect(() => installInterviewerLink(), []);
  useLiveRun();
  // Before first paint, so a dark-theme user never sees a light flash.
  useLayoutEffect(() => {
    restoreUiPreferences();
    return saveUiPreferencesOnChange();
  }, []);

  const theme = useResolvedTheme();
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const highContrast = useUiStore((state) => state.highContrast);
  useLayoutEffect(() => {
    if (highContrast) document.documentElement.dataset.contrast = 'high';
    else delete document.documentElement.dataset.contrast;
  }, [highContrast]);

  const panels = useUiStore((state) => state.panels);
  const overlay = useUiStore((state) => state.overlay);
  const togglePanel = useUiStore((state) => state.togglePanel);
  // Presenting hides the toolbar, palette and inspector (their saved layout is untouched); a slim
  // presentation bar with the run controls takes the toolbar's place.
  const presenting = usePresentation((state) => state.presenting);
  const laser = usePresentation((state) => state.tool === 'laser');

  return (
    <div className="app" data-presenting={presenting || undefined} data-laser={laser || undefined}>
      {presenting ? (
        <RegionBoundary region="toolbar" className="presentation-bar">
          <PresentationBar>
            <RunControls />
          </PresentationBar>
        </RegionBoundary>
      ) : (
        <RegionBoundary region="toolbar" className="toolbar">
          <Toolbar>
            <RunControls />
          </Toolbar>
        </RegionBoundary>
      )}
      <RegionBoundary region="interview">
        <InterviewBar />
      </RegionBoundary>
      {/* The lab player spans the workspace and the dock: its caption needs the height. */}
      <div className="work-row">
        <div className="work-column">
          <div className="workspace">
            {panels.palette && !presenting && (
              <RegionBoundary region="palette" className="panel palette">
                <Palette onCollapse={() => togglePanel('palette')} />
              </RegionBoundary>
            )}
            <main className="canvas-area">
              <RegionBoundary region="canvas">
                <DesignCanvas />
              </RegionBoundary>
            </main>
            {panels.inspector && !presenting && (
              <RegionBoundary region="inspector" className="panel inspector">
                <Inspector onCollapse={() => togglePanel('inspector')} />
              </RegionBoundary>
            )}
          </div>
          {panels.dock && (
            <RegionBoundary region="dock" className="dock">
              <Dock onCollapse={() => togglePanel('dock')}>
                <RunMetrics />
              </Dock>
            </RegionBoundary>
          )}
        </div>
        <RegionBoundary region="lab">
          <LabPlayer />
        </RegionBoundary>
      </div>
      <RegionBoundary region="status" className="status-bar">
        <StatusBar />
      </RegionBoundary>
      <FileFlows />
      <RegionBoundary region="dialogs" onClose={closeDialogs}>
        {overlay === 'commandPalette' && <CommandPalette />}
        {overlay === 'shortcuts' && <ShortcutSheet />}
        <FileDialogs startScreenExtra={<StartScreenLabs />} />
        <LabGallery />
        <SweepPanel />
        <ComparePanel />
        <ReplicationsPanel />
        <StartInterviewDialog />
        <DialogHost />
      </RegionBoundary>
      <RecordingIndicator />
      <Toast />
    </div>
  );
}
