/* Questions to a person, always on stderr (stdout stays the command's result), and only
 * when there is a terminal to ask on; without one the caller must pass the answer as a
 * flag (--password-stdin, --yes) so a script never hangs on a prompt. */
import { read } from 'read';
import { AppError } from '../shared/errors';
import { CliError, EXIT } from './exit-codes';
import { terminalSafe } from './terminal-text';

/** Both ends of the conversation are a terminal. */
export function canPrompt(): boolean {
  return !!process.stdin.isTTY && !!process.stderr.isTTY;
}

async function ask(prompt: string, silent = false): Promise<string> {
  try {
    return String(await read({ prompt, silent, replace: silent ? '' : undefined, input: process.stdin, output: process.stderr }));
  } catch (error) {
    // read rejects with "canceled" on Ctrl-C at the prompt.
    if (error instanceof Error && /cancel/i.test(error.message)) throw new AppError({ kind: 'Cancelled', message: 'Cancelled at the prompt.' });
    throw error;
  }
}

/** Hidden password prompt on a terminal. */
export async function promptPassword(email: string): Promise<string> {
  if (!canPrompt()) {
    throw new CliError('No terminal to ask for the password: pipe it in with --password-stdin.', EXIT.usage);
  }
  return ask(`Password for ${terminalSafe(email)}: `, true);
}

/** The first line of stdin (what `--password-stdin` reads); trailing CR/LF removed. */
export async function readFirstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(0x0a)) break;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const newline = text.indexOf('\n');
  return (newline >= 0 ? text.slice(0, newline) : text).replace(/\r$/, '');
}

/** y/N question; anything but y/yes is no. */
export async function confirmYesNo(question: string): Promise<boolean> {
  const answer = (await ask(`${question} [y/N] `)).trim().toLowerCase();
  return answer === 'y' || answer === 'yes';
}

/** Asks to type a number; true when the typed text is that number. */
export async function confirmTypedCount(question: string, matches: (typed: string) => boolean): Promise<boolean> {
  return matches(await ask(question));
}
