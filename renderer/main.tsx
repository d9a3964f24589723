import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { installAppErrorAutomation, installAppErrorHandlers } from './ui/appErrors';
import { installRegionAutomation, RegionBoundary } from './app/RegionBoundary';
import { installAutomation } from './automation';
import { installKeyboard } from './commands/keyboard';
import { InterviewerWindow } from './interview/InterviewerWindow';
import { INTERVIEWER_PARAM } from '../shared/interview/remote';
import './app/theme.css';

// `?interviewer=<interview>`: the interviewer's window (a second tab) — no editor, no design of its
// own, no shortcuts; it talks to the candidate's window over BroadcastChannel.
const interviewerSession = new URLSearchParams(window.location.search).get(INTERVIEWER_PARAM);

// First, so an error anywhere after this reaches a toast and the log instead of vanishing.
installAppErrorHandlers();
if (interviewerSession)
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <RegionBoundary region="app" className="app-fallback">
        <InterviewerWindow sessionId={interviewerSession} />
      </RegionBoundary>
    </StrictMode>,
  );
else {
  installAutomation();
  installAppErrorAutomation();
  installRegionAutomation();
  installKeyboard();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      {/* The last resort: each region has its own boundary (App.tsx); this one catches the app's own. */}
      <RegionBoundary region="app" className="app-fallback">
        <App />
      </RegionBoundary>
    </StrictMode>,
  );
}
