/**
 * The token `uti` claim and the sign-in log's `uniqueTokenIdentifier` are the sign-in's
 * Request ID GUID, as base64url of its bytes in .NET order (the first three groups
 * little-endian). Some exports write base64 of the GUID's text instead. Both are brought to
 * the 22-character base64url form, so a token in an app log joins the sign-in that issued it.
 */

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const utiPattern = /^[A-Za-z0-9_-]{22}$/;

/**
 * Where each byte of the uti sits in the GUID's text (the offset of its two hex digits), in
 * .NET Guid.ToByteArray() order: Data1, Data2 and Data3 little-endian, the rest as written.
 * Read both ways, by utiFromGuid and guidFromUti.
 */
const digitOffsets = [6, 4, 2, 0, 11, 9, 16, 14, 19, 21, 24, 26, 28, 30, 32, 34];
const guidBytes = Buffer.alloc(16);

/** A hex digit's value (either case); the GUID was checked against guidPattern. */
function hexValue(code: number): number {
	return code <= 0x39 ? code - 0x30 : (code | 0x20) - 0x57;
}

/**
 * Request ID GUID (guidPattern) → uti (22 base64url characters). Once per sign-in, so
 * digit by digit rather than through a regex and a hex Buffer: 23 ms instead of 58 ms for
 * the 100 MB benchmark's 80,197 GUIDs (medians of 7, in-process).
 */
export function utiFromGuid(guid: string): string {
	for (let i = 0; i < 16; i++) {
		const at = digitOffsets[i];
		guidBytes[i] = (hexValue(guid.charCodeAt(at)) << 4) | hexValue(guid.charCodeAt(at + 1));
	}
	return guidBytes.toString('base64url');
}

/** uti → the Request ID GUID it encodes (lower case), or undefined when it is not one. */
export function guidFromUti(uti: string): string | undefined {
	if (!utiPattern.test(uti)) return undefined;
	const bytes = Buffer.from(uti, 'base64url');
	if (bytes.length !== 16) return undefined;
	const text = [...'00000000-0000-0000-0000-000000000000'];
	for (let i = 0; i < 16; i++) {
		const hex = bytes.toString('hex', i, i + 1);
		text[digitOffsets[i]] = hex[0];
		text[digitOffsets[i] + 1] = hex[1];
	}
	return text.join('');
}

/** Any spelling of a token identifier (uti, GUID, base64 of the GUID text) → the uti form. */
export function normalizeUti(value: string | undefined): string | undefined {
	if (!value) return undefined;
	const v = value.trim();
	if (utiPattern.test(v)) return v;
	if (guidPattern.test(v)) return utiFromGuid(v);
	if (/^[A-Za-z0-9+/_-]{48}={0,2}$/.test(v)) {
		const text = Buffer.from(v, 'base64').toString('latin1');
		if (guidPattern.test(text)) return utiFromGuid(text);
	}
	return v;
}

/**
 * The uti of the token a sign-in issued: its uniqueTokenIdentifier, or else (Graph v1.0 has
 * no such field) the uti its Request ID encodes. Failed sign-ins issue no token, so theirs
 * simply never joins.
 */
export function tokenIdOfSignin(uniqueTokenIdentifier: string | undefined, requestId: string | undefined): string | undefined {
	if (uniqueTokenIdentifier) return normalizeUti(uniqueTokenIdentifier);
	return requestId && guidPattern.test(requestId) ? utiFromGuid(requestId) : undefined;
}
