// A small POSIX sh parser for what SSH exec receives from the agent and `ansible -m raw`: words with
// single/double quotes and backslashes, `$1`/`${NAME}` expansion (as one field, no splitting),
// `VAR=x` prefixes, redirections, and `&&`, `||`, `;`, newline.

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&';
  target: string;
}

export interface SimpleCommand {
  env: Record<string, string>;
  argv: string[];
  redirects: Redirect[];
}

export type Connector = '&&' | '||' | ';';

export interface CommandStep {
  command: SimpleCommand;
  /** How this step joins the previous one (the first step has ';'). */
  after: Connector;
}

export class ShellSyntaxError extends Error {}

type Token = { kind: 'word'; value: string } | { kind: 'op'; value: string };

const OPERATORS = ['&&', '||', '>>', '>&', ';', '\n', '>', '<', '|', '&'];

/** Looks up `$0`..`$9`, `$#` and named variables; unset ones expand to nothing. */
export type VariableLookup = (name: string) => string | undefined;

/** Expands the parameter starting at line[i] (a `$`); returns the text and the index after it. */
function expandParameter(line: string, i: number, vars: VariableLookup): [string, number] {
  const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*|[0-9]+|#)\}/.exec(line.slice(i));
  const bare = /^\$([A-Za-z_][A-Za-z0-9_]*|[0-9#])/.exec(line.slice(i));
  const match = braced ?? bare;
  if (!match) return ['$', i + 1];
  return [vars(match[1] as string) ?? '', i + match[0].length];
}

function tokenize(line: string, vars: VariableLookup): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let word: string | null = null;
  const flush = () => {
    if (word !== null) tokens.push({ kind: 'word', value: word });
    word = null;
  };
  while (i < line.length) {
    const c = line[i] as string;
    if (c === ' ' || c === '\t') {
      flush();
      i++;
    } else if (c === '#' && word === null) {
      while (i < line.length && line[i] !== '\n') i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) throw new ShellSyntaxError('Syntax error: Unterminated quoted string');
      word = (word ?? '') + line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      let value = '';
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '$') {
          const [text, next] = expandParameter(line, i, vars);
          value += text;
          i = next;
          continue;
        }
        if (line[i] === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1] as string)) i++;
        value += line[i];
        i++;
      }
      if (i >= line.length) throw new ShellSyntaxError('Syntax error: Unterminated quoted string');
      word = (word ?? '') + value;
      i++;
    } else if (c === '\\') {
      word = (word ?? '') + (line[i + 1] ?? '');
      i += 2;
    } else if (c === '$') {
      const [text, next] = expandParameter(line, i, vars);
      word = (word ?? '') + text;
      i = next;
    } else {
      const op = OPERATORS.find((o) => line.startsWith(o, i));
      if (op) {
        // `2>` and `2>&1`: a bare number right before a redirection is its file descriptor.
        if ((op === '>' || op === '>>' || op === '>&' || op === '<') && word !== null && /^\d$/.test(word)) {
          tokens.push({ kind: 'op', value: `${word}${op}` });
          word = null;
        } else {
          flush();
          tokens.push({ kind: 'op', value: op });
        }
        i += op.length;
      } else {
        word = (word ?? '') + c;
        i++;
      }
    }
  }
  flush();
  return tokens;
}

function parseRedirect(op: string, target: string | undefined): Redirect {
  const match = /^(\d?)(>>|>&|>|<)$/.exec(op);
  if (!match || target === undefined) throw new ShellSyntaxError(`Syntax error: redirection unexpected`);
  const kind = match[2] as Redirect['op'];
  const fd = match[1] ? Number(match[1]) : kind === '<' ? 0 : 1;
  return { fd, op: kind, target };
}

export function parseCommandLine(line: string, vars: VariableLookup = () => undefined): CommandStep[] {
  const tokens = tokenize(line, vars);
  const steps: CommandStep[] = [];
  let current: SimpleCommand = { env: {}, argv: [], redirects: [] };
  let after: Connector = ';';
  const finish = (next: Connector) => {
    if (current.argv.length === 0) {
      if (next !== ';' || after !== ';' || Object.keys(current.env).length > 0 || current.redirects.length > 0) {
        throw new ShellSyntaxError(`Syntax error: "${next === ';' ? after : next}" unexpected`);
      }
    } else {
      steps.push({ command: current, after });
    }
    current = { env: {}, argv: [], redirects: [] };
    after = next;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind === 'word') {
      const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(token.value);
      if (assignment && current.argv.length === 0) current.env[assignment[1] as string] = assignment[2] as string;
      else current.argv.push(token.value);
    } else if (token.value === '&&' || token.value === '||') {
      finish(token.value);
    } else if (token.value === ';' || token.value === '\n') {
      finish(';');
    } else if (token.value === '|' || token.value === '&') {
      throw new ShellSyntaxError(`Syntax error: "${token.value}" is not supported by the simulated shell`);
    } else {
      const target = tokens[++i];
      current.redirects.push(parseRedirect(token.value, target?.kind === 'word' ? target.value : undefined));
    }
  }
  finish(';');
  return steps;
}
