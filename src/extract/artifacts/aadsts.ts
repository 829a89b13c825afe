/** `AADSTS50126` anywhere in text, including glued to escapes (`\r\nAADSTS50126:`). */
const aadstsPattern = /AADSTS(\d{4,8})/g;

/** Every distinct AADSTS code in the text, in order of appearance. */
export function findAadstsCodes(text: string, into: number[]): void {
	if (!text.includes('AADSTS')) return;
	aadstsPattern.lastIndex = 0;
	for (let m = aadstsPattern.exec(text); m !== null; m = aadstsPattern.exec(text)) {
		const code = Number(m[1]);
		if (!into.includes(code)) into.push(code);
	}
}

const idxPattern = /IDX(\d{5})/g;

/** Every distinct IdentityModel code (IDX10223, ...) in the text. */
export function findIdxCodes(text: string, into: string[]): void {
	if (!text.includes('IDX')) return;
	idxPattern.lastIndex = 0;
	for (let m = idxPattern.exec(text); m !== null; m = idxPattern.exec(text)) {
		const code = `IDX${m[1]}`;
		if (!into.includes(code)) into.push(code);
	}
}
