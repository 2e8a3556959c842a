import { KickstartError, type KickstartFieldPath } from './kickstart-error';

// Characters that may never reach a kickstart or shell line, whatever the quoting: a line break
// would start a new kickstart line (or `%end` a section), NUL truncates, other C0/C1/DEL controls
// confuse terminals and parsers, and Python's str.splitlines() also breaks at U+2028/U+2029.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function assertSingleLine(value: string, path: KickstartFieldPath): void {
  if (CONTROL_CHARACTERS.test(value)) {
    throw new KickstartError('must not contain line breaks, NUL or other control characters', path);
  }
}

// pykickstart splits each command line with Python's shlex.split(line, comments=True) (POSIX mode):
// outside quotes `#` starts a comment even mid-word, quotes, backslashes and blanks are syntax, and
// nothing (not `$`) is ever expanded.
const KICKSTART_BARE_WORD = /^[A-Za-z0-9@%+=:,./_$-]+$/;
// Inside POSIX shlex double quotes only `"` and `\` are special; we refuse both rather than escape.
const KICKSTART_UNQUOTABLE = /["\\]/;

/**
 * One kickstart argument, quoted so that pykickstart's tokenizer returns exactly `value`.
 * Throws KickstartError for values that no quoting makes safe.
 */
export function kickstartArgument(value: string, path: KickstartFieldPath): string {
  assertSingleLine(value, path);
  if (value === '') throw new KickstartError('must not be empty', path);
  if (KICKSTART_BARE_WORD.test(value)) return value;
  if (KICKSTART_UNQUOTABLE.test(value)) {
    throw new KickstartError('must not contain double quotes or backslashes', path);
  }
  return `"${value}"`;
}

/** `--name=value` with the value quoted by {@link kickstartArgument}. */
export function kickstartOption(name: string, value: string, path: KickstartFieldPath): string {
  return `--${name}=${kickstartArgument(value, path)}`;
}

/** One shell word for a %pre/%post script: single quotes, so nothing inside is ever expanded. */
export function shellWord(value: string, path: KickstartFieldPath): string {
  assertSingleLine(value, path);
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

const HEREDOC_DELIMITER = 'BOOTFLEET_EOF';

/**
 * A here-document feeding `content` to `command` verbatim: the quoted delimiter turns off
 * expansion. Lines starting with `%` are refused because Anaconda would read them as section
 * headers (`%end`, `%post`...) before the shell ever sees them.
 */
export function heredoc(command: string, content: string, path: KickstartFieldPath): string {
  const lines = content.endsWith('\n') ? content.slice(0, -1).split('\n') : content.split('\n');
  for (const line of lines) {
    assertSingleLine(line, path);
    if (line === HEREDOC_DELIMITER || line.trimStart().startsWith('%')) {
      throw new KickstartError('file content would break out of its here-document', path);
    }
  }
  return [`${command} <<'${HEREDOC_DELIMITER}'`, ...lines, HEREDOC_DELIMITER].join('\n');
}

/**
 * Shell that writes `content` to `file` with the given mode, via base64 so that not one byte
 * of a secret is ever interpreted by the kickstart parser or the shell.
 */
export function writeFileBase64(file: string, content: string, mode: '600' | '644', path: KickstartFieldPath): string {
  const encoded = Buffer.from(content, 'utf8').toString('base64').match(/.{1,76}/g) ?? [''];
  const target = shellWord(file, path);
  // Created with its final mode before any byte is written, so a secret is never world-readable.
  return [`install -m ${mode} /dev/null ${target}`, heredoc(`base64 -d > ${target}`, encoded.join('\n'), path)].join('\n');
}
