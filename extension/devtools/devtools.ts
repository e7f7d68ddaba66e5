// Registers the CORS panel in DevTools. Its title is also its id in DevToolsAPI.showPanel.
import browser from 'webextension-polyfill';

export const PANEL_TITLE = 'CORS';

void browser.devtools.panels.create(PANEL_TITLE, '/icons/icon-32.png', '/extension/panel/panel.html');
