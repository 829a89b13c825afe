/**
 * Where output goes and how it looks: results on stdout, messages on stderr, colors only
 * on a TTY and never with NO_COLOR. A closed stdout (`aadlog ... | head -1`) ends the
 * process quietly instead of with an EPIPE stack trace.
 */
import kleur from 'kleur';
import {redactText} from '../tokens/redact.js';

export function setupOutput(): void {
	kleur.enabled = Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb';
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') process.exit(0);
		throw error;
	});
}

export function writeOut(text: string): void {
	process.stdout.write(text);
}

/** Messages quote their arguments (a file name, an option value): a token pasted there is redacted. */
export function warn(text: string): void {
	process.stderr.write(`aadlog: ${redactText(text)}\n`);
}
