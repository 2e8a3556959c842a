function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

/** Whether `candidate` lies in the network `address`/`prefix` (both dotted IPv4). */
export function ipv4InSubnet(candidate: string, address: string, prefix: number): boolean {
  const size = 2 ** (32 - prefix);
  return Math.floor(ipv4ToNumber(candidate) / size) === Math.floor(ipv4ToNumber(address) / size);
}

/** Dotted netmask for a prefix length, as kickstart's `network --netmask` wants it. */
export function ipv4Netmask(prefix: number): string {
  const mask = 2 ** 32 - 2 ** (32 - prefix);
  return [24, 16, 8, 0].map((shift) => Math.floor(mask / 2 ** shift) % 256).join('.');
}
