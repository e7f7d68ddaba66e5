/**
 * Local Network Access: the page is served from ports Chromium is told are public
 * (`--ip-address-space-overrides`), the API from loopback.
 */
import { CROSS_SITE, defineScenarios } from '../scenario.ts';
import { acam, acao, ok, preflightOk } from './helpers.ts';

const publicPage = (secure: boolean) => ({ addressSpace: 'public' as const, secure });

export default defineScenarios('local-network', [
  {
    id: 'lna-insecure-public-page',
    title: 'An http page on a public address calls loopback',
    page: publicPage(false),
    routes: () => ({ r: ok(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'lna-insecure-public-page-xhr-preflighted',
    title: 'XHR PUT from an http public page to loopback',
    page: publicPage(false),
    routes: (e) => ({ r: { preflight: preflightOk(acao(e.pageOrigin), acam('PUT')), actual: ok(acao(e.pageOrigin)) } }),
    request: (e) => ({ via: 'xhr', url: e.at(CROSS_SITE, 'r'), method: 'PUT', body: 'x' }),
  },
  {
    id: 'lna-secure-public-page-permission',
    title: 'An https page on a public address calls loopback (permission denied in headless)',
    page: publicPage(true),
    routes: () => ({ r: ok(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r', true) }),
  },
  {
    id: 'lna-no-cors-insecure-public-page',
    title: 'no-cors from an http public page to loopback',
    page: publicPage(false),
    routes: () => ({ r: ok() }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r'), mode: 'no-cors' }),
  },
  {
    id: 'lna-target-address-space-mismatch',
    title: "fetch() declares targetAddressSpace: 'local' for a loopback server (InvalidLocalNetworkAccess)",
    targetAddressSpace: 'local',
    routes: () => ({ r: ok(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'lna-target-address-space-public-from-public-page',
    title: "An http public page declares targetAddressSpace: 'public' for a loopback server: the mismatch before InsecureLocalNetwork",
    page: publicPage(false),
    targetAddressSpace: 'public',
    routes: () => ({ r: ok(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
  {
    id: 'lna-target-address-space-match',
    title: "fetch() declares targetAddressSpace: 'loopback' for a loopback server (passes)",
    targetAddressSpace: 'loopback',
    routes: () => ({ r: ok(acao('*')) }),
    request: (e) => ({ via: 'fetch', url: e.at(CROSS_SITE, 'r') }),
  },
]);
