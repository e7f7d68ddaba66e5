/**
 * IP address spaces for Local Network Access (formerly Private Network Access): a request from a
 * less private address space to a more private one needs a secure page and the user's permission.
 * Chromium 156 names the spaces `public`, `local` (private ranges) and `loopback`.
 * Spec: https://wicg.github.io/local-network-access/; Chromium: services/network/ip_address_space_util.cc.
 */
import ipaddr from 'ipaddr.js';
import type { AddressSpace } from '../model/index.ts';

const LOCAL_RANGES = new Set(['private', 'linkLocal', 'uniqueLocal', 'carrierGradeNat']);

/** The address space of an IP address, or null when it does not parse. */
export function addressSpaceOf(ip: string | undefined): AddressSpace | null {
  if (!ip) return null;
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.process(ip.replace(/^\[|\]$/g, ''));
  } catch {
    return null;
  }
  const range = addr.range();
  if (range === 'loopback' || range === 'unspecified') return 'loopback';
  if (LOCAL_RANGES.has(range)) return 'local';
  return 'public';
}

const RANK: Record<AddressSpace, number> = { public: 0, local: 1, loopback: 2 };

/** `target` is more private than `client` (public < local < loopback). */
export function isMorePrivate(target: AddressSpace, client: AddressSpace): boolean {
  return RANK[target] > RANK[client];
}
