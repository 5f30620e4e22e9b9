// What `--trust-proxy` takes: an IP address, or a CIDR range of them (fastify's proxy-addr reads both).
import { isIP } from 'node:net';

/** Whether the text is an IPv4/IPv6 address or a CIDR range such as `10.0.0.0/8` or `fd00::/8`. */
export function isAddressOrRange(text: string): boolean {
  const [address = '', prefix, ...more] = text.split('/');
  const family = isIP(address);
  if (family === 0 || more.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
