/**
 * Hostile values for every input that can reach a host command, a kickstart, a file path, a log
 * line or a CSV cell. Send each through the input, then assert on what came out the other side
 * (host-sim's recorded argv, the rendered kickstart, the file written): either the value was
 * refused with a validation error, or it arrives intact as ONE argument / ONE quoted string and
 * nothing else changed.
 */
export interface InjectionCase {
  category: 'shell' | 'newline' | 'quote' | 'unicode' | 'path' | 'option' | 'template' | 'oversized' | 'control';
  name: string;
  value: string;
}

const CASES: InjectionCase[] = [
  { category: 'shell', name: 'command substitution', value: '$(touch /tmp/pwned)' },
  { category: 'shell', name: 'backticks', value: '`id`' },
  { category: 'shell', name: 'semicolon', value: 'a; rm -rf /' },
  { category: 'shell', name: 'and-and', value: 'a && reboot' },
  { category: 'shell', name: 'pipe', value: 'a | nc 127.0.0.1 9' },
  { category: 'shell', name: 'redirect', value: 'a > /etc/passwd' },
  { category: 'shell', name: 'background', value: 'a & sleep 100' },
  { category: 'shell', name: 'variable', value: '${IFS}cat${IFS}/etc/shadow' },
  { category: 'shell', name: 'glob', value: '*' },
  { category: 'shell', name: 'brace expansion', value: '{a,b}' },
  { category: 'shell', name: 'tilde', value: '~root' },
  { category: 'shell', name: 'history', value: '!!' },
  { category: 'newline', name: 'newline', value: 'a\nreboot' },
  { category: 'newline', name: 'carriage return', value: 'a\rreboot' },
  { category: 'newline', name: 'CRLF header', value: 'a\r\nX-Injected: 1' },
  { category: 'quote', name: 'single quote', value: "a'b" },
  { category: 'quote', name: 'single quote escape', value: "'; reboot; '" },
  { category: 'quote', name: 'double quote', value: 'a"b' },
  { category: 'quote', name: 'double quote escape', value: '"; reboot; "' },
  { category: 'quote', name: 'backslash', value: 'a\\' },
  { category: 'unicode', name: 'right-to-left override', value: 'a\u202Eb' },
  { category: 'unicode', name: 'zero-width space', value: 'adm\u200Bin' },
  { category: 'unicode', name: 'homoglyph', value: '\u0430dmin' },
  { category: 'unicode', name: 'fullwidth semicolon', value: 'a\uFF1Breboot' },
  { category: 'unicode', name: 'emoji', value: 'host-\u{1F4A5}' },
  { category: 'unicode', name: 'combining', value: 'e\u0301' },
  { category: 'control', name: 'NUL', value: 'a\u0000b' },
  { category: 'control', name: 'escape sequence', value: 'a\u001b[2Jb' },
  { category: 'control', name: 'tab', value: 'a\tb' },
  { category: 'path', name: 'parent traversal', value: '../../etc/passwd' },
  { category: 'path', name: 'absolute path', value: '/etc/shadow' },
  { category: 'path', name: 'encoded traversal', value: '..%2f..%2fetc%2fpasswd' },
  { category: 'path', name: 'backslash traversal', value: '..\\..\\windows' },
  { category: 'path', name: 'dot', value: '.' },
  { category: 'path', name: 'dot dot', value: '..' },
  { category: 'path', name: 'trailing slash', value: 'name/' },
  { category: 'option', name: 'leading dash', value: '-oProxyCommand=sh -c reboot' },
  { category: 'option', name: 'double dash', value: '--help' },
  { category: 'template', name: 'kickstart section', value: 'a\n%pre\nreboot\n%end' },
  { category: 'template', name: 'kickstart command', value: 'x --bootproto=dhcp\nrootpw --plaintext p' },
  { category: 'template', name: 'percent format', value: '%s%s%n' },
  { category: 'template', name: 'handlebars', value: '{{constructor}}' },
  { category: 'template', name: 'spreadsheet formula', value: '=cmd|" /C calc"!A0' },
  { category: 'oversized', name: '64 KiB', value: 'a'.repeat(64 * 1024) },
  { category: 'oversized', name: 'empty', value: '' },
  { category: 'oversized', name: 'whitespace only', value: '   ' },
];

export const INJECTION_CORPUS: readonly InjectionCase[] = CASES;

/** A label for test names that shows the case without its control characters. */
export function describeCase(c: InjectionCase): string {
  return `${c.category}: ${c.name}`;
}
