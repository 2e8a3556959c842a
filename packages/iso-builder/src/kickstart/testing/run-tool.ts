import { spawnSync, type SpawnSyncOptions } from 'node:child_process';

/** Runs a real tool and returns its stdout; a missing tool or a non-zero exit fails loudly. */
export function runTool(command: string, args: string[], options: SpawnSyncOptions & { input?: string } = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000, ...options });
  if (result.error) throw new Error(`${command} could not run (${result.error.message}); install it (scripts/debian-packages.txt)`);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${String(result.stderr)}`);
  }
  return String(result.stdout);
}

export interface KickstartSection {
  header: string[];
  body: string;
}

/**
 * Splits a kickstart the way pykickstart does: commands are tokenised with Python's
 * shlex.split(line, comments=True); a section runs from its header to the first line whose
 * first token is %end. Returns the command lines' tokens and the sections' raw bodies.
 */
export function parseWithPythonShlex(kickstart: string): { commands: string[][]; sections: KickstartSection[] } {
  const script = `
import json, shlex, sys
commands, sections, current = [], [], None
for line in sys.stdin.read().split("\\n"):
    if current is not None:
        stripped = line.lstrip()
        if stripped.split() and stripped.split()[0] == "%end":
            sections.append(current); current = None
        else:
            current["body"] += line + "\\n"
        continue
    if not line.strip() or line.lstrip().startswith("#"):
        continue
    tokens = shlex.split(line, comments=True)
    if tokens[0] in ("%pre", "%post", "%packages", "%pre-install", "%onerror", "%traceback"):
        current = {"header": tokens, "body": ""}
    else:
        commands.append(tokens)
if current is not None:
    sys.exit("unterminated section " + " ".join(current["header"]))
json.dump({"commands": commands, "sections": sections}, sys.stdout)
`;
  return JSON.parse(runTool('python3', ['-c', script], { input: kickstart })) as {
    commands: string[][];
    sections: KickstartSection[];
  };
}
