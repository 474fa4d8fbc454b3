// The address of the client a request comes from: the peer, unless the peer is one of the
// configured trusted proxies, then the nearest X-Forwarded-For entry that is not one of them. A
// client can put anything in X-Forwarded-For; only what a trusted proxy appended is believed.
import { BlockList, isIP } from 'node:net';
import { parseCidr } from '../domain/cidr.ts';

export class ClientAddress {
  private readonly trusted = new BlockList();
  private readonly any: boolean;

  constructor(trustedProxies: readonly string[]) {
    for (const text of trustedProxies) {
      const cidr = parseCidr(text)!;
      this.trusted.addSubnet(cidr.address, cidr.prefix, cidr.family);
    }
    this.any = trustedProxies.length > 0;
  }

  of(peer: string | undefined, forwardedFor: string | undefined): string {
    let client = normalized(peer ?? '');
    if (!this.any || !forwardedFor) return client;
    const hops = forwardedFor
      .split(',')
      .map((h) => normalized(h.trim()))
      .filter(Boolean);
    while (this.isTrusted(client) && hops.length) client = hops.pop()!;
    return client;
  }

  private isTrusted(address: string): boolean {
    const version = isIP(address);
    return version !== 0 && this.trusted.check(address, version === 4 ? 'ipv4' : 'ipv6');
  }
}

// "::ffff:10.1.2.3" (an IPv4 peer on a dual-stack socket) is 10.1.2.3.
const normalized = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
