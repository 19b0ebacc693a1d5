/* Server text is shown on the terminal, never interpreted by it. Every string that came from
 * a server (customer, account and user names, error messages, notices) passes through
 * terminalSafe() before it reaches stdout or stderr in human output: C0 and C1 controls, DEL
 * and the bidirectional-override characters become visible escapes, so a customer named
 * `\e]52;c;…\a` cannot write the clipboard, `\r\e[2K` cannot erase the PRODUCTION banner and
 * U+202E cannot reverse the rest of a line. --json output is exact JSON and is not touched. */

/** The usual names for the controls people know; everything else is `\u{hex}`. */
const NAMED: Readonly<Record<string, string>> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\u001b': '\\e',
};

// C0, DEL + C1, Arabic letter mark, LRM/RLM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (ch) => NAMED[ch] ?? `\\u{${(ch.codePointAt(0) as number).toString(16)}}`);
}

/** Multi-line data (a CSV export on a terminal): each line made safe, the line breaks kept. */
export function terminalSafeLines(text: string): string {
  return text.split('\n').map(terminalSafe).join('\n');
}

/** One word for a POSIX shell: as it is when it holds only safe characters, else single-quoted
 *  (for command lines the CLI prints for the person to paste, built from server ids). */
export const shellWord = (text: string): string => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);
