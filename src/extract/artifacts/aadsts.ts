/**
 * `AADSTS50126` anywhere in text, including glued to escapes (`\r\nAADSTS50126:`). A code is
 * 5 to 8 digits and ends where the digits do: `AADSTS500111111111` is no code, rather than a
 * different, real one cut out of it.
 */
const aadstsPattern = /AADSTS(\d{5,8})(?!\d)/g;

/** Every distinct AADSTS code in the text, in order of appearance. */
export function findAadstsCodes(text: string, into: number[]): void {
	if (!text.includes('AADSTS')) return;
	const seen = new Set(into); // a record can carry thousands of distinct codes: no scan of `into` per match
	aadstsPattern.lastIndex = 0;
	for (let m = aadstsPattern.exec(text); m !== null; m = aadstsPattern.exec(text)) {
		const code = Number(m[1]);
		if (!seen.has(code)) {
			seen.add(code);
			into.push(code);
		}
	}
}

/** IdentityModel codes are IDX and exactly 5 digits. */
const idxPattern = /IDX(\d{5})(?!\d)/g;

/** Every distinct IdentityModel code (IDX10223, ...) in the text. */
export function findIdxCodes(text: string, into: string[]): void {
	if (!text.includes('IDX')) return;
	const seen = new Set(into);
	idxPattern.lastIndex = 0;
	for (let m = idxPattern.exec(text); m !== null; m = idxPattern.exec(text)) {
		const code = `IDX${m[1]}`;
		if (!seen.has(code)) {
			seen.add(code);
			into.push(code);
		}
	}
}
