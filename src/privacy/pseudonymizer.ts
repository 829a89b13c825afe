/**
 * `--pseudonymize`: user names, UPNs, user object ids and IP addresses become stable keyed
 * hashes (HMAC-SHA256 with a key only the operator holds), in the database and so in every
 * report and query, so a report can go to a vendor. The same key gives the same pseudonym
 * every night (joins and counts keep working); without the key a pseudonym cannot be
 * reversed by hashing a list of known names. Applied after classification: rules still see
 * the real values (a guest's `#EXT#` UPN), the stored event does not.
 */
import {createHmac} from 'node:crypto';
import type {AuthEvent, TokenAtUse} from '../extract/event.js';
import {type EventField, eventFields} from '../store/event-fields.js';

/** The event fields --pseudonymize replaces: their path in an AuthEvent (the rule field name), and how. */
const pseudonymized = (eventFields as readonly EventField[]).flatMap((f) =>
	f.pseudonymize && f.rule ? [{path: f.rule.name.split('.') as [string, string?], kind: f.pseudonymize}] : [],
);

const domain = '@pseudonymized.invalid';
/** Addresses, also URL-encoded (`login_hint=carol%40contoso.com`) and with an apostrophe (o'brien@). */
const email = /[A-Za-z0-9._%+#'-]{1,64}(?:@|%40)[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;
/** An IPv4 address, also at the end of a sentence (`from 10.1.2.3.`). */
const ipv4 = /(?<![\d.])(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?!\d|\.\d)/g;
/** IPv6, full or compressed (`2001:db8::1`, `fe80::1%eth0`). */
const ipv6 =
	/(?<![0-9A-Fa-f:])(?:(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,7}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?|::(?:[0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{1,4})(?:%[A-Za-z0-9]+)?(?![0-9A-Fa-f:])/g;
/**
 * A user object id by its label (`oid=`, `"userId":"`, `user object id:`) or in a Graph user
 * path (`/users/{id}`). Other GUIDs (correlation, request, tenant, app ids) name no person
 * and stay, so a support case can still quote them.
 */
const labelledUserId =
	/((?:(?<![A-Za-z0-9])(?:user[ _-]?(?:object[ _-]?)?id|object[ _-]?id|oid|principal[ _-]?id)\\?["']?\s{0,8}[=:]\s{0,8}\\?["']?)|\/users\/)([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})(?![0-9A-Fa-f-])/gi;
const mentionsUserId = /id|\/users\//i;
/** Claims that name a person or their address. */
const personalClaims = ['upn', 'unique_name', 'email', 'preferred_username', 'name', 'given_name', 'family_name', 'ipaddr', 'oid', 'sub', 'emails'];

export class Pseudonymizer {
	/** `key` is public to hand the same key to a reader thread. */
	constructor(readonly key: Buffer) {}

	private hash(kind: string, value: string): string {
		return createHmac('sha256', this.key).update(`${kind}:${value.toLowerCase()}`).digest('hex').slice(0, 12);
	}

	upn(value: string | undefined): string | undefined {
		if (value === undefined || value.endsWith(domain)) return value;
		return `user-${this.hash('upn', value)}${domain}`;
	}

	ip(value: string | undefined): string | undefined {
		if (value === undefined || /^ip-[0-9a-f]{12}$/.test(value)) return value;
		return `ip-${this.hash('ip', value)}`;
	}

	userId(value: string | undefined): string | undefined {
		if (value === undefined || /^uid-[0-9a-f]{12}$/.test(value)) return value;
		return `uid-${this.hash('uid', value)}`;
	}

	/**
	 * E-mail addresses, IP addresses and user object ids inside free text; `userId`, the
	 * event's own user object id, wherever it appears, labelled or not.
	 */
	text(value: string | undefined, userId?: string): string | undefined {
		if (value === undefined) return value;
		let out = value.includes('@') || value.includes('%40') ? value.replace(email, (m) => this.upn(m.replace('%40', '@'))!) : value;
		if (userId !== undefined && userId.length >= 8) out = replaceCaseless(out, userId, this.userId(userId)!);
		if (mentionsUserId.test(out)) out = out.replace(labelledUserId, (_, label: string, id: string) => `${label}${this.userId(id)}`);
		if (/\d\.\d/.test(out)) out = out.replace(ipv4, (m) => this.ip(m)!);
		// Times (10:41:17) look like IPv6 groups: an address has a hex letter, a `::`, or more groups.
		if (out.includes(':')) out = out.replace(ipv6, (m) => (/[a-f]/i.test(m) || m.includes('::') || m.split(':').length > 4 ? this.ip(m)! : m));
		return out;
	}

	/** Every field the field table marks (event-fields.ts), and the tokens' claims. */
	event(event: AuthEvent): void {
		const userId = event.who.userId;
		for (const {path, kind} of pseudonymized) {
			const [group, key] = path;
			const holder = (key === undefined ? event : (event as unknown as Record<string, Record<string, unknown> | undefined>)[group]) as
				| Record<string, unknown>
				| undefined;
			const name = key ?? group;
			const value = holder?.[name];
			if (typeof value !== 'string') continue;
			holder![name] = kind === 'text' ? this.text(value, userId) : this[kind](value);
		}
		if (event.tokens) event.tokens = event.tokens.map((t) => this.token(t));
	}

	private token(token: TokenAtUse): TokenAtUse {
		if (!token.claimsJson) return token;
		const claims = JSON.parse(token.claimsJson) as Record<string, unknown>;
		for (const name of personalClaims) {
			const value = claims[name];
			if (typeof value === 'string') claims[name] = name === 'ipaddr' ? this.ip(value) : this.claim(name, value);
		}
		// Every other value, however deep (emails lists, signInNames.emailAddress, login_hint): addresses inside it.
		return {...token, claimsJson: JSON.stringify(this.deep(claims))};
	}

	private deep(value: unknown): unknown {
		if (typeof value === 'string') return this.text(value);
		if (Array.isArray(value)) return value.map((v) => this.deep(v));
		if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.deep(v)]));
		return value;
	}

	/** An address inside a claim is pseudonymized as such; a name or an id whole. */
	private claim(name: string, value: string): string {
		if (/^p-[0-9a-f]{12}$/.test(value)) return value;
		const replaced = this.text(value)!;
		return replaced !== value ? replaced : `p-${this.hash(name, value)}`;
	}
}

/** Every occurrence of `needle` in `text`, in any letter case (GUIDs are written upper and lower). */
function replaceCaseless(text: string, needle: string, replacement: string): string {
	const lower = text.toLowerCase();
	const wanted = needle.toLowerCase();
	let at = lower.indexOf(wanted);
	if (at === -1) return text;
	let out = '';
	let copied = 0;
	for (; at !== -1; at = lower.indexOf(wanted, copied)) {
		out += text.slice(copied, at) + replacement;
		copied = at + wanted.length;
	}
	return out + text.slice(copied);
}

/** The key, from AADLOG_PSEUDONYM_KEY or a key file; at least 16 bytes. */
export function pseudonymKey(fromEnv: string | undefined, fromFile: Buffer | undefined): Buffer | undefined {
	const key = fromFile ?? (fromEnv === undefined ? undefined : Buffer.from(fromEnv));
	if (key === undefined) return undefined;
	const trimmed = Buffer.from(key.toString('latin1').trim(), 'latin1');
	return trimmed.length >= 16 ? trimmed : undefined;
}
