import { createRoot } from 'react-dom/client';
import { api } from './api/endpoints';
import { App } from './app';
import { SessionProvider } from './auth/session';
import { I18nProvider } from './i18n/i18n';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
api.consoleConfig().then(
  (config) =>
    root.render(
      <I18nProvider>
        <SessionProvider config={config}>
          <App />
        </SessionProvider>
      </I18nProvider>,
    ),
  (error: Error) => root.render(<p role="alert">The console could not load its configuration: {error.message}</p>),
);
