/**
 * The address space of the server a hop reached, for Local Network Access: from the IP the capture
 * reports, else from the URL when its host says it alone (an IP literal, or localhost, which
 * Chromium resolves to loopback). Chromium 156 reports no IP on onErrorOccurred for a request it
 * refused with net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS, so the URL is often all there is.
 */
import { addressSpaceOf } from '../fetch/address-space.ts';
import type { AddressSpace } from '../model/exchange.ts';

export function serverAddressSpace(ip: string | undefined, url: string): AddressSpace | null {
  const fromIp = addressSpaceOf(ip);
  if (fromIp) return fromIp;
  if (!URL.canParse(url)) return null;
  const host = new URL(url).hostname;
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  return /^[\d.]+$|^\[.*\]$/.test(host) ? addressSpaceOf(host) : null;
}
