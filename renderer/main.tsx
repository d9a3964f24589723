import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { installAppErrorAutomation, installAppErrorHandlers } from './ui/appErrors';
import { installRegionAutomation, RegionBoundary } from './app/RegionBoundary';
import { installAutomation } from './automation';
import { installKeyboard } from './commands/keyboard';
import './app/theme.css';

// First, so an error anywhere after this reaches a toast and the log instead of vanishing.
installAppErrorHandlers();
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
