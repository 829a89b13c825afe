/**
 * The one redactor: every text aadlog stores, prints or reports (messages, sign-in free
 * text, rule evidence, rejects' excerpts, file paths, run arguments, warnings) goes through
 * `redactText`. It replaces JWTs by their fingerprint (`<jwt:FINGERPRINT>`, so joins and
 * token facts still work), opaque bearer values, named secrets, credentials recognised by
 * shape, and the pieces of a token that a record's end cut in two.
 */
import {redactTokens} from './find.js';
import {redactShapes} from './secret-shapes.js';
import {redactSecrets} from './secrets.js';

/**
 * The head of a JWT that the record ended inside (`eyJ...` with no payload after its dot):
 * no whole-token pattern took it, so it goes whole.
 */
const tokenHead = /(?:(?<![A-Za-z0-9_-])|(?<=%[0-9A-Fa-f]{2}|\\[nrt]))eyJ[A-Za-z0-9_-]{8,8192}(?:\.[A-Za-z0-9_-]?)?/g;
/**
 * A token folded over records (a text log's unindented continuation line, Docker json-file
 * and CRI partial lines) leaves its tail at the start of the next record: a base64url run
 * right at a piece's start (the text's, a line's, a JSON string's, or after a CRI `stdout P`
 * tag) that fills its piece. Redacted on its own, each record's piece is safe whatever the
 * joiner does, and no state is carried between records. Matches start only at those
 * boundaries and the run is greedy with nothing after it to backtrack for: linear time.
 */
const pieceStart = /(^|\r?\n|\\n|\\r|:\s{0,2}"|(?:stdout|stderr) [PF] )([ \t]{0,64})([A-Za-z0-9_-][A-Za-z0-9_.-]{15,8192})/g;
/** Where a piece ends: the text's end, a line's, a string's, or whitespace. */
const pieceEnd = /[\r\n"'\s\\]/;
/** A run of 16 base64url characters somewhere: the prefilter of the piece rule. */
const longRun = /[A-Za-z0-9_-]{16}/;

/**
 * Base64url of random bytes mixes upper and lower case with digits or `_`/`-`. Words,
 * dotted .NET names (`Microsoft.IdentityModel.Tokens`), GUIDs and hex digests do not, and
 * neither do identifiers made of words (`AcquireTokenSilent_Async2`, `HttpClientFactory_Retry3`).
 */
function looksRandom(run: string): boolean {
	return /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9_-]/.test(run) && !/^[0-9a-fA-F-]+$/.test(run) && !madeOfWords(run);
}

/**
 * Runs of lower-case letters 3.5 long on average: words. In random base64url a lower-case
 * letter is followed by another 41% of the time, so its runs average 1.7: of 20,000 random
 * runs, 1.86% of 16 characters look like words this way, 0.70% of 24, 0.03% of 43.
 */
function madeOfWords(run: string): boolean {
	const lower = run.match(/[a-z]+/g);
	if (lower === null) return false;
	let letters = 0;
	for (const part of lower) letters += part.length;
	return letters / lower.length >= 3.5;
}

function redactCutPieces(text: string): string {
	let out = text.includes('eyJ') ? text.replace(tokenHead, '<jwt:cut>') : text;
	if (!longRun.test(out)) return out;
	pieceStart.lastIndex = 0;
	out = out.replace(pieceStart, (all, start: string, space: string, run: string, offset: number, whole: string) => {
		const next = whole[offset + all.length];
		return (next === undefined || pieceEnd.test(next)) && looksRandom(run) ? `${start}${space}<jwt:cut>` : all;
	});
	return out;
}

function redactAll(text: string): string {
	return redactCutPieces(redactWhole(text));
}

/** Tokens, named secrets and secret shapes: everything but the pieces a record's end cut off. */
function redactWhole(text: string): string {
	return redactShapes(redactSecrets(redactTokens(text, [])));
}

/**
 * Text decoded whole rather than cut from a log (a token's claims as JSON): no record end cut
 * it, so the piece rule is left out. It would take random claim values (jti, aio, nonce) for
 * a folded token's tail.
 */
export function redactDecoded(text: string): string {
	return redactWhole(text);
}

/**
 * Texts repeat (a few hundred distinct failure reasons over millions of sign-ins, a tenant's
 * user names): remembered. Short ones (a UPN, an app's name) in a memo that holds a big
 * tenant's users, at most 65,536 of 128 characters (a few MB); longer ones in one of 4,096.
 * With one memo of 4,096, a tenant of 5,000 users emptied it every few thousand sign-ins and
 * redacted each name afresh: 90 ms more per 105,000 sign-ins (bench/micro/redact-memo.js).
 */
const rememberedShort = new Map<string, string>();
const remembered = new Map<string, string>();
const short = {length: 128, entries: 65_536};
/**
 * Digits, spaces and time punctuation only (times, IPv4 addresses, numbers): every rule
 * needs a letter other than T and Z (a name, a scheme, `eyJ`, a mixed-case run), so none
 * can match. Such texts are unique per event and would only churn the memo.
 */
const inert = /^[\d\s:.,+TZ-]*$/;

/** How many redactions the memos hold (bench/micro/redact-memo.js and the tests read it). */
export function redactionsRemembered(): number {
	return rememberedShort.size + remembered.size;
}

/** Any text that is stored, printed or reported: the one entry point. */
export function redactText(text: string): string {
	// Nothing this short can hold a credential and its name or shape (`-p x` is 4 characters of 6).
	if (text.length < 8 || inert.test(text)) return text;
	if (text.length > 2048) return redactAll(text);
	const memo = text.length <= short.length ? rememberedShort : remembered;
	let redacted = memo.get(text);
	if (redacted === undefined) {
		redacted = redactAll(text);
		if (memo.size >= (memo === rememberedShort ? short.entries : 4096)) memo.clear();
		memo.set(text, redacted);
	}
	return redacted;
}

/**
 * An identifier column (a correlation id, a uti, a tenant id): one word is an id, not a
 * folded token's piece, so only a value with more in it goes through the redactor.
 */
export function redactIdentifier(text: string): string {
	return /^[A-Za-z0-9_-]{1,128}$/.test(text) ? text : redactText(text);
}

/** The last run of an excerpt cut short (`…`), whatever it was the start of: a secret's prefix is still a secret. */
const cutTail = /[^\s"'=:,;&<>()[\]{}]{1,4096}…$/;

/** A reject's excerpt: redacted like any text, and its cut end dropped. */
export function redactExcerpt(text: string): string {
	const redacted = redactText(text);
	if (!text.endsWith('…')) return redacted;
	// A bare secret value can have taken the ellipsis with it: it says the excerpt was cut.
	return redacted.endsWith('…') ? redacted.replace(cutTail, '<cut>…') : `${redacted}…`;
}
