/**
 * Where output goes and how it looks: results on stdout, messages on stderr, colors only
 * on a TTY and never with NO_COLOR. A closed stdout (`aadlog ... | head -1`) ends the
 * process quietly instead of with an EPIPE stack trace.
 *
 * Every text aadlog prints passes through here: human text through `humanText`, JSON
 * through `jsonText`. Both run the text redactor (a token quoted by a log line or an
 * argument is never printed) and keep terminal control characters from log fields away
 * from the terminal.
 */
import {redactIdentifier, redactText} from '../tokens/redact.js';
import {renderColorMarks, setColors} from './colors.js';
import {escapeJsonControls, neutralizeControls} from './control-chars.js';

export function setupOutput(): void {
	setColors(Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb');
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') process.exit(0);
		throw error;
	});
}

/** Text for a person: redacted, control characters shown as escapes, then the colors applied. */
export function humanText(text: string): string {
	return renderColorMarks(neutralizeControls(redactText(text)));
}

/**
 * JSON whose every string value is redacted and whose every control character is escaped.
 * A value is redacted on its own, as the store redacts a column: one word is an id (a uti,
 * a kid), not the piece of a folded token that it would be at the start of a log record.
 */
export function jsonText(value: unknown, indent?: number): string {
	// A lone string or number needs no replacer, whose call per value made `query --jsonl` twice as slow as --csv.
	if (typeof value === 'string') return escapeJsonControls(JSON.stringify(redactIdentifier(value)));
	if (typeof value === 'number' || value === null) return JSON.stringify(value);
	return escapeJsonControls(JSON.stringify(value, redactStrings, indent));
}

const redactStrings = (_key: string, v: unknown): unknown => (typeof v === 'string' ? redactIdentifier(v) : v);

export function writeOut(text: string): void {
	process.stdout.write(humanText(text));
}

/** One JSON document on stdout, then a line break. */
export function writeJson(value: unknown, indent?: number): void {
	process.stdout.write(jsonText(value, indent) + '\n');
}

/**
 * Code aadlog generated from rule files, such as an exported KQL query: it holds no log
 * data and must run as generated, so it is not redacted (a fix text saying
 * "assertion = the access token" is no credential); control characters are still shown
 * as escapes. JSON output of it is escaped as JSON, not redacted.
 */
export function writeGenerated(text: string): void {
	writeNeutralized(text);
}

/**
 * Text assembled from values that each went through redactIdentifier (query results): not
 * redacted again as a whole, where a line starting with an id would read as a token's piece.
 */
export function writeAssembled(text: string): void {
	writeNeutralized(text);
}

function writeNeutralized(text: string): void {
	process.stdout.write(renderColorMarks(neutralizeControls(text)));
}

export function writeGeneratedJson(value: unknown): void {
	process.stdout.write(escapeJsonControls(JSON.stringify(value)) + '\n');
}

/** Messages quote their arguments (a file name, an option value): redacted and neutralized like any text. */
export function warn(text: string): void {
	process.stderr.write(`aadlog: ${humanText(text)}\n`);
}

/** Columns human text wraps to: the terminal's width, or 80 when stdout is a file or a pipe. */
export function terminalWidth(): number {
	return process.stdout.isTTY ? Math.max(40, process.stdout.columns || 80) : 80;
}
