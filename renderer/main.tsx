import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { installAutomation } from './automation';
import { installKeyboard } from './commands/keyboard';
import './app/theme.css';

installAutomation();
installKeyboard();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
