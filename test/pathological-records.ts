/**
 * Records built to make a scan super-linear: each repeats one shape that a search loop or a
 * regex once handled in quadratic time (a rescan per occurrence, a list searched per match,
 * adjacent quantifiers over one run). `size` is in characters.
 */

/** Pieces `piece(i)` appended until the text is `size` characters long. */
function repeated(size: number, piece: (i: number) => string): string {
	const parts: string[] = [];
	let length = 0;
	for (let i = 0; length < size; i++) {
		const part = piece(i);
		parts.push(part);
		length += part.length;
	}
	return parts.join('');
}

export const pathologicalShapes: Record<string, (size: number) => string> = {
	'distinct AADSTS codes': (size) => repeated(size, (i) => `AADSTS${10_000 + (i % 90_000_000)} `),
	'distinct IDX codes': (size) => repeated(size, (i) => `IDX${10_000 + (i % 90_000)} `),
	'distinct eyJ fragments': (size) => repeated(size, (i) => `eyJ${i.toString(36)}aaaa.bb `),
	'a labelled id followed by a long run of spaces': (size) => 'correlation id' + ' '.repeat(size) + 'x',
	'nested error bodies that never parse': (size) => '{"error"'.repeat(size / 16) + '}'.repeat(size / 16),
	'eyJ pieces joined by dots on one line': (size) => 'eyJaaaaa.'.repeat(size / 9) + '\nnext line',
	'distinct expected audiences': (size) => "validationParameters.ValidAudiences: '" + repeated(size, (i) => `api://a${i}, `) + "'",
	'an error body with distinct error codes': (size) => '{"error":"invalid_grant","error_codes":[' + repeated(size, (i) => `${50_000 + i},`) + '50126]}',
	'Bearer repeated': (size) => 'Bearer '.repeat(size / 7),
	'many newlines between eyJ pieces': (size) => repeated(size, () => 'eyJaaaaaaaa\n' + 'b'.repeat(16) + '\n'),
	'long base64url run': (size) => 'eyJ' + 'a'.repeat(size),
	'labels with short values after a secret word': (size) => 'token ' + 'a='.repeat(size / 2),
	'scope labels before unclosed lists': (size) => 'scope:['.repeat(size / 7),
	'scope labels with quoted values inside a challenge': (size) => 'Bearer scope="'.repeat(size / 14),
	'WWW-Authenticate labels with hidden values': (size) => 'WWW-Authenticate: [PII is hidden] '.repeat(size / 34),
	'JWT headers rendered as JSON without payloads': (size) => '{"alg":"RS256","kid":"k"}.'.repeat(size / 27),
	'ASP.NET Core request lines without a status': (size) => 'Request finished GET '.repeat(size / 21),
	'audiences quoted and never closed': (size) => "The audience '".repeat(size / 14),
	'grant_type labels with unknown values': (size) => repeated(size, (i) => `grant_type=g${i} `),
};

/** One record holding a slice of every shape: what a hostile or broken log line can look like. */
export function mixedPathologicalRecord(size: number): string {
	const shapes = Object.values(pathologicalShapes);
	return shapes.map((make) => make(Math.floor(size / shapes.length))).join(' ');
}
