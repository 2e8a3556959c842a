import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { goldenCases } from './golden-cases.fixture';
import { parseWithPythonShlex, runTool } from './testing/run-tool';

// pykickstart's ksvalidator is not packaged for Debian 12, so the golden files are checked with
// the tokenizer pykickstart uses (Python's shlex) and the shell Anaconda runs scripts with (bash).
const KNOWN_COMMANDS = new Set([
  'text', 'lang', 'keyboard', 'timezone', 'network', 'rootpw', 'sshkey', 'user', 'ignoredisk', 'zerombr',
  'clearpart', 'reqpart', 'part', 'autopart', 'ostreecontainer', 'reboot', '%include',
]);

const workDir = mkdtempSync(join(tmpdir(), 'bootfleet-ks-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe.each(goldenCases)('golden kickstart $name', (golden) => {
  const kickstart = readFileSync(join(__dirname, '__golden__', `${golden.name}.ks`), 'utf8');
  const parsed = parseWithPythonShlex(kickstart);

  it('tokenises into known commands only', () => {
    for (const tokens of parsed.commands) expect(KNOWN_COMMANDS, tokens.join(' ')).toContain(tokens[0]);
  });

  it('hands pykickstart each SSH key and password hash as one argument', () => {
    const users = Array.isArray(golden.record.users) ? golden.record.users : [];
    const expectedKeys = [['root', golden.options.fleetPublicKey], ...users.flatMap((user) => (user.sshKeys ?? []).map((key) => [user.name, key]))];
    const sshkeys = parsed.commands.filter((tokens) => tokens[0] === 'sshkey');
    expect(sshkeys).toEqual(expectedKeys.map(([user, key]) => ['sshkey', `--username=${user}`, key]));
    for (const tokens of parsed.commands.filter((t) => t[0] === 'user')) {
      const password = tokens.find((token) => token.startsWith('--password='));
      if (password !== undefined) expect(password).toMatch(/^--password=\$6\$[^\s]+\$[./0-9A-Za-z]{86}$/);
    }
  });

  it('has exactly the expected sections, each a valid bash script', () => {
    expect(parsed.sections.map((section) => section.header.join(' '))).toEqual(golden.sections);
    parsed.sections.forEach((section, index) => {
      const file = join(workDir, `${golden.name}-${index}.sh`);
      writeFileSync(file, section.body);
      runTool('bash', ['-n', file]);
    });
  });
});
