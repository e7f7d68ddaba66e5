/**
 * The URLs capture listens to. webRequest only reports requests to hosts the extension may access,
 * and capture never looks past http(s), so the manifest's host_permissions ask for exactly these.
 */
export const CAPTURE_URLS = ['http://*/*', 'https://*/*'];
