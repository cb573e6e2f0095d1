import ipaddr from 'ipaddr.js';

/**
 * Which addresses a server-side fetch of a user's URL may connect to: public unicast only. Loopback,
 * private, link-local (cloud metadata at 169.254.169.254), unique-local, CGNAT, multicast, unspecified,
 * reserved, and every IPv6 form that embeds an IPv4 address (mapped, NAT64, 6to4, Teredo) are refused,
 * unless an operator explicitly allows a range (tests, intranet deployments).
 */
export interface AddressPolicy {
  allows(address: string): boolean;
}

export function addressPolicy(allowedCidrs: readonly string[] = []): AddressPolicy {
  const allowed = allowedCidrs.map((cidr) => (cidr.includes('/') ? ipaddr.parseCIDR(cidr) : cidrOfOne(cidr)));
  return {
    allows(address) {
      if (!ipaddr.isValid(address)) return false;
      const parsed = ipaddr.parse(address);
      if (allowed.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits))) return true;
      return parsed.range() === 'unicast';
    },
  };
}

function cidrOfOne(address: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  const parsed = ipaddr.parse(address);
  return [parsed, parsed.kind() === 'ipv4' ? 32 : 128];
}
